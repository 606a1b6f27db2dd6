// `make bench-vscode`: the VS Code extension in code-server (as its tests run it), in Chromium.
// Prints the .vsix's size and how long a payload's findings take to show in the Problems panel
// once its editor is open: the first file of a fresh window (the extension activates, loads its
// engine, reads the config file) and the files after it. Each in the Node extension host and the
// web worker host, over several fresh windows. Asserts nothing.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root, start, VSIX } from '../vscode/codeserver.mjs';
import { openFile, problemsWhen, showProblems } from '../vscode/workbench.mjs';
import { record } from './targets.mjs';

const WINDOWS = Number(process.env.WINDOWS ?? 3);
const FILES_AFTER = 4;
const demo = readFileSync(join(root, 'tests/fixtures/invalid/demo-databricks-connection.json'), 'utf8');
const files = { 'immuta-preflight.toml': '[rules]\nignore = ["unknown-field"]\n' };
for (let i = 0; i <= FILES_AFTER; i++) files[`payload-${i}.json`] = demo;
const FINDINGS = 5;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(settings) {
  const first = [];
  const after = [];
  const own = [];
  for (let w = 0; w < WINDOWS; w++) {
    const vs = await start({ files, settings });
    try {
      await showProblems(vs.page);
      for (let i = 0; i <= FILES_AFTER; i++) {
        const name = `payload-${i}.json`;
        await openFile(vs.page, name);
        const opened = Date.now();
        await problemsWhen(vs.page, (p) => p[name]?.length === FINDINGS, name, 30_000, 5);
        (i === 0 ? first : after).push(Date.now() - opened);
        // Closed again (its findings go with it): the panel has room for the next file's.
        await vs.page.keyboard.press('Control+W');
        await problemsWhen(vs.page, (p) => !p[name], `${name} closed`);
      }
      // The extension's own part (Node host: its log is on disk): from VS Code's open event to
      // the findings handed to VS Code.
      for (const [, ms] of vs.channelLog().matchAll(/^payload-\d\.json: .* in (\d+) ms/gm)) own.push(Number(ms));
    } finally {
      await vs.close();
    }
  }
  return { first: median(first), after: median(after), firstAll: first, afterAll: after, own };
}

const vsix = statSync(VSIX).size;
console.log(`.vsix: ${(vsix / 1024).toFixed(0)} KB (${VSIX.slice(root.length)})`);
const node = await measure({});
const web = await measure({ 'remote.extensionKind': { 'immuta-preflight.immuta-preflight': ['web'] } });
for (const [host, m] of [['Node extension host', node], ['web worker host', web]]) {
  console.log(
    `${host}: editor open → findings in the Problems panel: first file of a window ${m.first} ms median ` +
      `(${m.firstAll.join(', ')}), later files ${m.after} ms median (of ${m.afterAll.length})` +
      (m.own.length ? `; the extension's own part ${median(m.own)} ms median, ${Math.max(...m.own)} ms at most` : ''),
  );
}
record({ vsixBytes: vsix, vscodeFirstMs: node.first, vscodeAfterMs: node.after, vscodeWebFirstMs: web.first });
