// The GitHub Action (action.yml): the committed WASI build of the command line, run under node:wasi
// by the runner's own Node.js, with nothing to install and no network. The command line does the
// checking, the config lookup and the annotations (`--format github`, secrets masked); this file
// reads the inputs, writes the job summary and the outputs from the command line's JSON report,
// and exits as `fail-on` says.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODULE = fileURLToPath(new URL('../python/immuta_preflight/immuta-preflight.wasm', import.meta.url));
const RULES_URL = 'https://github.com/immuta-preflight/immuta-preflight/blob/main/docs/rules.md';
const FAIL_ON = ['error', 'warning', 'never'];
const FORMATS = ['text', 'json', 'sarif', 'github'];
/** The argument that makes this file run one check in a process of its own (see `run`). */
const CHILD = '--immuta-preflight-child';

/** An input as the runner passes it (`INPUT_` and its name in capitals), trimmed. */
function input(name, fallback = '') {
  const value = process.env[`INPUT_${name.toUpperCase()}`] ?? '';
  return value.trim() || fallback;
}

function fail(message) {
  console.log(`::error title=immuta-preflight::${message}`);
  process.exit(2);
}

/**
 * One run of the command line in `cwd` (the whole file system visible, as the hook does), in a
 * Node.js process of its own: Node 20's experimental WASI has been seen to kill its process with
 * SIGSEGV now and then, whatever the module, so a run that dies of a signal is run again.
 */
function run(args, cwd) {
  for (let attempt = 1; ; attempt++) {
    const child = spawnSync(process.execPath, ['--no-warnings', fileURLToPath(import.meta.url), CHILD, cwd, ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    if (child.error) throw child.error;
    if (child.signal === null) return { status: child.status, stdout: child.stdout, stderr: child.stderr };
    if (attempt === 3) fail(`the checker's process died of ${child.signal} three times; please report it`);
    console.log(`::debug::node:wasi died of ${child.signal}; running the check again`);
  }
}

/** The child's side of `run`: the module under node:wasi, writing to this process's own output. */
async function child(cwd, args) {
  const { WASI } = await import('node:wasi');
  const wasi = new WASI({
    version: 'preview1',
    args: ['immuta-preflight', ...args],
    env: { IMMUTA_PREFLIGHT_CWD: cwd, NO_COLOR: '1' },
    preopens: { '/': '/' },
    returnOnExit: true,
  });
  let status;
  try {
    status = wasi.start(await WebAssembly.instantiate(await WebAssembly.compile(readFileSync(MODULE)), wasi.getImportObject()));
  } catch (error) {
    // A trap: a bug inside immuta-preflight. The module has written the line that says so.
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    status = 3;
  }
  process.exitCode = status;
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

function main() {
  const workspace = resolve(process.env.GITHUB_WORKSPACE || process.cwd());
  const paths = input('paths', '.').split(/\s+/).filter(Boolean);
  const config = input('config');
  const failOn = input('fail-on', 'error');
  const format = input('format', 'text');
  if (!FAIL_ON.includes(failOn)) fail(`fail-on is \`${failOn}\`: use one of ${FAIL_ON.join(', ')}`);
  if (!FORMATS.includes(format)) fail(`format is \`${format}\`: use one of ${FORMATS.join(', ')}`);
  const options = config ? ['--config', config] : [];
  // Annotations first: the command line writes them, with secrets masked.
  const annotated = run(['check', '--format', 'github', ...options, ...paths], workspace);
  process.stdout.write(annotated.stdout);
  process.stderr.write(annotated.stderr);
  if (annotated.status === 2) fail(annotated.stderr.trim().split('\n')[0] || 'bad usage');
  const report = run(['check', '--format', 'json', ...options, ...paths], workspace);
  const files = JSON.parse(report.stdout || '{"files": []}').files;
  if (format !== 'github') {
    const shown = format === 'json' ? report : run(['check', '--format', format, '--color', 'never', ...options, ...paths], workspace);
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

if (process.argv[2] === CHILD) await child(process.argv[3], process.argv.slice(4));
else main();
