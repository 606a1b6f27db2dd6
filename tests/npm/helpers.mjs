// Shared by the npm tests: the packed-and-installed package, the native CLI to compare with, and
// (from tests/fixtures/fixtures.mjs) the fixtures with the throwaway keys substituted.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Packs pkg/ with `npm pack` and installs the tarball into a new project; returns both paths. */
export function installPackage() {
  const dir = mkdtempSync(join(tmpdir(), 'immuta-preflight-npm-'));
  const packed = JSON.parse(
    execFileSync(npm, ['pack', join(root, 'pkg'), '--pack-destination', dir, '--json'], { encoding: 'utf8' }),
  )[0];
  const tarball = join(dir, packed.filename);
  const project = join(dir, 'consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }, null, 2));
  execFileSync(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: project, stdio: 'pipe' });
  cpSync(join(root, 'tests/npm/consumer'), project, { recursive: true });
  return { tarball, project, files: packed.files.map((f) => f.path) };
}

/** Runs API calls in the consumer project through run.mjs or run.cjs. */
export function callPackage(project, runner, calls) {
  const out = execFileSync(process.execPath, [runner], {
    cwd: project,
    input: JSON.stringify(calls),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out);
}

/** Runs a command and returns { status, stdout, stderr }. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The native CLI, built by `cargo test` (make test runs it first). */
export function nativeCli() {
  const path = join(root, 'target/debug/immuta-preflight');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`cargo build\` (make test does)`);
  return path;
}

export { fixtures, keyLines, secretValues, utf16Offset } from '../fixtures/fixtures.mjs';
