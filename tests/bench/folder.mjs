// `make bench-folder` (part of `make bench`): the wall time of checking one folder of 500 payload
// files (copies of the valid fixtures, in 10 subfolders, plus a .gitignore'd folder and files
// that are not payloads), as a team's CI would: `immuta-preflight check` in the folder, with the
// native release binary and with the pre-commit hook's runner (the WASI module under wasmtime's
// Python package, compile cache warm). The checks across files run too (the copies repeat keys
// and hosts, so they find plenty). Prints numbers; asserts nothing but that nothing failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtures } from '../fixtures/fixtures.mjs';
import { python, root } from '../hook/runners.mjs';

const FILES = 500;
const RUNS = 5;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

const dir = mkdtempSync(join(tmpdir(), 'immuta-preflight-folder-bench-'));
spawnSync('git', ['init', '-q'], { cwd: dir });
const valid = fixtures('valid').filter((f) => !f.path.endsWith('.sh'));
for (let i = 0; i < FILES; i += 1) {
  const fixture = valid[i % valid.length];
  const folder = join(dir, 'payloads', `team-${i % 10}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `payload-${String(i).padStart(3, '0')}${fixture.path.endsWith('.json') ? '.json' : '.yaml'}`), fixture.text);
}
mkdirSync(join(dir, 'generated'));
for (let i = 0; i < 50; i += 1) writeFileSync(join(dir, 'generated', `out-${i}.json`), valid[0].text);
writeFileSync(join(dir, '.gitignore'), 'generated/\n');
writeFileSync(join(dir, 'package.json'), '{ "name": "infra", "private": true }\n');

function time(label, command) {
  const times = Array.from({ length: RUNS }, () => {
    const started = performance.now();
    const result = command();
    const elapsed = performance.now() - started;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${label} failed: ${result.stdout}${result.stderr}`);
    if (!result.stdout.includes(`${FILES} payloads checked, 1 file skipped`)) throw new Error(`${label}: ${result.stdout.slice(-300)}`);
    return elapsed;
  });
  console.log(`folder of ${FILES} payload files, ${label}: median ${seconds(median(times))} over ${RUNS} runs (fastest ${seconds(Math.min(...times))})`);
}

const native = join(root, 'target/release/immuta-preflight');
time('native CLI', () => spawnSync(native, ['check', '--color', 'never'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 }));
// One run first, so that wasmtime's compile cache is warm, as it is after a hook's first run.
python(['check', '--color', 'never'], dir);
time('hook (WASI, warm)', () => python(['check', '--color', 'never'], dir));
