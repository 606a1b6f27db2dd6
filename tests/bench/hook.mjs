// `make bench-hook` (part of `make bench`): the `immuta-preflight` pre-commit hook's wall time, as
// pre-commit starts it (`immuta-preflight-hook check --payloads-only FILES`, here through
// `python3 -m immuta_preflight` with the same code), for 1, 10 and 50 payload files, cold
// (wasmtime's compile cache empty) and warm; and the module's size. Prints numbers; asserts
// nothing. pre-commit's own start-up comes on top.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fixtures } from '../fixtures/fixtures.mjs';
import { python, wasiModule } from '../hook/runners.mjs';
import { record } from './targets.mjs';

const WARM_RUNS = 7;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

const dir = mkdtempSync(join(tmpdir(), 'immuta-preflight-hook-bench-'));
const valid = fixtures('valid').filter((f) => !f.path.endsWith('.sh'));
const names = Array.from({ length: 50 }, (_, i) => {
  const fixture = valid[i % valid.length];
  const name = `payload-${String(i).padStart(2, '0')}${fixture.path.endsWith('.json') ? '.json' : '.yaml'}`;
  writeFileSync(join(dir, name), fixture.text);
  return name;
});

// The files are copies of a few fixtures, so the checks across files would find the same
// connection keys and hosts again and again; they are left out here, so that these numbers stay
// comparable from run to run (bench/folder.mjs times a folder with them).
const ACROSS = 'duplicate-connection-key,duplicate-integration,script-mismatch';

function hook(files, cache) {
  const started = performance.now();
  const result = python(['check', '--payloads-only', '--ignore', ACROSS, ...files], dir, { XDG_CACHE_HOME: cache });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`the hook failed on valid payloads: ${result.stdout}${result.stderr}`);
  return elapsed;
}

const size = readFileSync(wasiModule).length;
record({ wasiRaw: size, wasiGzip: gzipSync(readFileSync(wasiModule), { level: 9 }).length });
console.log(
  `hook module (wasm32-wasip1, stripped): ${(size / 1024).toFixed(0)} KB, ${(gzipSync(readFileSync(wasiModule), { level: 9 }).length / 1024).toFixed(0)} KB gzipped`,
);
for (const count of [1, 10, 50]) {
  const files = names.slice(0, count);
  const cache = mkdtempSync(join(tmpdir(), 'immuta-preflight-wasmtime-cache-'));
  const cold = hook(files, cache);
  const warm = median(Array.from({ length: WARM_RUNS }, () => hook(files, cache)));
  if (count === 1) record({ hookColdSeconds: cold / 1000 });
  console.log(
    `hook, ${count} payload file${count === 1 ? '' : 's'}: cold (empty compile cache) ${seconds(cold)}, ` +
      `warm median ${seconds(warm)} over ${WARM_RUNS} runs`,
  );
}
const startups = Array.from({ length: WARM_RUNS }, () => {
  const started = performance.now();
  if (spawnSync('python3', ['-c', 'import wasmtime']).status !== 0) throw new Error('python3 cannot import wasmtime');
  return performance.now() - started;
});
console.log(`of which Python's start-up and \`import wasmtime\`: median ${seconds(median(startups))}`);
