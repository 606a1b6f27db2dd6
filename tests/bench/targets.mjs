// The table of the size, speed and memory targets (issue 16's, as issue 31 set them), with the figure
// the benchmarks last measured. Each benchmark script records its numbers with `record` into
// target/bench/results.json; `make bench` and `make bench-compare` end by printing this table
// (`node tests/bench/targets.mjs`). A row no benchmark has measured yet says so. Asserts nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../../target/bench/results.json', import.meta.url));

// The native memory benchmark (tests/bench/memory.rs, Rust) writes its ratios to a file of its own.
const memoryFile = fileURLToPath(new URL('../../target/bench/memory.json', import.meta.url));
const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {});
const read = () => readJson(file);
const readAll = () => {
  const memory = readJson(memoryFile);
  return { ...read(), peakHeapJson: memory.json, peakHeapYaml: memory.yaml, peakHeapFlow: memory.flow };
};

/** Merges `values` into the recorded results. */
export function record(values) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...read(), ...values }, null, 2)}\n`);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const ROWS = [
  ['npm `.wasm`', (r) => r.npmWasmGzip, (r) => `${kb(r.npmWasmRaw)} raw, ${kb(r.npmWasmGzip)} gzipped`, 300 * 1024, '≤ 300 KB gzipped (stretch 200 KB)'],
  ['page script (engine inlined)', (r) => r.pageScriptGzip, (r) => `${kb(r.pageScriptRaw)} raw, ${kb(r.pageScriptGzip)} gzipped`, 400 * 1024, '≤ 400 KB gzipped'],
  ['page: navigation → first result', (r) => r.pageFirstResultMs, (r) => `${r.pageFirstResultMs.toFixed(0)} ms median`, 150, '≤ 150 ms'],
  ['Node: import → first result', (r) => r.nodeFirstResultMs, (r) => `${r.nodeFirstResultMs.toFixed(1)} ms (import ${r.nodeImportMs.toFixed(1)} ms)`, 15, '≤ 15 ms'],
  ['npm `check` vs ajv, bench-compare set', (r) => r.npmMicros / r.ajvMicros, (r) => `${r.npmMicros.toFixed(1)} vs ${r.ajvMicros.toFixed(1)} µs per payload (${(r.npmMicros / r.ajvMicros).toFixed(1)}×)`, 1.0, '≤ 1.0× (at least ≤ 3×)'],
  ['native `check` vs ajv', (r) => r.nativeMicros / r.ajvMicros, (r) => `${r.nativeMicros.toFixed(1)} µs (${(r.nativeMicros / r.ajvMicros).toFixed(1)}×)`, 0.5, '≤ 0.5×'],
  ['peak heap, checking a 1 MB payload', (r) => r.peakHeapJson, (r) => `${r.peakHeapJson.toFixed(1)}× the input as JSON, ${r.peakHeapYaml.toFixed(1)}× as block YAML, ${r.peakHeapFlow.toFixed(1)}× as flow YAML`, 8, '≤ 8× the input'],
  ['WASI hook, cold (empty compile cache)', (r) => r.hookColdSeconds, (r) => `${r.hookColdSeconds.toFixed(2)} s`, 0.4, '≤ 0.4 s'],
  ['Python: warm `check`, 3 KB', (r) => r.pythonWarmMs, (r) => `${r.pythonWarmMs.toFixed(2)} ms (first call of a process ${r.pythonFirstMs.toFixed(0)} ms)`, 1, '< 1 ms'],
  ['VS Code: editor open → findings (first file, later files)', (r) => r.vscodeFirstMs, (r) => `${r.vscodeFirstMs} ms, ${r.vscodeAfterMs} ms (web worker host: first ${r.vscodeWebFirstMs} ms); .vsix ${kb(r.vsixBytes)}`, Infinity, 'none set (measured for issue 29)'],
  ['WASI module', (r) => r.wasiRaw, (r) => `${kb(r.wasiRaw)}, ${kb(r.wasiGzip)} gzipped`, 1024 * 1024, '≤ 1 MB raw'],
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = readAll();
  console.log('\n| measure | measured | target | met |');
  console.log('|---|---|---|---|');
  for (const [name, value, shown, limit, target] of ROWS) {
    let measured;
    try {
      measured = Number.isFinite(value(results)) ? shown(results) : null;
    } catch {
      measured = null;
    }
    const met = measured === null || limit === Infinity ? '' : value(results) <= limit ? 'yes' : 'no';
    console.log(`| ${name} | ${measured ?? 'not measured yet (make bench, make bench-compare)'} | ${target} | ${met} |`);
  }
}
