// The VS Code extension (the .vsix `make vscode` builds) installed into a real VS Code (code-server),
// in Chromium: what VS Code shows must be what the native command line finds in the same folder,
// with the same config file. Once in the Node extension host (`main`), once in the web worker
// host (`browser`, as on vscode.dev). Screenshots go to target/vscode-artifacts; `make bench-vscode`
// measures the times.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SETTINGS, artifacts, root, start } from './codeserver.mjs';
import { openFile, outputOf, palette, problems, problemsWhen, showProblems } from './workbench.mjs';

const CLI = join(root, 'target/debug/immuta-preflight');
const DEMO = readFileSync(join(root, 'tests/fixtures/invalid/demo-databricks-connection.json'), 'utf8');
const VALID = readFileSync(join(root, 'tests/fixtures/valid/connection/databricks-token.json'), 'utf8');
/** The throwaway tokens in the demo payload: no log or output may show them. */
const SECRETS = [...DEMO.matchAll(/"token": "(dapi\w+)"/g)].map((m) => m[1]);
/** The config file ignores a rule the demo payload breaks. */
const CONFIG = '[rules]\nignore = ["unknown-field"]\n';
const FILES = {
  'demo.json': DEMO,
  'fixall.json': DEMO,
  'valid.json': VALID,
  'package.json': '{\n  "name": "payloads",\n  "version": "1.0.0",\n  "private": true\n}\n',
  'immuta-preflight.toml': CONFIG,
  'boom.json': '{ "connectionKey": "PANIC_ON_THIS" }\n',
};
/** The extension makes the engine fail (a bug, provoked) on a text holding this. */
const PANIC_MARKER = 'PANIC_ON_THIS';
/** A Snowflake key-pair connection whose keys are still to be inserted, and a throwaway key file. */
const KEY_PAYLOAD = readFileSync(join(root, 'tests/fixtures/valid/connection/snowflake-keyPair.json'), 'utf8').replaceAll(
  '"{{rsa}}"',
  '""',
);
const KEY = readFileSync(join(root, 'tests/fixtures/keys/rsa.pem'), 'utf8').trim();
FILES['key.json'] = KEY_PAYLOAD;
/** A Snowflake connection being written: the cursor goes on its empty line 5. */
const UNFINISHED = '{\n  "connectionKey": "acme-snowflake",\n  "connection": {\n    "technology": "Snowflake",\n    \n  }\n}\n';
FILES['unfinished.json'] = UNFINISHED;
FILES['keys/rsa_key.p8'] = `${KEY}\n`;

/** The native command line's findings for `name`, run in `folder` (so it finds the same config). */
function cliFindings(folder, name, whole = false) {
  const run = spawnSync(CLI, ['check', '-f', 'json', name], { cwd: folder, encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const [file] = JSON.parse(run.stdout).files;
  if (whole) return file.diagnostics;
  return file.diagnostics.map(({ code, severity, message, line, column }) => ({ severity, message, code, line, column }));
}

/** What `check --fix` (with `args`) makes of `text`, in a scratch folder holding the same config. */
function cliFixed(text, args = []) {
  const scratch = mkdtempSync(join(root, 'target/tmp/vscode-fix-'));
  writeFileSync(join(scratch, 'immuta-preflight.toml'), CONFIG);
  writeFileSync(join(scratch, 'payload.json'), text);
  spawnSync(CLI, ['check', '--fix', ...args, 'payload.json'], { cwd: scratch, encoding: 'utf8' });
  return readFileSync(join(scratch, 'payload.json'), 'utf8');
}

function withoutSource(found) {
  return found.map(({ source, ...rest }) => {
    assert.equal(source, 'immuta-preflight');
    return rest;
  });
}

/** Opens `name` and waits until the Problems panel shows its `count` findings. */
async function openAndWait(page, name, count) {
  await openFile(page, name);
  await problemsWhen(page, (p) => p[name]?.length === count, `${count} findings for ${name}`);
}

/** Saves the active editor (Ctrl+S); resolves with the file's new text once it is on disk. */
async function save(page, path) {
  const before = readFileSync(path, 'utf8');
  await page.keyboard.press('Control+S');
  const until = Date.now() + 10_000;
  while (readFileSync(path, 'utf8') === before) {
    assert.ok(Date.now() < until, `${path} was not saved`);
    await page.waitForTimeout(50);
  }
  return readFileSync(path, 'utf8');
}

/** Writes `settings` as the user's settings.json, in VS Code's settings editor, as a user would. */
async function changeSettings({ page, userSettings }, settings) {
  // One line: the editor would indent every line break inserted after the first.
  const text = JSON.stringify({ ...SETTINGS, ...settings });
  await palette(page, 'Preferences: Open User Settings (JSON)');
  await page.locator('.tab.active[aria-label^="settings.json"]').waitFor();
  await page.locator('.monaco-editor.focused').waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => document.querySelector('.monaco-editor.focused .view-lines')?.innerText.trim() === '');
  await page.keyboard.insertText(text);
  assert.equal(await save(page, userSettings), text);
  await page.keyboard.press('Control+W');
}

/** Every file under `folder`, recursively. */
function filesUnder(folder) {
  return readdirSync(folder, { recursive: true })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile());
}

describe('in the Node extension host (desktop)', () => {
  let vs;
  let page;
  before(async () => {
    vs = await start({ files: FILES, env: { IMMUTA_PREFLIGHT_TEST_PANIC_ON: PANIC_MARKER } });
    page = vs.page;
  });
  after(async () => {
    await vs?.close();
  });

  test('the Problems panel lists exactly the command line findings, none for the ignored rule', async () => {
    const expected = cliFindings(vs.workspace, 'demo.json');
    assert.ok(expected.length >= 5, 'the demo payload has its mistakes');
    assert.ok(!expected.some((f) => f.code === 'unknown-field'), 'the config file ignores unknown-field');
    await showProblems(page);
    await openAndWait(page, 'demo.json', expected.length);
    const shown = await problems(page);
    assert.deepEqual(withoutSource(shown['demo.json']), expected);
    await page.screenshot({ path: join(artifacts, 'problems.png') });
  });

  test('a valid payload and a package.json get no findings', async () => {
    assert.deepEqual(cliFindings(vs.workspace, 'valid.json'), []);
    for (const name of ['valid.json', 'package.json']) await openFile(page, name);
    // The output channel says each was checked: their absence from the panel is a verdict.
    const until = Date.now() + 20_000;
    const checked = (log) => log.includes('valid.json: connection, findings: none') && log.includes('package.json: not a payload');
    while (!checked(vs.channelLog())) {
      assert.ok(Date.now() < until, `the two files were never checked:\n${vs.channelLog()}`);
      await page.waitForTimeout(100);
    }
    await page.keyboard.press('Control+Shift+M');
    assert.deepEqual(Object.keys(await problems(page)), ['demo.json']);
  });

  test('a squiggle sits at the finding, and its hover shows the rule', async () => {
    await openFile(page, 'demo.json');
    await page.keyboard.press('Control+Shift+M');
    const wrongType = cliFindings(vs.workspace, 'demo.json', true).find((f) => f.code === 'wrong-type');
    // A click on the finding selects its range in the editor: the status bar then names the
    // range's end and its length, and the selection's box is where the squiggle must be.
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'must be an integer' }).first().click();
    const length = wrongType.endColumn - wrongType.column;
    const expected = `Ln ${wrongType.endLine}, Col ${wrongType.endColumn} (${length} selected)`;
    await page.waitForFunction(
      (text) => document.getElementById('status.editor.selection')?.innerText === text,
      expected,
    );
    // The editor takes the keys (the selection stays).
    await page.keyboard.press('Control+1');
    const selected = await page.locator('.monaco-editor .selected-text').first().boundingBox();
    const squiggles = await page.locator('.monaco-editor .squiggly-error').evaluateAll((elements) =>
      elements.map((e) => e.getBoundingClientRect().toJSON()),
    );
    const here = squiggles.find((s) => Math.abs(s.left - selected.x) < 2 && s.top < selected.y + selected.height && s.bottom > selected.y);
    assert.ok(here, `a squiggle under the selection (${JSON.stringify(selected)}): ${JSON.stringify(squiggles)}`);
    assert.ok(Math.abs(here.width - selected.width) < 2, `the squiggle is ${here.width} px wide, the range ${selected.width}`);
    await page.mouse.move(here.left + here.width / 2, here.top + here.height / 2);
    const hover = page.locator('.monaco-hover:visible', { hasText: 'wrong-type' }).first();
    await hover.waitFor({ timeout: 10_000 });
    const text = await hover.innerText();
    const explained = spawnSync(CLI, ['explain', 'wrong-type'], { encoding: 'utf8' }).stdout;
    const summary = explained.split('\n')[2];
    assert.ok(text.includes('wrong-type (error)'), text);
    assert.ok(text.includes(summary), `the hover shows the rule's summary "${summary}":\n${text}`);
    // The picture in the README: the editor with its squiggles and the hover, and the panel's top
    // (once the hover has faded in).
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(artifacts, 'hover.png'), clip: { x: 0, y: 0, width: 1400, height: 1000 } });
    await page.mouse.move(5, 5);
  });

  test("a quick fix changes the file as the rule's fix says", async () => {
    // The quoted port is selected, from the test before.
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'remove the quotes (wrong-type)' });
    await fix.waitFor();
    await page.screenshot({ path: join(artifacts, 'quick-fix.png') });
    // The widget blocks the mouse while it opens; it is driven with the keys, as people do.
    await page.locator('.action-widget .monaco-list-row.focused', { hasText: 'remove the quotes (wrong-type)' }).waitFor();
    await page.keyboard.press('Enter');
    await problemsWhen(page, (p) => !p['demo.json']?.some((f) => f.code === 'wrong-type'), 'the port fixed');
    const saved = await save(page, join(vs.workspace, 'demo.json'));
    assert.equal(saved, cliFixed(DEMO, ['--select', 'wrong-type']));
    assert.notEqual(saved, DEMO);
  });

  test('editing the file updates the Problems panel', async () => {
    await page.keyboard.press('Control+G');
    await page.keyboard.type('2:25');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Delete');
    await page.keyboard.type('-');
    const shown = await problemsWhen(page, (p) => !p['demo.json']?.some((f) => f.code === 'connection-key'), 'the key fixed');
    assert.ok((await save(page, join(vs.workspace, 'demo.json'))).includes('"acme-databricks"'));
    assert.deepEqual(withoutSource(shown['demo.json']), cliFindings(vs.workspace, 'demo.json'));
  });

  test('"Fix All" (source.fixAll.immuta-preflight) equals check --fix', async () => {
    const count = cliFindings(vs.workspace, 'fixall.json').length;
    await openAndWait(page, 'fixall.json', count);
    await palette(page, 'Fix All');
    await problemsWhen(page, (p) => !p['fixall.json']?.some((f) => f.code === 'mismatch'), 'the mismatches fixed');
    assert.equal(await save(page, join(vs.workspace, 'fixall.json')), cliFixed(DEMO));
  });

  test('a change of the config file refreshes the findings', async () => {
    writeFileSync(join(vs.workspace, 'immuta-preflight.toml'), '[rules]\nignore = ["unknown-field", "catalog-name"]\n');
    await problemsWhen(page, (p) => p['demo.json'] && !p['demo.json'].some((f) => f.code === 'catalog-name'), 'catalog-name ignored');
    writeFileSync(join(vs.workspace, 'immuta-preflight.toml'), CONFIG);
    await problemsWhen(page, (p) => p['demo.json']?.some((f) => f.code === 'catalog-name'), 'catalog-name back');
  });

  test('the status bar names the kind, technology and authentication type', async () => {
    await openFile(page, 'demo.json');
    const item = page.locator('.statusbar-item', { hasText: 'Immuta:' });
    await item.waitFor();
    assert.match(await item.innerText(), /Immuta: connection · Databricks · token/);
  });

  test('a failure inside the engine is one finding on its file; the others are checked again', async () => {
    const before = (await problems(page))['demo.json'];
    await openFile(page, 'boom.json');
    const shown = await problemsWhen(page, (p) => p['boom.json']?.length === 1, 'the failure on boom.json');
    assert.equal(shown['boom.json'][0].code, 'internal-error');
    assert.match(shown['boom.json'][0].message, /internal error while checking `boom\.json`; this is a bug/);
    await problemsWhen(page, (p) => JSON.stringify(p['demo.json']) === JSON.stringify(before), "demo.json's findings again");
    // Once the text changes, it is checked again.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('{}');
    await problemsWhen(page, (p) => !p['boom.json'], 'boom.json checked again (not a payload: no findings)');
    const [, afterRestart] = vs.channelLog().split(/boom\.json: internal error \(RuntimeError\); the checker was restarted\n/);
    assert.match(afterRestart ?? '', /^demo\.json: connection, findings: /m, 'demo.json was checked again in the new engine');
  });

  test('the settings add to the config file, and a code they misspell is named', async () => {
    await changeSettings(vs, { 'immuta-preflight.rules.ignore': ['catalog-name'] });
    await problemsWhen(page, (p) => p['demo.json'] && !p['demo.json'].some((f) => f.code === 'catalog-name'), 'catalog-name ignored');
    await changeSettings(vs, { 'immuta-preflight.rules.ignore': ['catalog-nam'] });
    // (The toast renders the backquotes as code.)
    const warning = page.locator('.notification-toast', { hasText: /did you mean .?catalog-name/ });
    await warning.waitFor();
    assert.match(await warning.innerText(), /immuta-preflight: settings: rules: unknown rule code .?catalog-nam.?;/);
    await problemsWhen(page, (p) => p['demo.json']?.some((f) => f.code === 'catalog-name'), 'catalog-name reported again');
    await changeSettings(vs, {});
  });

  test('"Insert private key file…" writes the key, escaped, into the key field on the line', async () => {
    await openFile(page, 'key.json');
    const line = KEY_PAYLOAD.split('\n').findIndex((l) => l.includes('"content": ""')) + 1;
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${line}:5`);
    await page.keyboard.press('Enter');
    await palette(page, 'immuta-preflight: Insert private key file');
    // On the web VS Code asks for the file in its own dialog: a path typed into a quick input.
    const input = page.locator('.quick-input-widget input');
    // Once it has listed the folder it starts in (it sets its path again when it has).
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'key.json' }).first().waitFor();
    const path = join(vs.workspace, 'keys/rsa_key.p8');
    await input.fill(path);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'rsa_key.p8' }).first().waitFor();
    assert.equal(await input.inputValue(), path);
    await page.keyboard.press('Enter');
    const until = Date.now() + 10_000;
    while (!vs.channelLog().includes('inserted the key file rsa_key.p8')) {
      assert.ok(Date.now() < until, `the key was not inserted:\n${vs.channelLog()}`);
      await page.waitForTimeout(50);
    }
    const saved = await save(page, join(vs.workspace, 'key.json'));
    const expected = KEY_PAYLOAD.replace('"content": ""', () => `"content": ${JSON.stringify(KEY)}`);
    assert.equal(saved, expected);
    for (const keyLine of KEY.split('\n').slice(1, -1)) assert.ok(!vs.channelLog().includes(keyLine), 'the log shows the key');
  });

  test("completion offers the members the payload's schema allows, and writes them", async () => {
    await openFile(page, 'unfinished.json');
    await page.keyboard.press('Control+G');
    await page.keyboard.type('5:5');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"host');
    await page.keyboard.press('Control+Space');
    const item = page.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'hostname' });
    await item.waitFor();
    await page.keyboard.press('Enter');
    const saved = await save(page, join(vs.workspace, 'unfinished.json'));
    assert.equal(saved.split('\n')[4], '    "hostname": ');
  });

  test('no secret reaches the Output panel or the logs', async () => {
    const output = await outputOf(page, 'immuta-preflight');
    assert.match(output, /demo\.json: connection, findings: \d/);
    assert.match(vs.channelLog(), /engine loaded in \d+ ms \(Node extension host\)/);
    for (const secret of SECRETS) assert.ok(!output.includes(secret), 'the output shows a token');
    await page.screenshot({ path: join(artifacts, 'output.png') });
    const logs = filesUnder(join(vs.home, 'user-data/logs'));
    assert.ok(logs.some((path) => /immuta-preflight/.test(readFileSync(path, 'utf8'))), 'the logs hold the channel');
    for (const path of logs) {
      const text = readFileSync(path, 'utf8');
      for (const secret of SECRETS) assert.ok(!text.includes(secret), `${path} shows a token`);
    }
  });
});

describe('in the web worker extension host (the `browser` entry, as on vscode.dev)', () => {
  let vs;
  before(async () => {
    // The extension's kind forced to `web`: VS Code runs its `browser` bundle in a web worker.
    vs = await start({
      files: { 'demo.json': DEMO, 'immuta-preflight.toml': CONFIG },
      settings: { 'remote.extensionKind': { 'immuta-preflight.immuta-preflight': ['web'] } },
    });
  });
  after(async () => {
    await vs?.close();
  });

  test('it answers a check with the same findings, its config read through workspace.fs', async () => {
    const { page } = vs;
    const expected = cliFindings(vs.workspace, 'demo.json');
    await showProblems(page);
    await openAndWait(page, 'demo.json', expected.length);
    assert.deepEqual(withoutSource((await problems(page))['demo.json']), expected);
    const output = await outputOf(page, 'immuta-preflight');
    assert.match(output, /\(web worker extension host\)/);
    await page.screenshot({ path: join(artifacts, 'web-worker-host.png') });
  });
});
