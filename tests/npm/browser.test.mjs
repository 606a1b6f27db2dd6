// The browser entry (lib/browser.mjs, what bundlers and `<script type="module">` get), run in
// Node with a `fetch` that serves the package's files: it must find the .wasm next to itself,
// instantiate it (streaming, or from bytes when the server sends the wrong MIME type) and give the
// same answers as the Node entry. Real Chromium runs it in the web page's tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { installPackage, run } from './helpers.mjs';

const text = readFileSync(new URL('../fixtures/invalid/demo-databricks-connection.json', import.meta.url), 'utf8');
let project;
let node;

before(() => {
  ({ project } = installPackage());
  node = createRequire(join(project, 'package.json'))('immuta-preflight');
});

function loadInBrowserEntry(contentType) {
  const { status, stdout, stderr } = run(process.execPath, ['browser-entry.mjs', contentType], { cwd: project, input: text });
  assert.equal(stderr, '');
  assert.equal(status, 0);
  return JSON.parse(stdout);
}

const wasmUrl = () => pathToFileURL(join(project, 'node_modules/immuta-preflight/dist/immuta_preflight_bg.wasm')).href;

it('loads the module next to itself and answers as the Node entry does', () => {
  const browser = loadInBrowserEntry('application/wasm');
  assert.deepEqual(browser.requested, [wasmUrl()]);
  assert.deepEqual(browser.report, node.check(text));
  assert.ok(browser.report.diagnostics.length > 3);
  assert.equal(browser.fixed, node.applyFixes(text));
  assert.equal(browser.github, node.render(node.check(text), 'github'));
  assert.equal(browser.version, node.version);
  assert.deepEqual(browser.kinds, node.kinds);
});

it('falls back to bytes when the server sends the wrong MIME type', () => {
  const browser = loadInBrowserEntry('text/plain');
  assert.deepEqual(browser.requested, [wasmUrl(), wasmUrl()], 'one streaming attempt, then the bytes');
  assert.deepEqual(browser.report, node.check(text));
});
