// The three ways the tests run the command line: the native build, the committed WASI module under
// the hook's Python runner (wasmtime's Python package), and the same module under node:wasi. Each
// runs in `cwd`, with the arguments given, and returns { status, stdout, stderr }.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const wasiModule = join(root, 'pkg/python/immuta_preflight/immuta-preflight.wasm');
const nativeBinary = join(root, 'target/debug/immuta-preflight');

function spawn(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function native(args, cwd) {
  if (!existsSync(nativeBinary)) throw new Error(`${nativeBinary} is missing: run \`cargo build\` (make test does)`);
  return spawn(nativeBinary, args, { cwd });
}

/** The hook's own runner, as pre-commit starts it (`python3` is the test virtualenv's). */
export function python(args, cwd, env = {}) {
  return spawn('python3', ['-m', 'immuta_preflight', ...args], {
    cwd,
    env: { ...process.env, PYTHONPATH: join(root, 'pkg/python'), ...env },
  });
}

// The hook's runner, in a Python that reports its own peak resident size on a last line of stderr.
const MEASURED = [
  'import resource, sys',
  'from immuta_preflight.hook import run',
  'code = run(sys.argv[1:])',
  'sys.stdout.flush()',
  'sys.stderr.write("maxrss-kb %d\\n" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)',
  'sys.exit(code)',
].join('\n');

/**
 * As `python`, within `timeout` ms, and with the whole process's peak resident size in MB
 * (`maxRssMb`); stderr is what the module wrote.
 */
export function pythonMeasured(args, cwd, { timeout = 60_000 } = {}) {
  const result = spawn('python3', ['-c', MEASURED, ...args], {
    cwd,
    timeout,
    env: { ...process.env, PYTHONPATH: join(root, 'pkg/python') },
  });
  const match = /maxrss-kb (\d+)\n$/.exec(result.stderr);
  if (!match) throw new Error(`no peak size reported: ${result.stderr.slice(-500)}`);
  return { ...result, stderr: result.stderr.slice(0, match.index), maxRssMb: Number(match[1]) / 1024 };
}

let compiled;
/** The module under node:wasi, in this process, with only `cwd` visible (as the hooks do). */
export async function nodeWasi(args, cwd) {
  // Imported here, not above: node:wasi warns that it is experimental as soon as it is loaded.
  const { WASI } = await import('node:wasi');
  compiled ??= WebAssembly.compile(readFileSync(wasiModule));
  const scratch = mkdtempSync(join(tmpdir(), 'immuta-preflight-wasi-'));
  const [stdoutPath, stderrPath] = [join(scratch, 'stdout'), join(scratch, 'stderr')];
  const [stdout, stderr] = [openSync(stdoutPath, 'w'), openSync(stderrPath, 'w')];
  const wasi = new WASI({
    version: 'preview1',
    args: ['immuta-preflight', ...args],
    env: {},
    preopens: { '.': cwd },
    stdout,
    stderr,
    returnOnExit: true,
  });
  const instance = await WebAssembly.instantiate(await compiled, wasi.getImportObject());
  const status = wasi.start(instance);
  closeSync(stdout);
  closeSync(stderr);
  return { status, stdout: readFileSync(stdoutPath, 'utf8'), stderr: readFileSync(stderrPath, 'utf8') };
}
