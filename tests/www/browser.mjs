// Shared by the page's tests and its benchmark: the page served from www/ on a free port, and
// Debian's Chromium driven by playwright-core (which never downloads a browser of its own).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../www/serve.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
/** Screenshots and other files a person may want to look at after a run. */
export const artifacts = join(root, 'target/www-artifacts');

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying to reach the internet, and those
// requests would be indistinguishable from the page's own in a network log.
export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Serves the page and starts Chromium; `close()` stops both. */
export async function start() {
  if (!existsSync(join(root, 'www/dist/app.js'))) throw new Error('www/dist/app.js is missing: run `make www`');
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM=/path/to/chrome`);
  }
  mkdirSync(artifacts, { recursive: true });
  const server = await serve({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  return {
    url: server.url,
    /** Every request the server answered, as `METHOD /path`. */
    served: server.served,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Opens the page in a new context and waits for its first result. Records every request, every
 * CSP violation, console error and uncaught exception. With `panicMarker`, the engine panics on
 * any text that holds it; with `testEngine`, the page's engine is `globalThis.__immutaPreflightTestEngine`
 * (the page's test-only hooks, www/src/engine.js).
 */
export async function open(
  session,
  { viewport = { width: 1280, height: 800 }, colorScheme = 'light', panicMarker, testEngine = false } = {},
) {
  const context = await session.browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const log = { requests: [], violations: [], errors: [] };
  page.on('request', (request) => log.requests.push(request.url()));
  page.on('pageerror', (error) => log.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') log.errors.push(message.text());
  });
  await page.exposeFunction('reportViolation', (v) => log.violations.push(v));
  if (testEngine) await page.addInitScript(() => (globalThis.__immutaPreflightTestEngine = true));
  if (panicMarker) {
    await page.addInitScript((marker) => (globalThis.__immutaPreflightPanicMarker = marker), panicMarker);
  }
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      window.reportViolation(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  await page.goto(session.url);
  await page.waitForSelector('body[data-ready]');
  return { page, context, log };
}

/** Pastes `text` over the editor's whole content, as Ctrl+A then Ctrl+V would. */
export async function paste(page, text) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    document.querySelector('.cm-content').dispatchEvent(event);
  }, text);
}

/** The diagnostics list as the snapshots list findings: `severity code pointer line:column`. */
export function listed(page) {
  return page.$$eval('#diagnostics .diagnostic', (items) =>
    items.map((item) => {
      const severity = item.className.split(' ')[1];
      const code = item.querySelector('.docs').textContent;
      const pointer = item.querySelector('.pointer')?.textContent ?? '""';
      const where = item.querySelector('.where').textContent;
      return `${severity} ${code} ${pointer} ${where}`;
    }),
  );
}

/** The editor's text, as CodeMirror holds it (the DOM shows only the visible lines). */
export function editorText(page) {
  // CodeMirror keeps its view on the content element's tile (what EditorView.findFromDOM reads).
  return page.evaluate(() => document.querySelector('.cm-content').cmTile.root.view.state.doc.toString());
}
