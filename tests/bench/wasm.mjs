// `make bench-wasm` (part of `make bench`): the npm package's wasm build in Node.js, on the payloads
// the native benchmark left in target/bench/. Prints numbers; asserts nothing.
//   - median `check` time on the 3 KB, key-pair and 200 KB payloads, and the ratio to native;
//   - the .wasm size, raw and gzipped (and the `bin`'s own module, with the command line);
//   - the time from `import` to the first result, in a fresh process.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { record } from './targets.mjs';

const root = new URL('../../', import.meta.url);
const benchDir = new URL('target/bench/', root);
const entry = new URL('pkg/lib/node.mjs', root);
const wasmFile = new URL('pkg/dist/immuta_preflight_bg.wasm', root);
const binWasmFile = new URL('pkg/dist/cli/immuta_preflight_cli_bg.wasm', root);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);

const payloads = {};
for (const name of ['small', 'keyed', 'medium', 'large']) {
  payloads[name] = readFileSync(new URL(`${name}.json`, benchDir), 'utf8');
}
let native = {};
try {
  native = JSON.parse(readFileSync(new URL('native.json', benchDir), 'utf8'));
} catch {
  console.log('(no native medians in target/bench/native.json: run `make bench` for the ratios)');
}

// A fresh process per sample: import, then one check of the 3 KB payload.
const startupScript = `
  const t0 = performance.now();
  const { check } = await import(${JSON.stringify(entry.href)});
  const imported = performance.now();
  check(process.env.PAYLOAD);
  const done = performance.now();
  console.log(JSON.stringify({ importMs: imported - t0, totalMs: done - t0 }));
`;
const startups = [];
for (let i = 0; i < 7; i++) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', startupScript], {
    env: { ...process.env, PAYLOAD: payloads.small },
  });
  startups.push(JSON.parse(out));
}

const { check } = createRequire(import.meta.url)(fileURLToPath(new URL('pkg/lib/node.cjs', root)));

/** The median and fastest `check` of `text`, which must have no error, or `error` as its first finding. */
function measure(text, runs, error) {
  for (let i = 0; i < Math.min(runs, 200); i++) check(text);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const report = check(text);
    times.push(Number(process.hrtime.bigint() - start) / 1000);
    if (error ? report.diagnostics[0]?.code !== error : report.diagnostics.some((d) => d.severity === 'error')) {
      throw new Error(`the benchmark payload must be valid: ${JSON.stringify(report.diagnostics[0])}`);
    }
  }
  return { median: median(times), fastest: Math.min(...times) };
}

const wasm = readFileSync(wasmFile);
record({
  npmWasmRaw: wasm.length,
  npmWasmGzip: gzipSync(wasm, { level: 9 }).length,
  nodeFirstResultMs: median(startups.map((s) => s.totalMs)),
  nodeImportMs: median(startups.map((s) => s.importMs)),
});
const sizes = (bytes) => `${(bytes.length / 1024).toFixed(0)} KB raw, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KB gzipped (level 9)`;
console.log(`wasm module: ${sizes(wasm)}`);
console.log(`the bin's module (the command line; not imported by the library): ${sizes(readFileSync(binWasmFile))}`);
console.log(
  `import to first result (fresh Node.js process, 3 KB payload): median ${median(startups.map((s) => s.totalMs)).toFixed(1)} ms ` +
    `(import alone ${median(startups.map((s) => s.importMs)).toFixed(1)} ms), over ${startups.length} runs`,
);
for (const [name, label, runs] of [
  ['small', '3 KB user/password', 5000],
  ['keyed', 'key-pair', 5000],
  ['medium', '50 KB key-pair', 1000],
  ['large', '200 KB key-pair', 200],
]) {
  const { median: m, fastest } = measure(payloads[name], runs);
  const ratio = native[name] ? `, ${(m / native[name]).toFixed(1)}× native (${fmt(native[name])})` : '';
  console.log(
    `wasm check, ${label} connection payload (${payloads[name].length} bytes): median ${fmt(m)}, fastest ${fmt(fastest)}${ratio}, over ${runs} runs`,
  );
}
// An ANSI-C quote ending in a backslash: the curl reader used to loop on it for ever.
const onceHung = "curl $'\\";
const hung = measure(onceHung, 5000, 'curl-command');
console.log(`wasm check, the 8 bytes \`${onceHung}\` that once never returned: median ${fmt(hung.median)}, fastest ${fmt(hung.fastest)}, over 5000 runs`);
