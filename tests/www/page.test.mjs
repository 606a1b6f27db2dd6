// The page in www/, in Debian's Chromium: what a person sees and does, and what the page never
// does (connect anywhere, store anything, show a secret). `make test-www` runs it.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixtures, secretValues } from '../fixtures/fixtures.mjs';
import { sweep, summary } from '../fixtures/sweep.mjs';
import { artifacts, editorText, listed, open, paste, root, start } from './browser.mjs';

const engine = createRequire(import.meta.url)(join(root, 'pkg/lib/node.cjs'));
const SEVERITY_ORDER = ['error', 'warning', 'info'];
const bySeverity = (lines) =>
  [...lines].sort((a, b) => SEVERITY_ORDER.indexOf(a.split(' ')[0]) - SEVERITY_ORDER.indexOf(b.split(' ')[0]));
const invalid = new Map(fixtures('invalid').map((f) => [f.name, f]));
const valid = new Map(fixtures('valid').map((f) => [f.name, f]));
const fixture = (name) => invalid.get(name) ?? valid.get(name) ?? assert.fail(`no fixture ${name}`);

/** Chooses the fixture's kind (or automatic detection) and pastes its text. */
async function load(page, f) {
  await page.selectOption('#kind', f.options.kind ?? '');
  await paste(page, f.text);
}

let session;
before(async () => {
  session = await start();
});
after(async () => {
  await session?.close();
});

describe('the page', () => {
  it('opens with a broken example checked, loading only its own three files', async () => {
    const { page, context, log } = await open(session);
    assert.equal(await page.textContent('#summary'), '5 errors, 1 warning');
    assert.equal(await page.textContent('#detected'), 'Connection · Databricks · token · JSON');
    const demo = fixture('invalid/demo-databricks-connection.json');
    assert.deepEqual(await listed(page), bySeverity(demo.expected));
    const origin = new URL(session.url).origin;
    assert.deepEqual(
      log.requests.map((url) => new URL(url).pathname),
      ['/', '/style.css', '/dist/app.js'],
    );
    assert.ok(log.requests.every((url) => new URL(url).origin === origin));
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.violations, []);
    await page.screenshot({ path: join(artifacts, 'broken.png') });
    await context.close();
  });

  it('survives a panic in the engine: says so, offers a report without the payload, and checks the next edit', async () => {
    const marker = 'PANIC-PROBE-7f3a';
    const { page, context, log } = await open(session, { panicMarker: marker });
    const demo = fixture('invalid/demo-databricks-connection.json');
    const poisoned = demo.text.replace('{', `{"note": "${marker}",`);
    for (let round = 0; round < 2; round++) {
      await paste(page, poisoned);
      await page.waitForSelector('#failure:not([hidden])');
      assert.equal(await page.textContent('#summary'), 'The checker failed on this input');
      assert.deepEqual(await listed(page), []);
      assert.equal(await page.isDisabled('#fix-all'), true);
      const report = new URL(await page.getAttribute('#report', 'href'));
      assert.equal(`${report.origin}${report.pathname}`, 'https://github.com/immuta-preflight/immuta-preflight/issues/new');
      assert.match(report.searchParams.get('body'), /^immuta-preflight \d+\.\d+\.\d+, on the web page, failed/);
      assert.match(report.searchParams.get('body'), new RegExp(`Size: ${poisoned.length} characters`));
      const lines = poisoned.split('\n').map((l) => l.trim()).filter((l) => l.length > 6);
      for (const line of [marker, ...lines, ...secretValues([demo])]) {
        assert.ok(!report.href.includes(encodeURIComponent(line)) && !report.href.includes(line), `the report holds ${line}`);
      }
      // The engine was restarted: the next edit is checked as if nothing had happened.
      await paste(page, demo.text);
      await page.waitForSelector('#failure', { state: 'hidden' });
      assert.equal(await page.textContent('#summary'), '5 errors, 1 warning');
      assert.deepEqual(await listed(page), bySeverity(demo.expected));
    }
    // The console names the place in the code, once per panic, and nothing of the payload.
    assert.equal(log.errors.length, 2, log.errors.join('\n'));
    for (const error of log.errors) assert.match(error, /^immuta-preflight \d+\.\d+\.\d+: internal error at src\/wasm\/lib\.rs:\d+$/);
    assert.deepEqual(log.violations, []);
    await context.close();
  });

  it('lists exactly the expected diagnostics for every broken fixture pasted in', async () => {
    const { page, context, log } = await open(session);
    assert.ok(invalid.size >= 30);
    for (const f of invalid.values()) {
      await load(page, f);
      assert.deepEqual(await listed(page), bySeverity(f.expected), f.name);
      const report = engine.check(f.text, f.options);
      const counts = SEVERITY_ORDER.map((s) => report.diagnostics.filter((d) => d.severity === s).length);
      const nouns = [['error', 'errors'], ['warning', 'warnings'], ['note', 'notes']];
      const summary = counts.flatMap((n, i) => (n ? [`${n} ${nouns[i][n === 1 ? 0 : 1]}`] : [])).join(', ');
      assert.equal(await page.textContent('#summary'), summary, f.name);
    }
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  it('checks the scalar-style sweep as the native engine does, and lists the texts that once crashed it', async () => {
    const { page, context, log } = await open(session, { testEngine: true });
    const texts = sweep();
    // Every text through the page's own engine build, in batches.
    for (let at = 0; at < texts.length; at += 500) {
      const batch = texts.slice(at, at + 500).map(({ name, text, format }) => ({ name, text, format }));
      const results = await page.evaluate((items) => {
        const engine = globalThis.__immutaPreflightTestEngine;
        return items.map(({ text, format }) => ({
          diagnostics: engine.check(text, { format }).diagnostics,
          fixed: engine.applyFixes(text, undefined, { format }),
        }));
      }, batch);
      results.forEach((result, i) => {
        const t = texts[at + i];
        assert.deepEqual(summary(result.diagnostics), t.findings, t.name);
        assert.equal(result.fixed, t.fixed, t.name);
      });
    }
    // The two texts that made the page say "The checker failed", pasted in as a person would.
    for (const t of texts.filter((t) => t.name.startsWith('regression-'))) {
      await page.selectOption('#kind', '');
      await paste(page, t.text);
      await page.waitForFunction((n) => document.querySelectorAll('#diagnostics .diagnostic').length === n, t.findings.length);
      const shown = await listed(page);
      assert.deepEqual(
        shown.map((line) => line.split(' ')[1]).sort(),
        t.findings.map((f) => f.split(' ')[1]).sort(),
        t.name,
      );
      assert.doesNotMatch(await page.textContent('#summary'), /failed/i, t.name);
      assert.ok(await page.isHidden('#failure'), t.name);
    }
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  it('checks every valid example clean, from the examples menu', async () => {
    const { page, context } = await open(session);
    const options = await page.$$eval('#examples optgroup option', (all) => all.map((o) => [o.value, o.textContent]));
    assert.ok(options.length >= valid.size + 5, `${options.length} examples`);
    let clean = 0;
    for (const [value, label] of options) {
      await page.selectOption('#examples', value);
      const summary = await page.textContent('#summary');
      const group = await page.$eval(`#examples option[value="${value}"]`, (o) => o.parentElement.label);
      if (group.startsWith('Broken')) {
        assert.match(summary, /^\d+ errors?/, label);
      } else {
        assert.match(summary, /^(No problems found|\d+ notes?)$/, label);
        clean++;
      }
    }
    assert.equal(clean, valid.size);
    // Once edited, the text is no longer the example, and the menu stops saying it is.
    await page.click('.cm-content');
    await page.keyboard.type(' ');
    assert.equal(await page.$eval('#examples', (menu) => menu.selectedOptions[0].textContent), 'Your own payload');
    await page.selectOption('#examples', options.find(([, label]) => label === 'Databricks, token')[0]);
    assert.equal(await page.textContent('#summary'), 'No problems found');
    await page.screenshot({ path: join(artifacts, 'clean.png') });
    await context.close();
  });

  it('underlines the exact span, marks the gutter, and explains on hover', async () => {
    const { page, context } = await open(session);
    // connection-key at 2:20: the value "acme.databricks".
    const first = page.locator('.cm-lintRange-error').first();
    assert.equal(await first.textContent(), '"acme.databricks"');
    const line = await first.evaluate((node) => {
      const lineNode = node.closest('.cm-line');
      return [...lineNode.parentElement.children].filter((n) => n.classList.contains('cm-line')).indexOf(lineNode) + 1;
    });
    assert.equal(line, 2);
    const markers = await page.$$eval('.cm-gutter-lint .cm-gutterElement', (all) =>
      all.map((g) => g.querySelector('.cm-lint-marker')?.className).filter(Boolean),
    );
    // Five lines with an error, one with a warning (the demo's six findings are on six lines).
    assert.equal(markers.filter((c) => c.includes('error')).length, 5);
    assert.equal(markers.filter((c) => c.includes('warning')).length, 1);
    await first.hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor();
    const text = await tooltip.textContent();
    assert.match(text, /the connection key "acme\.databricks" contains a period/);
    assert.match(text, /use only letters, digits, hyphens and underscores/);
    assert.match(text, /connection-key/);
    await context.close();
  });

  it('moves the cursor to a diagnostic when it is clicked', async () => {
    const { page, context } = await open(session);
    await page.click('#diagnostics .diagnostic[data-code="catalog-name"] .goto');
    assert.equal(await page.textContent('#cursor'), 'Ln 22, Col 18');
    assert.ok(await page.evaluate(() => document.activeElement.classList.contains('cm-content')));
    // The same by keyboard: Enter on the focused item.
    await page.focus('#diagnostics .diagnostic[data-code="wrong-type"] .goto');
    await page.keyboard.press('Enter');
    assert.equal(await page.textContent('#cursor'), 'Ln 6, Col 13');
    await context.close();
  });

  it('applies one fix as one undoable edit, leaving the payload clean', async () => {
    const { page, context } = await open(session);
    const raw = fixture('invalid/private-key-newlines-raw.json');
    await load(page, raw);
    assert.equal(await page.textContent('#summary'), '1 error');
    await page.click('#diagnostics .diagnostic[data-code="private-key-newlines"] .fix');
    assert.equal(await page.textContent('#summary'), 'No problems found');
    const fixed = await editorText(page);
    assert.equal(fixed, engine.applyFixes(raw.text));
    assert.deepEqual(engine.check(fixed).diagnostics, []);
    await page.keyboard.press('Control+z');
    assert.equal(await editorText(page), raw.text);
    assert.equal(await page.textContent('#summary'), '1 error');
    await context.close();
  });

  it('fixes values from their buttons: invisible characters, a pasted URL, a GCP-style region', async () => {
    const { page, context } = await open(session);
    const cases = [
      ['invalid/whitespace.json', []],
      ['invalid/host-format-url.json', []],
      ['invalid/aws-format-accounts.json', ['aws-format']],
    ];
    for (const [name, left] of cases) {
      await load(page, fixture(name));
      for (let round = 0; round < 20 && (await page.locator('#diagnostics .fix').count()) > 0; round++) {
        await page.locator('#diagnostics .fix').first().click();
      }
      const fixed = await editorText(page);
      assert.deepEqual(engine.check(fixed).diagnostics.map((d) => d.code), left, name);
      assert.equal((await listed(page)).length, left.length, name);
    }
    await context.close();
  });

  it('fixes all safe issues at once, as the npm package does, in one undo step', async () => {
    const { page, context } = await open(session);
    const before = await editorText(page);
    await page.click('#fix-all');
    const after = await editorText(page);
    assert.equal(after, engine.applyFixes(before));
    assert.notEqual(after, before);
    const remaining = await listed(page);
    const expected = engine.check(after).diagnostics.map((d) => d.code);
    assert.deepEqual(remaining.map((l) => l.split(' ')[1]).sort(), expected.sort());
    assert.equal(await page.locator('#diagnostics .fix').count(), 0);
    assert.ok(await page.isDisabled('#fix-all'));
    await page.keyboard.press('Control+z');
    assert.equal(await editorText(page), before);
    await context.close();
  });

  it('lets the user override the detected kind', async () => {
    const { page, context } = await open(session);
    const f = fixture('valid/connection/snowflake-userPassword.json');
    await paste(page, f.text);
    assert.equal(await page.textContent('#summary'), 'No problems found');
    assert.match(await page.textContent('#detected'), /^Connection · Snowflake · userPassword · JSON$/);
    await page.selectOption('#kind', 'integration');
    assert.match(await page.textContent('#detected'), /^Integration \(chosen\)/);
    const expected = engine.check(f.text, { kind: 'integration' }).diagnostics;
    assert.ok(expected.length > 0);
    assert.equal((await listed(page)).length, expected.length);
    await page.selectOption('#kind', '');
    assert.equal(await page.textContent('#summary'), 'No problems found');
    await context.close();
  });

  it('shows the rule documentation of a diagnostic, the text of `explain`', async () => {
    const { page, context } = await open(session);
    await page.click('#diagnostics .diagnostic[data-code="mismatch"] .docs >> nth=0');
    const dialog = page.locator('#rule-doc');
    assert.ok(await dialog.evaluate((d) => d.open));
    assert.equal(await page.textContent('#rule-doc h2'), 'mismatch (error)');
    const shown = await page.textContent('#rule-doc .doc');
    const doc = engine.explain('mismatch');
    for (const heading of ['What it checks', 'Why', 'Example', 'Fix']) assert.ok(shown.includes(heading), heading);
    // Every word of the rule's text is on screen (Markdown marks and code-fence languages aside).
    const words = (text) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const onScreen = new Set(words(shown));
    assert.deepEqual(words(`${doc.summary} ${doc.doc.replace(/```\w+/g, '')}`).filter((w) => !onScreen.has(w)), []);
    await page.keyboard.press('Escape');
    assert.ok(!(await dialog.evaluate((d) => d.open)));
    await context.close();
  });

  it('copies the payload to the clipboard', async () => {
    const { page, context } = await open(session);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.click('#copy');
    await page.waitForFunction(() => document.querySelector('#copy-status').textContent === 'Copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await editorText(page));
    await context.close();
  });
});

describe('privacy', () => {
  it('makes no request after load, stores nothing, and keeps working offline', async () => {
    const { page, context, log } = await open(session);
    const loaded = log.requests.length;
    await context.setOffline(true);
    for (const name of ['invalid/private-key-newlines-raw.json', 'invalid/bigquery-credential-docs.sh']) {
      await load(page, fixture(name));
      await page.click('#diagnostics .fix >> nth=0');
    }
    await page.click('#diagnostics .docs >> nth=0').catch(() => {});
    await page.keyboard.press('Escape');
    await page.selectOption('#examples', { index: 3 });
    await page.selectOption('#kind', 'connection');
    assert.equal(log.requests.length, loaded, `requests after load: ${log.requests.slice(loaded)}`);
    const stored = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookie: document.cookie,
      databases: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
      workers: (await navigator.serviceWorker.getRegistrations()).length,
    }));
    assert.deepEqual(stored, { local: 0, session: 0, cookie: '', databases: 0, caches: 0, workers: 0 });
    assert.deepEqual(log.violations, []);
    await context.close();
  });

  it('is forbidden by its own CSP to connect anywhere, its own origin included', async () => {
    const { page, context, log } = await open(session);
    const servedBefore = session.served.length;
    const attempts = await page.evaluate(async () => {
      const outcome = (promise) => promise.then(() => 'allowed', (error) => error.name);
      navigator.sendBeacon('/collect', 'payload');
      const image = new Image();
      image.src = '/pixel.png';
      return {
        sameOrigin: await outcome(fetch('/dist/app.js')),
        elsewhere: await outcome(fetch('https://example.com/')),
        socket: await new Promise((resolve) => {
          const socket = new WebSocket(`ws://${location.host}/`);
          socket.onerror = () => resolve('failed');
          socket.onopen = () => resolve('open');
        }),
      };
    });
    assert.deepEqual(attempts, { sameOrigin: 'TypeError', elsewhere: 'TypeError', socket: 'failed' });
    await page.waitForTimeout(200);
    // Each is reported twice: the policy is both in the page's <meta> and in the server's header.
    const blocked = [...new Set(log.violations.map((v) => v.replace(session.url.slice(0, -1), '')))].sort();
    assert.deepEqual(blocked, [
      'connect-src /collect',
      'connect-src /dist/app.js',
      'connect-src https://example.com/',
      `connect-src ws://${new URL(session.url).host}/`,
      'img-src /pixel.png',
    ]);
    // Nothing got through to the server.
    assert.deepEqual(session.served.slice(servedBefore), []);
    await context.close();
  });

  it('never shows a secret anywhere on the page but in the editor itself, tooltips included', async () => {
    const { page, context } = await open(session);
    // Found by field name and header, independently of the engine's own secret detection.
    const secrets = secretValues([...invalid.values()]);
    assert.ok(secrets.length > 60, `${secrets.length} secrets`);
    let tooltips = 0;
    for (const f of invalid.values()) {
      await load(page, f);
      const mark = page.locator('.cm-lintRange').first();
      if (await mark.count()) {
        // Some first marks are a single character at a line's end, under the tooltip of another.
        await mark.hover();
        tooltips += await page
          .locator('.cm-tooltip-lint')
          .waitFor({ timeout: 3000 })
          .then(() => 1)
          .catch(() => 0);
      }
      // The whole document, text and attributes, without the editor's own lines (the payload).
      const shown = await page.evaluate(() => {
        const copy = document.documentElement.cloneNode(true);
        copy.querySelector('.cm-content')?.replaceChildren();
        return copy.outerHTML;
      });
      for (const secret of secrets) {
        assert.ok(!shown.includes(secret), `${f.name} shows a secret (${secret.length} chars) outside the editor`);
      }
    }
    assert.ok(tooltips >= 30, `a tooltip was open for ${tooltips} fixtures`);
    await context.close();
  });
});

describe('layout', () => {
  it('follows a dark system theme', async () => {
    const light = await open(session);
    const dark = await open(session, { colorScheme: 'dark' });
    const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const editorBackground = (page) => page.evaluate(() => getComputedStyle(document.querySelector('.cm-editor')).backgroundColor);
    assert.equal(await background(light.page), 'rgb(246, 247, 249)');
    assert.equal(await background(dark.page), 'rgb(15, 19, 24)');
    assert.equal(await editorBackground(dark.page), 'rgb(22, 27, 34)');
    await dark.page.screenshot({ path: join(artifacts, 'dark.png') });
    await light.context.close();
    await dark.context.close();
  });

  it('fits a phone-width window, editor above the diagnostics', async () => {
    const { page, context } = await open(session, { viewport: { width: 390, height: 844 } });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `page is ${width}px wide`);
    const editor = await page.locator('#editor').boundingBox();
    const list = await page.locator('.diagnostics-pane').boundingBox();
    assert.ok(list.y >= editor.y + editor.height, 'the diagnostics are below the editor');
    await page.screenshot({ path: join(artifacts, 'phone.png'), fullPage: true });
    await context.close();
  });

  it('can be used by keyboard alone: Tab reaches every control and leaves the editor', async () => {
    const { page, context } = await open(session);
    const stops = [];
    for (let i = 0; i < 9; i++) {
      await page.keyboard.press('Tab');
      stops.push(await page.evaluate(() => document.activeElement.id || document.activeElement.className));
    }
    assert.deepEqual(stops.slice(0, 5), ['examples', 'kind', 'fix-all', 'copy', 'insert-key']);
    assert.ok(stops[5].includes('cm-content'), `6th stop: ${stops[5]}`);
    assert.equal(stops[6], 'goto', 'Tab leaves the editor for the diagnostics list');
    writeFileSync(join(artifacts, 'tab-order.txt'), `${stops.join('\n')}\n`);
    await context.close();
  });
});

/** Puts the editor's cursor at UTF-16 offset `offset`. */
async function cursorAt(page, offset) {
  await page.click('.cm-content');
  await page.evaluate((anchor) => document.querySelector('.cm-content').cmTile.root.view.dispatch({ selection: { anchor } }), offset);
}

/** The labels of the completion list, once it is open. */
async function completions(page) {
  await page.waitForSelector('.cm-tooltip-autocomplete li');
  return page.$$eval('.cm-tooltip-autocomplete li .cm-completionLabel', (all) => all.map((l) => l.textContent));
}

// CodeMirror ignores Enter for the first `interactionDelay` ms (75, its default, which the page
// keeps) after a completion list opens, so that a fast typist's Enter is a new line; a test that
// pressed it at once raced the list (a line break written into the name being completed).
const INTERACTION_DELAY_MS = 75;

/** Accepts the selected completion with Enter, as a user does, once the list takes keys. */
async function acceptCompletion(page) {
  await page.waitForTimeout(INTERACTION_DELAY_MS + 50);
  await page.keyboard.press('Enter');
}

describe('completion and key files', () => {
  const snowflake = (connection) =>
    JSON.stringify({ connectionKey: 'acme-snowflake', connection: { technology: 'Snowflake', ...connection } }, null, 2);

  it('offers a missing required member, and writes it when chosen', async () => {
    const { page, context } = await open(session);
    const text = snowflake({ hostname: 'acme.snowflakecomputing.com', port: 443, role: 'R', authenticationType: 'userPassword', username: 'u', password: 'p' });
    await paste(page, text);
    const missing = 'error missing-field /connection/warehouse';
    assert.ok((await listed(page)).some((l) => l.startsWith(missing)), 'the warehouse is missing');
    const after = text.indexOf('"password": "p"') + '"password": "p"'.length;
    await cursorAt(page, after);
    await page.keyboard.type(',\n"wa');
    assert.deepEqual(await completions(page), ['warehouse']);
    await acceptCompletion(page);
    await page.keyboard.type('"IMMUTA_WH"');
    const written = await editorText(page);
    assert.equal(JSON.parse(written).connection.warehouse, 'IMMUTA_WH', written);
    assert.ok(!(await listed(page)).some((l) => l.startsWith(missing)), 'the warehouse is there now');
    await context.close();
  });

  it('offers the enum values of the member being written, quoted', async () => {
    const { page, context } = await open(session);
    const text = snowflake({ hostname: 'acme.snowflakecomputing.com', authenticationType: '' });
    await paste(page, text);
    await cursorAt(page, text.indexOf('""') + 1);
    await page.keyboard.press('Control+Space');
    const offered = await completions(page);
    assert.ok(offered.includes('keyPair') && offered.includes('userPassword'), offered.join(', '));
    await page.keyboard.type('key');
    await page.waitForFunction(() => document.querySelectorAll('.cm-tooltip-autocomplete li').length === 1);
    assert.deepEqual(await completions(page), ['keyPair']);
    await acceptCompletion(page);
    assert.equal(JSON.parse(await editorText(page)).connection.authenticationType, 'keyPair');
    await context.close();
  });

  it('inserts a dropped key file, escaped, into the key field at the cursor, and the payload checks clean', async () => {
    const { page, context, log } = await open(session);
    const payload = JSON.parse(fixture('valid/connection/snowflake-keyPair.json').text);
    payload.connection.privateKey.content = '';
    payload.nativeIntegration.config.privateKey.content = '';
    const blank = JSON.stringify(payload, null, 2);
    await paste(page, blank);
    assert.match(await page.textContent('#summary'), /error/);
    const key = readFileSync(join(root, 'tests/fixtures/keys/rsa.pem'), 'utf8');
    const drop = (name, text) =>
      page.evaluate(
        ([name, text]) => {
          const data = new DataTransfer();
          data.items.add(new File([text], name, { type: 'application/octet-stream' }));
          const target = document.querySelector('.cm-content');
          target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
        },
        [name, text],
      );
    // The cursor on the member's line, not inside its string: the value is replaced all the same.
    await cursorAt(page, blank.indexOf('"content": ""') + 3);
    await drop('rsa_key.p8', key);
    await page.waitForFunction(() => document.querySelector('#copy-status').textContent === 'Inserted rsa_key.p8');
    let text = await editorText(page);
    assert.equal(JSON.parse(text).connection.privateKey.content, key.trim());
    // The second through "Insert key file…", which opens the file chooser.
    await cursorAt(page, text.lastIndexOf('"content": ""') + '"content": "'.length);
    const chooser = page.waitForEvent('filechooser');
    await page.click('#insert-key');
    await (await chooser).setFiles({ name: 'rsa_key.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(key) });
    await page.waitForFunction(() => document.querySelector('#copy-status').textContent === 'Inserted rsa_key.pem');
    text = await editorText(page);
    assert.equal(JSON.parse(text).nativeIntegration.config.privateKey.content, key.trim());
    assert.equal(await page.textContent('#summary'), 'No problems found');
    assert.deepEqual(engine.check(text).diagnostics, []);
    // With the cursor on another member's line, the key goes nowhere, and the page says where to put it.
    await cursorAt(page, text.indexOf('"keyName"') + 2);
    await drop('rsa_key.p8', key);
    await page.waitForFunction(() => document.querySelector('#copy-status').textContent.includes('the cursor is on `keyName`'));
    assert.equal(await editorText(page), text);
    // A file that is not a key is refused, and says what to choose.
    await drop('notes.pem', 'hello');
    await page.waitForFunction(() => document.querySelector('#copy-status').textContent.includes('not a PEM key'));
    assert.equal(await editorText(page), text);
    assert.deepEqual(log.violations, []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
});
