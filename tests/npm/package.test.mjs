// The npm package as a user gets it: `npm pack`, installed into a new project, used from ESM and
// CommonJS. Every assertion runs on both and the two must agree exactly.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { callPackage, fixtures, installPackage, nativeCli, root, run, secretValues, utf16Offset } from './helpers.mjs';

const valid = fixtures('valid');
const invalid = fixtures('invalid');
let installed;
const results = {};

/** The same calls through both entry points; returns the ESM results after checking they agree. */
function call(calls) {
  const esm = callPackage(installed.project, 'run.mjs', calls);
  const cjs = callPackage(installed.project, 'run.cjs', calls);
  assert.deepEqual(cjs, esm, 'CommonJS and ESM give the same results');
  return esm;
}

const value = (result) => {
  assert.ok(!result.error, `unexpected error: ${JSON.stringify(result.error)}`);
  return result.value;
};

before(() => {
  installed = installPackage();
  const all = [...valid, ...invalid];
  const answers = call(all.map((f) => ['check', f.text, f.options]));
  all.forEach((f, i) => (results[f.name] = value(answers[i])));
});

describe('the packed package', () => {
  it('holds the module, both glues, the guard, the entry points, the bin and its module, the types and the README, and nothing else', () => {
    assert.deepEqual(installed.files.sort(), [
      'README.md',
      'bin/immuta-preflight.cjs',
      'dist/cli/immuta_preflight_cli.js',
      'dist/cli/immuta_preflight_cli_bg.wasm',
      'dist/guard.cjs',
      'dist/immuta_preflight.js',
      'dist/immuta_preflight_bg.wasm',
      'dist/immuta_preflight_web.mjs',
      'index.d.ts',
      'lib/browser.mjs',
      'lib/guard.mjs',
      'lib/node.cjs',
      'lib/node.mjs',
      'package.json',
    ]);
  });

  it('keeps the command line out of the library module: only the bin loads it', () => {
    const dist = join(installed.project, 'node_modules/immuta-preflight/dist');
    const exportsOf = (file) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(join(dist, file)))).map((e) => e.name);
    assert.ok(exportsOf('cli/immuta_preflight_cli_bg.wasm').includes('runCli'));
    const library = exportsOf('immuta_preflight_bg.wasm');
    assert.ok(library.includes('check') && !library.includes('runCli'), library.join(' '));
  });

  it("carries the crate's version", () => {
    const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"$/m)[1];
    const manifest = JSON.parse(readFileSync(join(installed.project, 'node_modules/immuta-preflight/package.json')));
    const [version, kinds] = call([['version'], ['kinds']]).map(value);
    assert.equal(manifest.version, cargo);
    assert.equal(version, cargo);
    assert.deepEqual(kinds, ['integration', 'integration-script', 'connection', 'connection-update']);
  });
});

describe('check', () => {
  it('finds nothing wrong in any valid fixture', () => {
    assert.ok(valid.length >= 30);
    for (const f of valid) {
      const report = results[f.name];
      // Only notes about the docs: `unconfirmed` (undocumented payloads) and `deprecated` (legacy onboarding).
      const findings = report.diagnostics.filter((d) => !(['unconfirmed', 'deprecated'].includes(d.code) && d.severity === 'info'));
      assert.deepEqual(findings, [], f.name);
      assert.equal(report.kind, f.options.kind, f.name);
    }
  });

  it('reports exactly the expected codes, pointers and positions for every invalid fixture', () => {
    assert.ok(invalid.length >= 30);
    for (const f of invalid) {
      const lines = results[f.name].diagnostics.map(
        (d) => `${d.severity} ${d.code} ${d.pointer === '' ? '""' : d.pointer} ${d.line}:${d.column}`,
      );
      assert.deepEqual(lines, f.expected, f.name);
    }
  });

  it('gives start and end as UTF-16 offsets that agree with line and column', () => {
    let compared = 0;
    for (const f of [...valid, ...invalid]) {
      for (const d of results[f.name].diagnostics) {
        assert.equal(d.start, utf16Offset(f.text, d.line, d.column), `${f.name} ${d.code} start`);
        assert.equal(d.end, utf16Offset(f.text, d.endLine, d.endColumn), `${f.name} ${d.code} end`);
        compared++;
      }
    }
    assert.ok(compared > 50, `only ${compared} diagnostics compared`);
  });

  it('counts UTF-16 code units after non-ASCII text', () => {
    const text = '{\n  "city": "Zürich 🚀", "connectionKey": "Bad Key",\n  "connection": {"technology": "Snowflake"}\n}';
    const [report] = call([['check', text, { kind: 'connection' }]]).map(value);
    const key = report.diagnostics.find((d) => d.code === 'connection-key');
    assert.equal(text.slice(key.start, key.end), '"Bad Key"');
    assert.deepEqual([key.line, key.column, key.start], [2, 40, 42], 'column 40 counts 🚀 once; start counts its two code units');
    assert.equal(key.pointer, '/connectionKey');
  });

  it('returns plain objects with nulls, never Maps or undefined', () => {
    const report = results['invalid/demo-databricks-connection.json'];
    assert.equal(Object.getPrototypeOf(report), Object.prototype);
    assert.deepEqual(Object.keys(report), ['kind', 'technology', 'authenticationType', 'format', 'diagnostics']);
    assert.equal(report.technology, 'Databricks');
    assert.ok(report.diagnostics.some((d) => d.help === null || typeof d.help === 'string'));
  });

  it('throws a TypeError that says what to pass instead', () => {
    const errors = call([
      ['check', 42],
      ['check', '{}', { kidn: 'connection' }],
      ['check', '{}', { kind: 'conection' }],
      ['applyFixes', '{}', 'private-key-newlines'],
      ['applyFixes', '{}', ['private-key-newline']],
      ['render', {}, 'text'],
      ['render', { diagnostics: [] }, 'xml'],
      ['schema', 'integrations'],
    ]).map((r) => r.error);
    assert.ok(errors.every((e) => e && e.name === 'TypeError'), JSON.stringify(errors));
    assert.deepEqual(
      errors.map((e) => e.message),
      [
        'check(text): text must be a string, not number; read files with readFileSync(path, "utf8")',
        'check options: unknown option `kidn`; did you mean `kind`?',
        'unknown kind `conection`; did you mean `connection`?',
        'applyFixes(text, codes): codes must be an array of rule codes, e.g. ["private-key-newlines"]',
        'unknown rule code `private-key-newline`; did you mean `private-key-newlines`?',
        'render(report): not a report from check(): missing field `diagnostics`',
        'unknown format `xml`; use "text", "json", "sarif" or "github"',
        'unknown kind `integrations`; did you mean `integration`?',
      ],
    );
  });
});

describe('rule options and checkFiles', () => {
  const warned = () =>
    invalid.find((x) => x.name === 'invalid/recommended-setting.json').text.replace('{', '{\n  "comment": "prod",');
  const codes = (report) => report.diagnostics.map((d) => `${d.severity} ${d.code}`);

  it('ignores, selects and re-grades rules, and refuses what is not a rule or a severity', () => {
    const text = warned();
    const answers = call([
      ['check', text],
      ['check', text, { rules: { ignore: ['recommended-setting'] } }],
      ['check', text, { rules: { select: ['unknown-field'], severity: { 'unknown-field': 'error' } } }],
      ['check', text, { rules: { ignor: ['x'] } }],
      ['check', text, { rules: { ignore: ['syntax'] } }],
      ['check', text, { rules: { severity: { 'unknown-field': 'fatal' } } }],
      ['check', text, { rules: ['placeholder'] }],
    ]);
    assert.deepEqual(codes(value(answers[0])), ['warning unknown-field', 'info recommended-setting', 'info recommended-setting']);
    assert.deepEqual(codes(value(answers[1])), ['warning unknown-field']);
    assert.deepEqual(codes(value(answers[2])), ['error unknown-field']);
    assert.deepEqual(
      answers.slice(3).map((a) => a.error && a.error.message),
      [
        'check options: rules: unknown option `ignor`; did you mean `ignore`?',
        'rules: `syntax` cannot be ignored: its findings say that a file was not wholly checked',
        'rules.severity: unknown severity `fatal`; the severities are error, warning and info',
        'check options: rules must be an object such as { ignore: ["placeholder"] }',
      ],
    );
  });

  it('checks files together, with the other file of each finding in related', () => {
    const across = (name) => readFileSync(join(root, 'tests/fixtures/across', name), 'utf8');
    const files = [
      { path: 'a/acme.json', text: across('duplicate-connection-key/connection/acme.json') },
      { path: 'b/acme-copy.yaml', text: across('duplicate-connection-key/connection/acme-copy.yaml') },
    ];
    const [together, rules, bad] = call([
      ['checkFiles', files],
      ['checkFiles', files, { rules: { ignore: ['duplicate-connection-key'] } }],
      ['checkFiles', 'a.json'],
    ]);
    const reports = value(together);
    assert.deepEqual(reports.map((r) => r.path), ['a/acme.json', 'b/acme-copy.yaml']);
    assert.deepEqual(reports[0].diagnostics, []);
    const [finding] = reports[1].diagnostics;
    assert.equal(finding.code, 'duplicate-connection-key');
    assert.deepEqual([finding.line, finding.column], [2, 16]);
    assert.deepEqual(finding.related, [
      { path: 'a/acme.json', line: 2, column: 20, endLine: 2, endColumn: 36, message: 'the first registration of this key' },
    ]);
    assert.deepEqual(value(rules)[1].diagnostics, []);
    assert.equal(bad.error.message, 'checkFiles(files): files must be an array of { path, text } objects with string members');
  });
});

describe('complete', () => {
  it('offers the members the schema allows and not yet written, and enum values quoted, with UTF-16 ranges', () => {
    const text = '{"connectionKey": "é𝄞", "connection": {"technology": "Snowflake", "authenticationType": "key"}}';
    const atValue = text.indexOf('key"') + 3;
    const atMember = text.indexOf(', "authenticationType"') + 2;
    const [values, members, bad] = call([
      ['complete', text, atValue],
      ['complete', text, atMember],
      ['complete', text, '3'],
    ]);
    const keyPair = value(values).find((c) => c.label === 'keyPair');
    assert.equal(keyPair.insert, '"keyPair"');
    assert.equal(keyPair.kind, 'value');
    assert.equal(text.slice(keyPair.from, keyPair.to), '"key"');
    const names = value(members).map((c) => c.label);
    assert.ok(names.includes('hostname') && names.includes('warehouse'), JSON.stringify(names));
    assert.ok(!names.includes('technology'), 'a member already written is not offered');
    assert.equal(bad.error.message, 'complete(text, offset): offset must be a UTF-16 offset into text, e.g. 0');
  });
});

describe('applyFixes', () => {
  it('escapes a private key pasted with raw line breaks, and the result passes', () => {
    const f = invalid.find((x) => x.name === 'invalid/private-key-newlines-raw.json');
    assert.ok(results[f.name].diagnostics.some((d) => d.code === 'private-key-newlines'));
    const [fixed] = call([['applyFixes', f.text, ['private-key-newlines']]]).map(value);
    const [after] = call([['check', fixed, f.options]]).map(value);
    assert.deepEqual(after.diagnostics, []);
    const rsa = readFileSync(join(root, 'tests/fixtures/keys/rsa.pem'), 'utf8').trimEnd();
    assert.equal(JSON.parse(fixed).connection.privateKey.content, rsa, 'the key itself is unchanged');
  });

  it('copies a secret into nativeIntegration by position and fixes every rule it can', () => {
    const f = invalid.find((x) => x.name === 'invalid/mismatch-databricks.json');
    const before = results[f.name].diagnostics.filter((d) => d.fix).map((d) => d.code);
    assert.ok(before.includes('mismatch'), JSON.stringify(before));
    const [fixed] = call([['applyFixes', f.text]]).map(value);
    const [after] = call([['check', fixed, f.options]]).map(value);
    assert.deepEqual(after.diagnostics.filter((d) => d.fix), [], 'no fixable finding is left');
    assert.ok(!after.diagnostics.some((d) => d.code === 'mismatch'));
  });
});

describe('rules, explain, schema', () => {
  it('documents every rule, and explains one by its code', () => {
    const [rules, explained, unknown] = call([['rules'], ['explain', 'catalog-name'], ['explain', 'nope']]);
    const codes = value(rules).map((r) => r.code);
    const declared = readFileSync(join(root, 'pkg/index.d.ts'), 'utf8')
      .match(/export type RuleCode =([^;]+);/)[1]
      .match(/"([a-z-]+)"/g)
      .map((c) => c.slice(1, -1));
    assert.deepEqual(codes.slice().sort(), declared.slice().sort(), 'the RuleCode type lists exactly the rules');
    assert.equal(value(explained).code, 'catalog-name');
    assert.match(value(explained).doc, /## What it checks/);
    assert.deepEqual(unknown, { undefined: true });
  });

  it('gives each kind its JSON Schema', () => {
    const schemas = call([['schema', 'connection'], ['schema', 'integration']]).map(value);
    for (const s of schemas) assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.notDeepEqual(schemas[0], schemas[1]);
  });
});

describe('render', () => {
  it("prints exactly what the CLI prints, in every format", () => {
    const f = invalid.find((x) => x.name === 'invalid/demo-databricks-connection.json');
    const path = 'tests/fixtures/invalid/demo-databricks-connection.json';
    const formats = ['text', 'json', 'sarif', 'github'];
    const rendered = call(formats.map((format) => ['render', results[f.name], format, { source: f.text, path }])).map(value);
    formats.forEach((format, i) => {
      const cli = run(nativeCli(), ['check', '--color', 'never', '--format', format, path], { cwd: root });
      assert.equal(rendered[i], cli.stdout, format);
    });
  });

  it('still renders without the source, minus the code frames', () => {
    const f = invalid.find((x) => x.name === 'invalid/demo-databricks-connection.json');
    const [text, json] = call([
      ['render', results[f.name], 'text'],
      ['render', results[f.name], 'json', { path: 'demo.json' }],
    ]).map(value);
    assert.match(text, /^<input>:2:20: error\[connection-key\]/);
    assert.ok(!text.includes(' | '), 'no code frame');
    const [withSource] = call([['render', results[f.name], 'json', { path: 'demo.json', source: f.text }]]).map(value);
    assert.equal(json, withSource, 'fix positions do not need the source');
  });
});

describe('secrets', () => {
  it('never appear in any returned value or rendered output', () => {
    const all = [...valid, ...invalid];
    // Found by field name and header, not by the package's own secret detection.
    const secrets = secretValues(all);
    const renders = call(
      all.flatMap((f) =>
        ['text', 'json', 'sarif', 'github'].map((format) => [
          'render',
          results[f.name],
          format,
          { source: f.text, path: f.name, color: true },
        ]),
      ),
    ).map(value);
    const returned = JSON.stringify(results) + renders.join('\n');
    let checked = 0;
    for (const secret of secrets) {
      assert.ok(!returned.includes(secret), `a secret (${secret.length} chars) was returned`);
      checked++;
    }
    assert.ok(checked > 100, `only ${checked} secrets checked`);
  });
});
