// A panic inside the engine (provoked through its test-only export, as a bug would) traps the
// WebAssembly instance. The package must not stay dead: the call throws one clear Error, the
// engine is restarted, and every later call answers exactly as before; the console gets the place
// in the code and nothing of the input. Checked through the installed package from CommonJS, ESM
// and the browser entry, and through the bin.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fixtures, installPackage, run } from './helpers.mjs';

const demo = fixtures('invalid').find((f) => f.name === 'invalid/demo-databricks-connection.json');
const CONSOLE_LINE = /^immuta-preflight \d+\.\d+\.\d+: internal error at src\/wasm\/lib\.rs:\d+$/;

// Panics, then checks; three rounds; prints what was thrown, answered and logged.
const probe = (load) => `
${load}
const errors = [];
console.error = (...args) => errors.push(args.join(' '));
const text = require('node:fs').readFileSync(0, 'utf8');
const first = pkg.check(text);
const rules = pkg.rules().length;
const rounds = [];
for (let i = 0; i < 3; i++) {
  let thrown = null;
  try {
    pkg.__panicForTests();
  } catch (error) {
    thrown = { name: error.name, code: error.code, message: error.message, cause: error.cause?.constructor?.name };
  }
  rounds.push({ thrown, report: pkg.check(text), fixed: pkg.applyFixes(text), rules: pkg.rules().length });
}
process.stdout.write(JSON.stringify({ first, rules, rounds, errors, version: pkg.version, fixed: pkg.applyFixes(text) }));
`;

let project;
before(() => {
  ({ project } = installPackage());
  writeFileSync(join(project, 'recover.cjs'), probe("const pkg = require('immuta-preflight');"));
  writeFileSync(
    join(project, 'recover.mjs'),
    probe("import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nconst pkg = await import('immuta-preflight');"),
  );
  writeFileSync(
    join(project, 'recover-browser.mjs'),
    probe(`import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const require = createRequire(import.meta.url);
globalThis.fetch = async (url) => new Response(readFileSync(fileURLToPath(url)), { headers: { 'content-type': 'application/wasm' } });
const pkg = await import('./node_modules/immuta-preflight/lib/browser.mjs');`),
  );
});

describe('after a panic in the engine', () => {
  for (const entry of ['recover.cjs', 'recover.mjs', 'recover-browser.mjs']) {
    it(`${entry}: a clear Error, a restarted engine, the same answers, and a console line without the input`, () => {
      const out = run(process.execPath, [entry], { cwd: project, input: demo.text });
      assert.equal(out.status, 0, out.stderr);
      const { first, rules, rounds, errors, version, fixed } = JSON.parse(out.stdout);
      assert.ok(first.diagnostics.length >= 6 && rules >= 20, 'the demo has findings, and there are rules, to compare');
      for (const round of rounds) {
        assert.equal(round.thrown?.name, 'Error');
        assert.equal(round.thrown.code, 'IMMUTA_PREFLIGHT_INTERNAL');
        assert.equal(round.thrown.cause, 'RuntimeError');
        assert.ok(round.thrown.message.startsWith(`immuta-preflight ${version}: the checker failed on this input (an internal error: unreachable).`), round.thrown.message);
        assert.match(round.thrown.message, /the checker has been restarted, so the next call works/);
        assert.match(round.thrown.message, /https:\/\/github\.com\/immuta-preflight\/immuta-preflight\/issues/);
        assert.deepEqual(round.report, first, 'the restarted engine answers as the first did');
        assert.equal(round.fixed, fixed);
        assert.equal(round.rules, rules);
      }
      assert.equal(errors.length, 3, errors.join('\n'));
      for (const line of errors) assert.match(line, CONSOLE_LINE);
    });
  }

  it('the bin reports a failed engine with exit code 2 and one clear message', () => {
    // The bin's engine is its own module (dist/cli); a panic there is provoked by replacing runCli's glue call.
    writeFileSync(
      join(project, 'bin-panic.cjs'),
      `const glue = require('./node_modules/immuta-preflight/dist/cli/immuta_preflight_cli.js');
glue.runCli = () => glue.__panicForTests();
process.argv = [process.argv[0], 'immuta-preflight', 'check', 'x.json'];
require('./node_modules/immuta-preflight/bin/immuta-preflight.cjs');`,
    );
    const out = run(process.execPath, ['bin-panic.cjs'], { cwd: project });
    assert.equal(out.status, 2, out.stderr);
    assert.equal(out.stdout, '');
    const lines = out.stderr.trimEnd().split('\n');
    assert.match(lines[0], CONSOLE_LINE);
    assert.match(lines[1], /^immuta-preflight \S+: the checker failed on this input \(an internal error: unreachable\)/);
    assert.equal(lines.length, 2, out.stderr);
  });
});
