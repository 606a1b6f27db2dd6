// The hostile inputs of tests/fixtures/hostile.json through the WebAssembly builds: `check` in
// Node (each case in a fresh process, whose peak memory is bounded) and the package's bin, whose
// output must equal the native CLI's byte for byte. tests/hostile.rs does the same natively.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hostileCases } from '../fixtures/fixtures.mjs';
import { nativeCli, root, run } from './helpers.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'immuta-preflight-hostile-'));
const cases = hostileCases();
for (const c of cases) writeFileSync(join(scratch, c.file), c.bytes);

// Peak resident memory of the Node process checking one case: at most this many times the input
// plus what Node and the engine take anyway.
const RSS_PER_INPUT_BYTE = 24;
const RSS_ALLOWANCE_MB = 256;

// Checks one file in a fresh Node process with the package; prints what it found and its peak RSS.
const probe = `
const { readFileSync } = require('node:fs');
const { check } = require(${JSON.stringify(join(root, 'pkg'))});
const [file, format, ignore] = process.argv.slice(1);
const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(readFileSync(file));
const rules = { ignore: JSON.parse(ignore) };
const report = check(text, format ? { format, rules } : { rules });
const summary = (d) => d ? d.severity + ' ' + d.code + ' ' + d.line + ':' + d.column : '';
process.stdout.write(JSON.stringify({
  first: summary(report.diagnostics[0]),
  last: summary(report.diagnostics.at(-1)),
  count: report.diagnostics.length,
  messages: report.diagnostics.map((d) => d.message).join('\\n'),
  rssMb: process.resourceUsage().maxRSS / 1024,
}));
`;

const formatOf = (file) => (file.endsWith('.yaml') ? 'yaml' : file.endsWith('.sh') ? undefined : 'json');

describe('hostile input in WebAssembly', () => {
  for (const c of cases) {
    it(`${c.name}: the expected finding, in bounded memory`, () => {
      const file = join(scratch, c.file);
      const valid = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      let text = true;
      try {
        valid.decode(c.bytes);
      } catch {
        text = false; // Not UTF-8: a JS string cannot hold these bytes; only the bin reads them.
      }
      if (text && !c.bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xfe]))) {
        const args = ['-e', probe, file, formatOf(c.file) ?? '', JSON.stringify(c.ignore)];
        const out = run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
        assert.equal(out.status, 0, out.stderr);
        const found = JSON.parse(out.stdout);
        assert.ok(found.first.startsWith(c.first), `first finding ${found.first}, expected ${c.first}`);
        assert.equal(found.count, c.count);
        assert.ok(found.messages.includes(c.message), `no message contains ${c.message}`);
        if (c.last) assert.ok(found.last.startsWith(c.last), `last finding ${found.last}`);
        if (process.env.HOSTILE_VERBOSE) console.log(c.name, found.rssMb.toFixed(0), "MB");
        const bound = (RSS_PER_INPUT_BYTE * c.bytes.length) / 2 ** 20 + RSS_ALLOWANCE_MB;
        assert.ok(found.rssMb < bound, `peak RSS ${found.rssMb.toFixed(0)} MB, bound ${bound.toFixed(0)} MB`);
      }
      // The bin (the CLI compiled to wasm) reads the bytes as they are, like the native CLI.
      const args = ['check', '--color', 'never', ...c.ignore.flatMap((code) => ['--ignore', code]), file];
      const wasm = run(process.execPath, [join(root, 'pkg/bin/immuta-preflight.cjs'), ...args], { maxBuffer: 64 * 1024 * 1024 });
      const native = run(nativeCli(), args, { maxBuffer: 64 * 1024 * 1024 });
      assert.equal(wasm.stderr, native.stderr);
      assert.equal(wasm.status, native.status);
      assert.ok(wasm.stdout === native.stdout, 'the wasm bin prints exactly what the native CLI prints');
      const [severity, code, at = ''] = c.first.split(' ');
      assert.ok(wasm.stdout.startsWith(`${file}:${at}`) && wasm.stdout.split('\n')[0].includes(`: ${severity}[${code}]: `));
    });
  }
});
