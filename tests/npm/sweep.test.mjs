// The scalar-style sweep in the npm package: `check` and `applyFixes` on every text give the native
// engine's findings and fixed text, and the package's `bin` prints, for all of them at once, exactly
// what the native CLI prints.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sweep, sweepDir, summary } from '../fixtures/sweep.mjs';
import { nativeCli, root, run } from './helpers.mjs';

const { check, applyFixes } = createRequire(import.meta.url)(join(root, 'pkg'));
const texts = sweep();

describe('the scalar-style sweep in the npm package', () => {
  it('check and applyFixes agree with the native engine on every text', () => {
    assert.ok(texts.length > 6000, `${texts.length} texts`);
    for (const t of texts) {
      const report = check(t.text, { format: t.format });
      assert.deepEqual(summary(report.diagnostics), t.findings, t.name);
      assert.equal(applyFixes(t.text, undefined, { format: t.format }), t.fixed, t.name);
    }
  });

  it('the bin prints what the native CLI prints for all of them', () => {
    const args = ['check', '--format', 'json', '--no-config', ...texts.map((t) => t.name)];
    const options = { cwd: sweepDir, maxBuffer: 256 * 1024 * 1024 };
    const wasm = run(process.execPath, [join(root, 'pkg/bin/immuta-preflight.cjs'), ...args], options);
    const native = run(nativeCli(), args, options);
    assert.equal(wasm.status, native.status);
    assert.equal(wasm.stderr, native.stderr);
    assert.ok(wasm.stdout === native.stdout, 'the wasm bin prints exactly what the native CLI prints');
    assert.equal(JSON.parse(native.stdout).files.length, texts.length);
  });
});
