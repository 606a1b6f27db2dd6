// The GitHub Action (action.yml): the committed WASI build of the command line, run under node:wasi
// by the runner's own Node.js, with nothing to install and no network. The command line does the
// checking, the config lookup and the annotations (`--format github`, secrets masked); this file
// reads the inputs, writes the job summary and the outputs from the command line's JSON report,
// and exits as `fail-on` says.
import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODULE = fileURLToPath(new URL('../python/immuta_preflight/immuta-preflight.wasm', import.meta.url));
const RULES_URL = 'https://github.com/immuta-preflight/immuta-preflight/blob/main/docs/rules.md';
const FAIL_ON = ['error', 'warning', 'never'];
const FORMATS = ['text', 'json', 'sarif', 'github'];

/** An input as the runner passes it (`INPUT_` and its name in capitals), trimmed. */
function input(name, fallback = '') {
  const value = process.env[`INPUT_${name.toUpperCase()}`] ?? '';
  return value.trim() || fallback;
}

function fail(message) {
  console.log(`::error title=immuta-preflight::${message}`);
  process.exit(2);
}

let compiled;
/** One run of the command line in `cwd` (the whole file system visible, as the hook does). */
async function run(args, cwd) {
  // Imported here: node:wasi warns that it is experimental as soon as it is loaded.
  const { WASI } = await import('node:wasi');
  compiled ??= WebAssembly.compile(readFileSync(MODULE));
  const scratch = mkdtempSync(join(tmpdir(), 'immuta-preflight-action-'));
  const paths = { stdout: join(scratch, 'stdout'), stderr: join(scratch, 'stderr') };
  const stdout = openSync(paths.stdout, 'w');
  const stderr = openSync(paths.stderr, 'w');
  try {
    const wasi = new WASI({
      version: 'preview1',
      args: ['immuta-preflight', ...args],
      env: { IMMUTA_PREFLIGHT_CWD: cwd, NO_COLOR: '1' },
      preopens: { '/': '/' },
      stdout,
      stderr,
      returnOnExit: true,
    });
    let status;
    try {
      status = wasi.start(await WebAssembly.instantiate(await compiled, wasi.getImportObject()));
    } catch (error) {
      // A trap: a bug inside immuta-preflight. The module has written the line that says so.
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      status = 3;
    }
    closeSync(stdout);
    closeSync(stderr);
    return { status, stdout: readFileSync(paths.stdout, 'utf8'), stderr: readFileSync(paths.stderr, 'utf8') };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The job summary: the counts, then a table of findings per file, each rule linked to its docs. */
function summary(files, errors, warnings) {
  const lines = ['## immuta-preflight', ''];
  const checked = files.length === 1 ? '1 file' : `${files.length} files`;
  lines.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${checked} checked.`, '');
  for (const file of files.filter((f) => f.diagnostics.length)) {
    lines.push(`### \`${file.path}\`${file.kind ? ` (${file.kind})` : ''}`, '');
    lines.push('| line:column | severity | rule | finding |', '|---|---|---|---|');
    for (const d of file.diagnostics) {
      const help = d.help ? `<br>help: ${cell(d.help)}` : '';
      lines.push(`| ${d.line}:${d.column} | ${d.severity} | [${d.code}](${RULES_URL}#${d.code}) | ${cell(d.message)}${help} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  // node:wasi says it is experimental each time it loads: not news to whoever reads the job's log.
  const emitWarning = process.emitWarning.bind(process);
  process.emitWarning = (warning, ...rest) => (/WASI/.test(String(warning)) ? undefined : emitWarning(warning, ...rest));
  const workspace = resolve(process.env.GITHUB_WORKSPACE || process.cwd());
  const paths = input('paths', '.').split(/\s+/).filter(Boolean);
  const config = input('config');
  const failOn = input('fail-on', 'error');
  const format = input('format', 'text');
  if (!FAIL_ON.includes(failOn)) fail(`fail-on is \`${failOn}\`: use one of ${FAIL_ON.join(', ')}`);
  if (!FORMATS.includes(format)) fail(`format is \`${format}\`: use one of ${FORMATS.join(', ')}`);
  const options = config ? ['--config', config] : [];
  // Annotations first: the command line writes them, with secrets masked.
  const annotated = await run(['check', '--format', 'github', ...options, ...paths], workspace);
  process.stdout.write(annotated.stdout);
  process.stderr.write(annotated.stderr);
  if (annotated.status === 2) fail(annotated.stderr.trim().split('\n')[0] || 'bad usage');
  const report = await run(['check', '--format', 'json', ...options, ...paths], workspace);
  const files = JSON.parse(report.stdout || '{"files": []}').files;
  if (format !== 'github') {
    const shown = format === 'json' ? report : await run(['check', '--format', format, '--color', 'never', ...options, ...paths], workspace);
    process.stdout.write(shown.stdout);
  }
  const all = files.flatMap((f) => f.diagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.filter((d) => d.severity === 'warning').length;
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary(files, errors, warnings));
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `errors=${errors}\nwarnings=${warnings}\n`);
  if (report.status === 3) process.exit(3);
  const failed = failOn === 'error' ? errors > 0 : failOn === 'warning' ? errors + warnings > 0 : false;
  process.exit(failed ? 1 : 0);
}

await main();
