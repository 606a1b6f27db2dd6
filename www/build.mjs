// `make www`: bundles the page into www/dist/app.js with esbuild. One script holds everything the
// page runs: CodeMirror, the wasm engine, the rule docs and the examples menu. The engine's bytes
// are inlined (base64) because the page's CSP forbids every fetch, its own origin included.
// Measured over 11 loads each: inlining the raw module (compression left to HTTP, as serve.mjs
// and any static host do) gives the first result about 100 ms sooner than inlining it gzipped
// and inflating it with DecompressionStream, which runs on the main thread.
//
// The rule documentation is rendered from the engine's own text, and the examples are the test
// fixtures, with the throwaway test keys substituted: every valid
// fixture (one per kind, technology and authentication type; notes allowed) and a few broken ones. Each is checked
// here with the npm build, so a "valid" example that stops being valid fails the build.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { fixtures } from '../tests/fixtures/fixtures.mjs';
import { KIND_LABELS } from './src/labels.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const engine = createRequire(import.meta.url)(here('../pkg/lib/node.cjs'));

/** The broken examples, in menu order; the first is the one the page opens with. */
const BROKEN = [
  ['invalid/demo-databricks-connection.json', 'Databricks connection: five mistakes'],
  ['invalid/private-key-newlines-raw.json', 'Private key pasted with raw line breaks'],
  ['invalid/mismatch-databricks.json', 'Host and token differ from nativeIntegration'],
  ['invalid/integration-script/catalog-name.json', 'Databricks catalog name starting with a digit'],
  ['invalid/missing-field.json', 'Snowflake connection with missing fields'],
  ['invalid/bigquery-credential-docs.sh', "Immuta's own BigQuery curl example"],
  ['invalid/unknown-field-renamed.json', 'A misspelt field'],
];

const FORMAT_SUFFIXES = { json: '', yaml: ' (YAML)', curl: ' (curl)' };

function validExamples() {
  return fixtures('valid').map((fixture) => {
    const report = engine.check(fixture.text, fixture.options);
    const problem = report.diagnostics.find((d) => d.severity !== 'info');
    if (problem) {
      throw new Error(`${fixture.name} is a valid example but has a finding: ${JSON.stringify(problem)}`);
    }
    const parts = [report.technology, report.authenticationType].filter(Boolean).join(', ');
    return {
      group: KIND_LABELS[report.kind],
      label: `${parts}${FORMAT_SUFFIXES[report.format]}`,
      text: fixture.text,
      kind: null,
    };
  });
}

function brokenExamples() {
  const all = new Map(fixtures('invalid').map((fixture) => [fixture.name, fixture]));
  return BROKEN.map(([name, label]) => {
    const fixture = all.get(name);
    if (!fixture) throw new Error(`example ${name} is not a fixture`);
    const report = engine.check(fixture.text, fixture.options);
    if (!report.diagnostics.some((d) => d.severity === 'error')) {
      throw new Error(`${name} is a broken example but checks without errors`);
    }
    return { group: 'Broken, to see it work', label, text: fixture.text, kind: fixture.options.kind ?? null, file: basename(name) };
  });
}

// The engine's bytes, gzipped and then base64-encoded: base64 hides the module's byte patterns from
// the gzip a server applies to the script (the module inlined as plain base64 was 465 KB of the
// script gzipped; gzipped first, 333 KB), and the script's text is a third as long to parse.
// engine.js decodes the base64 (natively where Uint8Array.fromBase64 exists) and compiles while the
// browser's own DecompressionStream inflates. esbuild's `binary` loader would decode in JavaScript.
const gzippedBase64Plugin = {
  name: 'gzipped-base64',
  setup(builder) {
    builder.onLoad({ filter: /\.wasm$/ }, async ({ path }) => ({
      contents: `export default ${JSON.stringify(gzipSync(await readFile(path), { level: 9 }).toString('base64'))};`,
      loader: 'js',
    }));
  },
};

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
// The texts mention placeholders such as `<password>` outside code spans: text, never markup.
marked.use({ renderer: { html: ({ text }) => escapeHtml(text) } });

/**
 * Every rule's documentation as HTML, from the engine's own text (the text of `explain`), so the
 * page carries no Markdown renderer.
 */
function ruleDocs() {
  return Object.fromEntries(
    engine.rules().map((rule) => [
      rule.code,
      { severity: rule.severity, html: marked.parse(`${rule.summary}\n\n${rule.doc}`) },
    ]),
  );
}

/** Data computed here and imported by the page as `virtual:<name>`. */
const DATA = { examples: () => [...brokenExamples(), ...validExamples()], 'rule-docs': ruleDocs };

const dataPlugin = {
  name: 'data',
  setup(builder) {
    builder.onResolve({ filter: /^virtual:/ }, ({ path }) => ({ path: path.slice(8), namespace: 'data' }));
    builder.onLoad({ filter: /.*/, namespace: 'data' }, ({ path }) => ({
      contents: JSON.stringify(DATA[path]()),
      loader: 'json',
    }));
  },
};

await build({
  entryPoints: [here('src/main.js')],
  outfile: here('dist/app.js'),
  bundle: true,
  format: 'esm',
  target: ['chrome111', 'firefox113', 'safari16.4'],
  minify: !process.env.DEBUG_BUILD,
  legalComments: 'linked',
  plugins: [gzippedBase64Plugin, dataPlugin],
  logLevel: 'warning',
});
