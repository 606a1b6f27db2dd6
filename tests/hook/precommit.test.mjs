// Both pre-commit hooks, installed for real in a temporary git repository: a commit of a valid
// payload and of files that are not payloads goes through; a commit of a broken payload is
// blocked, with its file:line:col printed.
//
// The hook repository is a snapshot of this working tree's hook files (committed into a
// temporary repository, so that uncommitted changes are what is tested). pre-commit builds the
// `immuta-preflight` hook's virtualenv from it with pip, as it would for a user. The
// `immuta-preflight-wasmtime` hook needs the wasmtime command, which takes a quarter of an hour
// to build; a stand-in (tests/hook/wasmtime-stand-in.py) runs what the script passes it with
// wasmtime's Python package, and records its arguments.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fixtures } from '../fixtures/fixtures.mjs';
import { native, root } from './runners.mjs';

const HOOK_FILES = ['pyproject.toml', '.pre-commit-hooks.yaml', 'pkg/pre-commit', 'pkg/python'];
const scratch = mkdtempSync(join(tmpdir(), 'immuta-preflight-hook-'));
const env = {
  ...process.env,
  PRE_COMMIT_HOME: join(scratch, 'pre-commit-cache'),
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  NO_COLOR: '1',
};

function run(command, args, cwd, extraEnv = {}) {
  const result = spawnSync(command, args, { cwd, env: { ...env, ...extraEnv }, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function git(args, cwd) {
  const result = run('git', args, cwd);
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.output}`);
  return result.output.trim();
}

const text = (name) => fixtures(name.split('/')[0]).find((f) => f.name === name).text;

let project;
let standInLog;
let hooksRepo;
let hooksRev;
before(() => {
  const hooks = join(scratch, 'hooks');
  for (const file of HOOK_FILES) cpSync(join(root, file), join(hooks, file), { recursive: true });
  git(['init', '-q', '-b', 'main'], hooks);
  git(['add', '.'], hooks);
  git(['commit', '-q', '-m', 'hooks'], hooks);
  const rev = git(['rev-parse', 'HEAD'], hooks);
  [hooksRepo, hooksRev] = [hooks, rev];

  const bin = join(scratch, 'bin');
  mkdirSync(bin);
  standInLog = join(scratch, 'wasmtime-calls');
  const standIn = join(bin, 'wasmtime');
  writeFileSync(
    standIn,
    `#!/bin/sh\nexec python3 ${JSON.stringify(join(root, 'tests/hook/wasmtime-stand-in.py'))} ${JSON.stringify(standInLog)} "$@"\n`,
  );
  chmodSync(standIn, 0o755);
  env.PATH = `${bin}:${env.PATH}`;
  env.PYTHONPATH = join(root, 'pkg/python');

  project = join(scratch, 'project');
  mkdirSync(project);
  git(['init', '-q', '-b', 'main'], project);
  writeFileSync(
    join(project, '.pre-commit-config.yaml'),
    `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: immuta-preflight\n      - id: immuta-preflight-wasmtime\n`,
  );
  const install = run('pre-commit', ['install'], project);
  assert.equal(install.status, 0, install.output);
});

function write(name, content) {
  mkdirSync(dirname(join(project, name)), { recursive: true });
  writeFileSync(join(project, name), content);
}

describe('the pre-commit hooks', () => {
  it('let a valid payload and files that are not payloads be committed', () => {
    write('.pre-commit-config.yaml', readFileSync(join(project, '.pre-commit-config.yaml'), 'utf8'));
    write('payloads/snowflake.json', text('valid/connection/snowflake-keyPair.json'));
    write('payloads/redshift.yaml', text('valid/integration/redshift-userPassword.yaml'));
    write('package.json', '{ "name": "infra", "type": "module", "private": true }\n');
    write('tsconfig.json', '{ "compilerOptions": { "strict": true } }\n');
    write('.github/workflows/ci.yml', 'name: CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n');
    git(['add', '.'], project);
    const commit = run('git', ['commit', '-m', 'payloads'], project);
    assert.equal(commit.status, 0, commit.output);
    assert.match(commit.output, /immuta-preflight\.+Passed/);
    assert.match(commit.output, /immuta-preflight \(wasmtime CLI\)\.+Passed/);
    // The script hook ran the committed module on the staged JSON and YAML files (pre-commit
    // may split them between processes), told the repository's folder.
    const calls = readdirSync(standInLog).map((file) => JSON.parse(readFileSync(join(standInLog, file), 'utf8')));
    const files = [];
    for (const args of calls) {
      assert.deepEqual(args.slice(0, 2), ['run', '--dir=/::/']);
      const module = args.findIndex((arg) => arg.endsWith('.wasm'));
      assert.match(args[module], /pkg\/python\/immuta_preflight\/immuta-preflight\.wasm$/);
      assert.ok(args.slice(2, module).includes(`IMMUTA_PREFLIGHT_CWD=${realpathSync(project)}`), args.join(' '));
      assert.deepEqual(args.slice(module + 1, module + 3), ['check', '--payloads-only']);
      files.push(...args.slice(module + 3));
    }
    assert.deepEqual(files.sort(), [
      '.github/workflows/ci.yml',
      '.pre-commit-config.yaml',
      'package.json',
      'payloads/redshift.yaml',
      'payloads/snowflake.json',
      'tsconfig.json',
    ]);
  });

  it('block the commit of a broken payload and print where it is broken', () => {
    const before = git(['rev-parse', 'HEAD'], project);
    write('payloads/pasted-key.json', text('invalid/private-key-newlines-raw.json'));
    git(['add', '.'], project);
    const commit = run('git', ['commit', '-m', 'broken'], project);
    assert.notEqual(commit.status, 0, commit.output);
    assert.equal(git(['rev-parse', 'HEAD'], project), before, 'nothing was committed');
    assert.match(commit.output, /immuta-preflight\.+Failed/);
    assert.match(commit.output, /immuta-preflight \(wasmtime CLI\)\.+Failed/);
    const located = commit.output.match(/payloads\/pasted-key\.json:14:18: error\[private-key-newlines\]/g) ?? [];
    assert.equal(located.length, 2, commit.output);
    // Secrets stay masked in the hook's output too.
    for (const line of text('invalid/private-key-newlines-raw.json').split('\n').filter((l) => /^[A-Za-z0-9+/]{40,}$/.test(l))) {
      assert.ok(!commit.output.includes(line), 'a key line was printed');
    }
  });

  it('check every file as one kind when the config passes --kind', () => {
    write('.pre-commit-config.yaml', readFileSync(join(project, '.pre-commit-config.yaml'), 'utf8').replace(
      '      - id: immuta-preflight\n',
      '      - id: immuta-preflight\n        files: ^scripts/\n        args: [--kind, integration-script]\n',
    ));
    write('scripts/databricks.json', text('invalid/integration-script/catalog-name.json'));
    const result = run('pre-commit', ['run', 'immuta-preflight', '--files', 'scripts/databricks.json', 'package.json'], project);
    assert.equal(result.status, 1, result.output);
    assert.match(result.output, /scripts\/databricks\.json:9:16: error\[catalog-name\]/);
    assert.doesNotMatch(result.output, /package\.json/);
  });

  it('with args: [--fix], rewrite a raw-pasted key: the first commit fails, the second passes', () => {
    const fixing = join(scratch, 'fixing');
    mkdirSync(fixing);
    git(['init', '-q', '-b', 'main'], fixing);
    writeFileSync(
      join(fixing, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${hooksRepo}\n    rev: ${hooksRev}\n    hooks:\n      - id: immuta-preflight\n        args: [--fix]\n`,
    );
    assert.equal(run('pre-commit', ['install'], fixing).status, 0);
    mkdirSync(join(fixing, 'payloads'));
    writeFileSync(join(fixing, 'payloads/pasted-key.json'), text('invalid/private-key-newlines-raw.json'));
    git(['add', '.'], fixing);
    const first = run('git', ['commit', '-m', 'pasted'], fixing);
    assert.notEqual(first.status, 0, first.output);
    assert.match(first.output, /immuta-preflight\.+Failed/);
    assert.match(first.output, /files were modified by this hook/);
    assert.match(first.output, /fixed payloads\/pasted-key\.json/);
    assert.equal(readFileSync(join(fixing, 'payloads/pasted-key.json'), 'utf8'), text('valid/connection/snowflake-keyPair.json'));
    git(['add', '.'], fixing);
    const second = run('git', ['commit', '-m', 'fixed'], fixing);
    assert.equal(second.status, 0, second.output);
    assert.match(second.output, /immuta-preflight\.+Passed/);
  });

  it('read the config file above the current folder, as the native CLI does', () => {
    const sub = join(project, 'payloads');
    writeFileSync(join(sub, 'bad-key.json'), '{"connectionKey": "Bad Key", "connection": {"technology": "Snowflake"}}\n');
    writeFileSync(join(project, 'immuta-preflight.toml'), '[rules]\nignore = ["connection-key"]\n');
    const args = ['check', '--format', 'json', 'bad-key.json'];
    const expected = native(args, sub);
    assert.doesNotMatch(expected.stdout, /connection-key/, 'the config file above is what ignores the rule');
    const result = run('python3', ['-m', 'immuta_preflight', ...args], sub);
    assert.equal(result.output, `${expected.stdout}${expected.stderr}`);
    assert.equal(result.status, expected.status, result.output);
    const without = run('python3', ['-m', 'immuta_preflight', ...args, '--no-config'], sub);
    assert.match(without.output, /connection-key/, 'without it the rule is reported');
  });

  it('the wasmtime script says what to do when the wasmtime command is missing', () => {
    const result = spawnSync(join(root, 'pkg/pre-commit/run-wasmtime.sh'), ['check', 'x.json'], {
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin' },
    });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /needs the wasmtime command .*\n.*use the immuta-preflight hook, which needs only Python/);
  });
});
