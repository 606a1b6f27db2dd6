// `make bench-www` (part of `make bench`): the page in headless Debian Chromium. Prints numbers;
// asserts nothing.
//   - time from navigation to the first result on screen (the page's own performance mark, set
//     once the first report is in the DOM), each in a fresh browser context;
//   - time from a keystroke to the updated diagnostics in the DOM, median and 95th percentile,
//     typing into the 3 KB and 50 KB payloads the native benchmark left in target/bench/. Every
//     keystroke changes the diagnostics: it adds a character to `connection.warehouse` (a
//     mismatch with `nativeIntegration.config.warehouse`) or removes it again.
//   - the size of the page's script.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { open, paste, root, start } from '../www/browser.mjs';
import { record } from './targets.mjs';

const LOADS = 9;
const KEYSTROKES = 200;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.ceil((values.length * p) / 100) - 1];
const ms = (value) => `${value.toFixed(1)} ms`;

const session = await start();
try {
  const firsts = [];
  // Where the time to the first result goes: the script's arrival, then the page's own marks.
  const STEPS = [
    ['script received', 'script'],
    ['modules evaluated (CodeMirror, the inlined engine)', 'immuta-preflight:modules-evaluated'],
    ['editor built', 'immuta-preflight:editor-built'],
    ['engine compiled', 'immuta-preflight:engine-compiled'],
    ['engine ready', 'immuta-preflight:engine-ready'],
    ['first check returned', 'immuta-preflight:first-check'],
  ];
  const steps = Object.fromEntries(STEPS.map(([, mark]) => [mark, []]));
  for (let i = 0; i < LOADS; i++) {
    const { page, context } = await open(session);
    const times = await page.evaluate((marks) => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      const script = performance.getEntriesByType('resource').find((r) => r.initiatorType === 'script');
      return { first: at('immuta-preflight:first-result'), script: script?.responseEnd ?? NaN, ...Object.fromEntries(marks.map((m) => [m, at(m)])) };
    }, STEPS.slice(1).map(([, mark]) => mark));
    firsts.push(times.first);
    for (const [, mark] of STEPS) steps[mark].push(times[mark]);
    await context.close();
  }
  console.log(
    `page, navigation to first result: median ${ms(median(firsts))}, fastest ${ms(Math.min(...firsts))}, ` +
      `slowest ${ms(Math.max(...firsts))}, over ${LOADS} fresh loads; ` +
      STEPS.map(([label, mark]) => `${label} at ${ms(median(steps[mark]))}`).join(', '),
  );
  record({ pageFirstResultMs: median(firsts) });

  for (const [name, label] of [
    ['small', '3 KB'],
    ['medium', '50 KB'],
  ]) {
    const file = join(root, 'target/bench', `${name}.json`);
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`make bench-native\` first (make bench does)`);
    const text = readFileSync(file, 'utf8');
    const { page, context } = await open(session);
    await paste(page, text);
    if ((await page.textContent('#summary')) !== 'No problems found') throw new Error(`the ${label} payload must check clean`);
    // The cursor goes right after the first `IMMUTA_WH`, as a click there would put it.
    await page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector('.cm-content'), NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf('IMMUTA_WH');
        if (at >= 0) return window.getSelection().collapse(node, at + 'IMMUTA_WH'.length);
      }
      throw new Error('no IMMUTA_WH in the visible lines');
    });
    await page.evaluate(() => {
      window.samples = { dom: [], frame: [] };
      let started = null;
      window.addEventListener('keydown', () => (started = performance.now()), true);
      new MutationObserver(() => {
        if (started === null) return;
        const begun = started;
        started = null;
        window.samples.dom.push(performance.now() - begun);
        requestAnimationFrame(() => window.samples.frame.push(performance.now() - begun));
      }).observe(document.querySelector('.diagnostics-pane'), { childList: true, subtree: true, characterData: true });
    });
    for (let i = 0; i < KEYSTROKES; i++) {
      await page.keyboard.press(i % 2 === 0 ? 'X' : 'Backspace');
      await page.waitForFunction((n) => window.samples.frame.length >= n, i + 1);
    }
    const { dom, frame } = await page.evaluate(() => window.samples);
    const summary = await page.textContent('#summary');
    if (summary !== 'No problems found') throw new Error(`typing left the payload broken: ${summary}`);
    console.log(
      `page, keystroke to updated diagnostics, ${label} payload (${text.length} bytes): ` +
        `median ${ms(median(dom))}, p95 ${ms(percentile(dom, 95))}; to the next frame: median ${ms(median(frame))}, ` +
        `p95 ${ms(percentile(frame, 95))}; over ${dom.length} keystrokes`,
    );
    await context.close();
  }

  const script = join(root, 'www/dist/app.js');
  const size = statSync(script).size;
  const gzipped = gzipSync(readFileSync(script), { level: 9 }).length;
  console.log(`page script (everything, the wasm engine inlined): ${(size / 1024).toFixed(0)} KB, ${(gzipped / 1024).toFixed(0)} KB gzipped`);
  record({ pageScriptRaw: size, pageScriptGzip: gzipped });
} finally {
  await session.close();
}
