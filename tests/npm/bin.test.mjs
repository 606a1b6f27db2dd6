// `npx immuta-preflight`: the package's bin runs the same command line as the native binary, so
// for every case here its output and exit code must be byte-for-byte the native ones.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { installPackage, nativeCli, root, run } from './helpers.mjs';

const fixture = (name) => join(root, 'tests/fixtures', name);
const demo = fixture('invalid/demo-databricks-connection.json');
const valid = fixture('valid/connection/snowflake-userPassword.json');
let bin;
let scratch;

before(() => {
  const { project } = installPackage();
  bin = join(project, 'node_modules/.bin/immuta-preflight');
  scratch = mkdtempSync(join(tmpdir(), 'immuta-preflight-bin-'));
});

function both(args, input) {
  const npm = run(bin, args, { input, env: { ...process.env, NO_COLOR: '1' } });
  const native = run(nativeCli(), args, { input, env: { ...process.env, NO_COLOR: '1' } });
  assert.deepEqual(npm, native, `immuta-preflight ${args.join(' ')}`);
  return npm;
}

describe('the bin', () => {
  it('exits 0 on a valid payload', () => {
    const { status, stdout } = both(['check', valid]);
    assert.equal(status, 0);
    assert.equal(stdout, 'no problems in 1 file\n');
  });

  it('exits 1 with positions, frames and help on an invalid payload, in every format', () => {
    const text = both(['check', demo]);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /demo-databricks-connection\.json:2:20: error\[connection-key\]/);
    for (const format of ['json', 'sarif', 'github']) {
      assert.equal(both(['check', '--format', format, demo, valid]).status, 1);
    }
    assert.equal(JSON.parse(both(['check', '-f', 'json', demo]).stdout).files[0].kind, 'connection');
  });

  it('reads standard input from -', () => {
    const { status, stdout } = both(['check', '-'], 'type: Trino\nconfig: {}\n');
    assert.equal(status, 0);
    // Trino's legacy-onboarding note first (1:7), then the finding.
    assert.match(stdout, /\n<stdin>:2:1: warning\[unknown-field\]/);
  });

  it('exits 2 with a message on bad usage and unreadable input', () => {
    const utf16 = join(scratch, 'utf16.json');
    writeFileSync(utf16, Buffer.from('\ufeff{}', 'utf16le'));
    const cases = [
      [['check', join(scratch, 'missing.json')], /cannot read .*missing\.json: no such file/],
      [['chek', demo], /did you mean `check`\?/],
      [['check', '--kind', 'conection', demo], /did you mean `connection`\?/],
      [['explain', 'catalog'], /unknown rule `catalog`/],
      [[], /no command given/],
    ];
    for (const [args, message] of cases) {
      const { status, stdout, stderr } = both(args);
      assert.equal(status, 2, args.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, message);
    }
    // A UTF-16 file is read, and its encoding is a finding like any other.
    const { status, stdout } = both(['check', '--color', 'never', utf16]);
    assert.equal(status, 1);
    assert.match(stdout, /utf16\.json:1:1: error\[syntax\]: the file is UTF-16 text; Immuta reads request bodies as UTF-8/);
  });

  it('walks folders, reads the config file and fixes files as the native CLI does', () => {
    // Two copies of one repository: the bin works in one, the native CLI in the other.
    const make = (name) => {
      const dir = join(scratch, name);
      mkdirSync(join(dir, 'payloads/deep'), { recursive: true });
      mkdirSync(join(dir, '.hidden'));
      mkdirSync(join(dir, 'generated'));
      run('git', ['init', '-q'], { cwd: dir });
      cpSync(fixture('invalid/private-key-newlines-raw.json'), join(dir, 'payloads/key.json'));
      cpSync(fixture('invalid/wrong-type.json'), join(dir, 'payloads/deep/port.json'));
      cpSync(fixture('invalid/wrong-type.json'), join(dir, 'payloads/deep-port.json'));
      cpSync(fixture('invalid/wrong-type.json'), join(dir, '.hidden/port.json'));
      cpSync(fixture('invalid/wrong-type.json'), join(dir, 'generated/port.json'));
      writeFileSync(join(dir, '.gitignore'), 'generated/\n');
      writeFileSync(join(dir, 'package.json'), '{ "name": "app" }\n');
      writeFileSync(join(dir, 'immuta-preflight.toml'), '[rules]\nignore = ["recommended-setting"]\n');
      return dir;
    };
    const [viaNpm, viaNative] = [make('npm'), make('native')];
    const env = { ...process.env, NO_COLOR: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
    for (const args of [['check'], ['check', '--format', 'json', 'payloads'], ['check', '--diff'], ['check', '--fix']]) {
      const npm = run(bin, args, { cwd: viaNpm, env });
      const native = run(nativeCli(), args, { cwd: viaNative, env });
      assert.deepEqual(npm, native, args.join(' '));
    }
    const listed = JSON.parse(run(bin, ['check', '--format', 'json', '.'], { cwd: viaNpm, env }).stdout).files.map((f) => f.path);
    assert.deepEqual(listed, ['payloads/deep/port.json', 'payloads/deep-port.json', 'payloads/key.json']);
    for (const file of ['payloads/key.json', 'payloads/deep/port.json']) {
      assert.equal(readFileSync(join(viaNpm, file), 'utf8'), readFileSync(join(viaNative, file), 'utf8'), file);
    }
    assert.doesNotMatch(readFileSync(join(viaNpm, 'payloads/key.json'), 'utf8'), /-----BEGIN PRIVATE KEY-----\n/);
  });

  it('explains rules, lists them, prints schemas, help and the version', () => {
    assert.match(both(['explain', 'private-key-newlines']).stdout, /^# private-key-newlines \(error\)/);
    const listed = both(['rules']).stdout.trim().split('\n');
    assert.equal(listed.length, 36);
    assert.match(listed.at(-1), /^internal-error\s+error\s+immuta-preflight could not run/);
    assert.match(both(['rules', '--markdown']).stdout, /^\| code \| severity \|/);
    assert.equal(JSON.parse(both(['schema', 'connection']).stdout).$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.match(both(['--help']).stdout, /^immuta-preflight: check Immuta API payloads/);
    assert.match(both(['--version']).stdout, /^immuta-preflight \d+\.\d+\.\d+\n$/);
  });
});
