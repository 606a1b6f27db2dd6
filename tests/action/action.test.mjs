// The GitHub Action run as the runner runs it: `node pkg/action/main.mjs` (action.yml's `main`),
// inputs as INPUT_* variables, in GITHUB_WORKSPACE, with the summary and output files the runner
// gives. Its annotations, summary, outputs and exit code must follow the native CLI's findings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(root, 'target/debug/immuta-preflight');
const fixture = (path) => join(root, 'tests/fixtures', path);
const TOKENS = [...readFileSync(fixture('invalid/demo-databricks-connection.json'), 'utf8').matchAll(/"(dapi\w+)"/g)].map((m) => m[1]);

/** A repository: a broken payload, a valid one, a YAML payload with a warning, a package.json, and a config file. */
function workspace({ config = '[rules]\nignore = ["catalog-name"]\n' } = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'immuta-preflight-action-'));
  mkdirSync(join(folder, '.git'));
  mkdirSync(join(folder, 'payloads/yaml'), { recursive: true });
  cpSync(fixture('invalid/demo-databricks-connection.json'), join(folder, 'payloads/demo.json'));
  cpSync(fixture('valid/connection/databricks-token.json'), join(folder, 'payloads/ok.json'));
  cpSync(fixture('invalid/invalid-value-redshift-auth.yaml'), join(folder, 'payloads/yaml/redshift.yaml'));
  writeFileSync(join(folder, 'package.json'), '{ "name": "payloads" }\n');
  if (config) writeFileSync(join(folder, 'immuta-preflight.toml'), config);
  return folder;
}

/** The action, as the runner starts it. */
function action(folder, inputs) {
  // A step's own files, as the runner gives each step.
  const step = mkdtempSync(join(tmpdir(), 'immuta-preflight-step-'));
  const files = { summary: join(step, 'summary.md'), output: join(step, 'output') };
  const env = { PATH: process.env.PATH, GITHUB_WORKSPACE: folder, GITHUB_STEP_SUMMARY: files.summary, GITHUB_OUTPUT: files.output };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const run = spawnSync(process.execPath, [join(root, 'pkg/action/main.mjs')], { cwd: folder, env, encoding: 'utf8' });
  const read = (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  return { ...run, summary: read(files.summary), output: read(files.output) };
}

function native(folder, format, paths) {
  const run = spawnSync(CLI, ['check', '--format', format, ...paths], { cwd: folder, encoding: 'utf8' });
  return run.stdout;
}

describe('the GitHub Action', () => {
  it('annotates every finding as the native CLI does, and fails on errors', () => {
    const folder = workspace();
    const run = action(folder, { paths: '.' });
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::'));
    assert.deepEqual(annotations, native(folder, 'github', ['.']).trim().split('\n'));
    assert.ok(annotations.some((a) => a.startsWith('::error file=payloads/demo.json,line=2,col=20,')), annotations.join('\n'));
    assert.ok(!annotations.some((a) => a.includes('catalog-name')), 'the config file ignores catalog-name');
    const report = JSON.parse(native(folder, 'json', ['.']));
    const all = report.files.flatMap((f) => f.diagnostics);
    const errors = all.filter((d) => d.severity === 'error').length;
    const warnings = all.filter((d) => d.severity === 'warning').length;
    assert.ok(errors > 0 && warnings > 0);
    assert.equal(run.output, `errors=${errors}\nwarnings=${warnings}\n`);
    assert.equal(run.status, 1, run.stderr);
    for (const token of TOKENS) assert.ok(!run.stdout.includes(token) && !run.summary.includes(token), 'a token in the log or summary');
    assert.ok(!run.stderr.includes('ExperimentalWarning'), run.stderr);
  });

  it("writes a job summary: a table per file, each finding's rule linked to its documentation", () => {
    const folder = workspace();
    const run = action(folder, { paths: 'payloads', format: 'github' });
    const report = JSON.parse(native(folder, 'json', ['payloads']));
    assert.match(run.summary, /^## immuta-preflight\n\n\d+ errors?, \d+ warnings? in 3 files checked\.\n/);
    for (const file of report.files.filter((f) => f.diagnostics.length)) {
      assert.ok(run.summary.includes(`### \`${file.path}\``), file.path);
      for (const d of file.diagnostics) {
        const link = `[${d.code}](https://github.com/immuta-preflight/immuta-preflight/blob/main/docs/rules.md#${d.code})`;
        assert.ok(run.summary.includes(`| ${d.line}:${d.column} | ${d.severity} | ${link} |`), `${file.path} ${d.line}:${d.column}`);
      }
    }
    assert.ok(!run.summary.includes('ok.json'), 'a file without findings has no table');
    // `format: github`: the log holds the annotations alone.
    assert.ok(run.stdout.trim().split('\n').every((line) => line.startsWith('::')), run.stdout);
  });

  it('exits as fail-on says, reads the config given, and prints the format asked for', () => {
    const folder = workspace();
    assert.equal(action(folder, { paths: 'payloads/yaml', 'fail-on': 'error' }).status, 0, 'warnings only');
    assert.equal(action(folder, { paths: 'payloads/yaml', 'fail-on': 'warning' }).status, 1);
    assert.equal(action(folder, { paths: '.', 'fail-on': 'never' }).status, 0);
    writeFileSync(join(folder, 'strict.toml'), '[rules]\nselect = ["catalog-name"]\n');
    const strict = action(folder, { paths: '.', config: 'strict.toml' });
    assert.equal(strict.output, 'errors=1\nwarnings=0\n');
    const text = action(folder, { paths: 'payloads/demo.json', format: 'text' });
    assert.ok(text.stdout.includes(native(folder, 'text', ['--color', 'never', 'payloads/demo.json'])), text.stdout);
  });

  it('says what to write when an input is wrong', () => {
    const folder = workspace();
    const wrong = action(folder, { 'fail-on': 'sometimes' });
    assert.equal(wrong.status, 2);
    assert.match(wrong.stdout, /::error title=immuta-preflight::fail-on is `sometimes`: use one of error, warning, never/);
    const missing = action(folder, { paths: 'nowhere.json' });
    assert.equal(missing.status, 2);
    assert.match(missing.stdout, /::error title=immuta-preflight::.*nowhere\.json/);
  });
});
