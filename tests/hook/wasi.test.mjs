// The committed WASI module behaves exactly as the native CLI: under the hook's Python runner (and
// under node:wasi with NODE_WASI=1), every fixture gives byte-identical output and the same exit
// code, in every output format; every hostile input gives the same output; unreadable files give
// the same message and exit code 2.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fixtures, hostileCases } from '../fixtures/fixtures.mjs';
import { sweep, sweepDir } from '../fixtures/sweep.mjs';
import { native, nodeWasi, python, pythonMeasured, root } from './runners.mjs';
import { spawnSync } from 'node:child_process';

// node:wasi too, only when asked (NODE_WASI=1): Node 20's experimental WASI kills the whole test
// process with SIGSEGV now and then (seen on a fresh CI clone in the fixture comparison, and on
// multi-megabyte reads), whatever the module. The hooks run wasmtime, which is always compared.
const NODE_WASI = process.env.NODE_WASI === '1';

// The hostile-input bounds of the npm tests, for the whole Python process running the module
// under wasmtime: peak resident size at most 24 times the input plus an allowance for Python,
// wasmtime and the compiled module; and a hang guard per case, far above the slowest case.
const RSS_PER_INPUT_BYTE = 24;
const RSS_ALLOWANCE_MB = 256;
const HANG_GUARD_MS = 60_000;

// The fixtures with their keys substituted, written under one scratch directory and named by
// relative paths, so that every runner prints the same file names.
let dir;
let files;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'immuta-preflight-parity-'));
  files = [...fixtures('valid'), ...fixtures('invalid')].map((fixture) => {
    const name = fixture.name.replaceAll('/', '__');
    writeFileSync(join(dir, name), fixture.text);
    return { name, fixture };
  });
});

async function same(args, label, { node = NODE_WASI } = {}) {
  const expected = native(args, dir);
  const viaPython = python(args, dir);
  assert.deepEqual(viaPython, expected, `${label}: the Python wasmtime runner differs from the native CLI`);
  if (node) {
    const viaNode = await nodeWasi(args, dir);
    assert.deepEqual(viaNode, expected, `${label}: node:wasi differs from the native CLI`);
  }
  return expected;
}

describe('the WASI module against the native CLI', () => {
  it('prints the same, byte for byte, with the same exit code, for every fixture', async () => {
    assert.ok(files.length >= 70, `${files.length} fixtures`);
    const statuses = new Set();
    for (const { name, fixture } of files) {
      const args = ['check', '--color', 'never', ...(fixture.options.kind ? ['--kind', fixture.options.kind] : []), name];
      statuses.add((await same(args, name)).status);
    }
    assert.deepEqual([...statuses].sort(), [0, 1], 'both clean and failing fixtures were compared');
  });

  it('prints the same in the json, sarif and github formats, and with --payloads-only', async () => {
    const names = files.map((f) => f.name);
    for (const format of ['json', 'sarif', 'github']) {
      const { status, stdout } = await same(['check', '--format', format, ...names], format);
      assert.equal(status, 1);
      assert.ok(stdout.length > 10000, `${format} output`);
    }
    writeFileSync(join(dir, 'package.json'), '{ "name": "app", "type": "module" }\n');
    const { status, stdout } = await same(['check', '--payloads-only', 'package.json', names[0]], 'payloads-only');
    assert.equal(status, 0);
    assert.equal(stdout, 'no problems in 1 file\n');
  });

  it('walks folders, reads the config file and writes fixes as the native CLI does', () => {
    // Two copies of one folder: the module fixes one, the native CLI the other.
    const make = (name) => {
      const copy = join(dir, '..', `${basename(dir)}-${name}`);
      mkdirSync(join(copy, 'payloads/.hidden'), { recursive: true });
      const text = (fixture) => files.find((f) => f.fixture.name === fixture).fixture.text;
      writeFileSync(join(copy, 'payloads/key.json'), text('invalid/private-key-newlines-raw.json'));
      writeFileSync(join(copy, 'payloads/port.yaml'), 'type: Trino\nconfig: {}\n');
      writeFileSync(join(copy, 'payloads/.hidden/port.json'), text('invalid/wrong-type.json'));
      writeFileSync(join(copy, 'immuta-preflight.toml'), '[rules]\nseverity = { unknown-field = "error" }\n');
      return copy;
    };
    const [viaPython, viaNative] = [make('python'), make('native')];
    for (const args of [['check', '--color', 'never'], ['check', '--diff', 'payloads'], ['check', '--fix', '--color', 'never', '.']]) {
      assert.deepEqual(python(args, viaPython), native(args, viaNative), args.join(' '));
    }
    const fixed = readFileSync(join(viaPython, 'payloads/key.json'), 'utf8');
    assert.equal(fixed, readFileSync(join(viaNative, 'payloads/key.json'), 'utf8'));
    assert.equal(fixed, files.find((f) => f.fixture.name === 'valid/connection/snowflake-keyPair.json').fixture.text);
    assert.match(native(['check', '--color', 'never'], viaNative).stdout, /error\[unknown-field\]/);
  });

  it('reports unreadable files with exit code 2, never a trap', async () => {
    const cases = [['missing.json', 'immuta-preflight: cannot read missing.json: no such file\n']];
    for (const [name, message] of cases) {
      const { status, stdout, stderr } = await same(['check', name], name);
      assert.equal(status, 2, name);
      assert.equal(stdout, '', name);
      assert.equal(stderr, `${message}Run \`immuta-preflight --help\` for usage.\n`, name);
    }
  });

  it('prints the same for every hostile input (tests/fixtures/hostile.json), with its expected first finding, in bounded memory and time', async () => {
    for (const c of hostileCases()) {
      const name = `hostile-${c.file}`;
      writeFileSync(join(dir, name), c.bytes);
      // Under wasmtime only, even with NODE_WASI=1: node:wasi crashes on multi-megabyte reads.
      // The npm tests run these cases in Node's own wasm.
      const args = ['check', '--color', 'never', ...c.ignore.flatMap((code) => ['--ignore', code]), name];
      const { maxRssMb, ...viaPython } = pythonMeasured(args, dir, { timeout: HANG_GUARD_MS });
      assert.deepEqual(viaPython, native(args, dir), `${c.name}: the Python wasmtime runner differs from the native CLI`);
      const [severity, code, at = ''] = c.first.split(' ');
      const { stdout } = viaPython;
      assert.ok(stdout.startsWith(`${name}:${at}`) && stdout.split('\n')[0].includes(`: ${severity}[${code}]: `), c.name);
      const bound = (RSS_PER_INPUT_BYTE * c.bytes.length) / 2 ** 20 + RSS_ALLOWANCE_MB;
      assert.ok(maxRssMb < bound, `${c.name}: peak RSS ${maxRssMb.toFixed(0)} MB, bound ${bound.toFixed(0)} MB`);
    }
  });

  it('reads a path outside the current folder as the native CLI does; a runner that opens only the current folder says it cannot see it', async () => {
    const outside = join(dir, '..', basename(dir), files[0].name);
    const expected = native(['check', outside], dir);
    assert.equal(expected.status, 0, 'natively the path is readable');
    assert.deepEqual(python(['check', outside], dir), expected, 'the hook opens the root and names the current folder');
    if (NODE_WASI) {
      const sandboxed = await nodeWasi(['check', outside], dir);
      assert.equal(sandboxed.status, 2);
      assert.match(sandboxed.stderr, /it is outside the current directory, the only one this WebAssembly build can see/);
    }
  });

  it('prints the same for the scalar-style sweep and the texts that once crashed every door', () => {
    const names = sweep().map((t) => t.name);
    const args = ['check', '--format', 'json', '--no-config', ...names];
    const expected = native(args, sweepDir);
    assert.equal(JSON.parse(expected.stdout).files.length, names.length);
    assert.deepEqual(python(args, sweepDir), expected, 'the Python wasmtime runner differs from the native CLI');
    const fixArgs = ['check', '--diff', '--no-config', ...names];
    assert.deepEqual(python(fixArgs, sweepDir), native(fixArgs, sweepDir), '--diff differs from the native CLI');
  });

  // A panic inside the module aborts it: the runners print the module's one line (what the native
  // CLI prints), no traceback and no wasm backtrace, run the command again for the other files,
  // and exit with status 3, as the native CLI does.
  it('turns a panic into the native CLI\'s line and status, and checks the other files', () => {
    const crash = files.find((f) => f.name.startsWith('valid__connection')).name;
    const broken = files.find((f) => f.name === 'invalid__wrong-type.json').name;
    const args = ['check', '--internal-test-panic', crash, crash, broken];
    // Rust's own panic report is printed natively when RUST_BACKTRACE asks for it.
    delete process.env.RUST_BACKTRACE;
    const expected = native(args, dir);
    assert.equal(expected.status, 3);
    assert.match(expected.stderr, /^immuta-preflight \S+: internal error while checking `[^`]+` \(src\/cli\/check\.rs:\d+\); this is a bug/);
    assert.equal(expected.stderr.split('\n').length, 2, expected.stderr);
    assert.match(expected.stdout, /invalid__wrong-type\.json:5:13: error\[wrong-type\]/);
    assert.deepEqual(python(args, dir), expected, 'the Python runner');
    const script = join(root, 'pkg/pre-commit/run-wasmtime.sh');
    const standIn = mkdtempSync(join(tmpdir(), 'immuta-preflight-wasmtime-'));
    writeFileSync(
      join(standIn, 'wasmtime'),
      `#!/bin/sh\nexec python3 ${JSON.stringify(join(root, 'tests/hook/wasmtime-stand-in.py'))} ${JSON.stringify(join(standIn, 'log'))} "$@"\n`,
      { mode: 0o755 },
    );
    const env = { ...process.env, PATH: `${standIn}:${process.env.PATH}`, PYTHONPATH: join(root, 'pkg/python') };
    const viaScript = spawnSync('sh', [script, ...args], { cwd: dir, env, encoding: 'utf8' });
    assert.deepEqual(
      { status: viaScript.status, stdout: viaScript.stdout, stderr: viaScript.stderr },
      expected,
      'the wasmtime script',
    );
  });
});
