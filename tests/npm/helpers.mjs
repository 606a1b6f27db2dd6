// Shared by the npm tests: the packed-and-installed package, fixtures with the throwaway keys
// substituted (as tests/common/mod.rs does for the Rust tests), and the native CLI to compare with.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const fixturesDir = join(root, 'tests/fixtures');
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

const key = (name) => readFileSync(join(fixturesDir, 'keys', `${name}.pem`), 'utf8').trimEnd();
const jsonEscape = (text) => JSON.stringify(text).slice(1, -1);
const serviceAccount = (privateKeyJson) =>
  `{"type":"service_account","project_id":"fake-project-123","private_key_id":"fakeid","private_key":"${privateKeyJson}","client_email":"immuta-fake@fake-project-123.iam.gserviceaccount.com","client_id":"000000000000000000000","token_uri":"https://oauth2.googleapis.com/token"}`;

function substitutions() {
  const rsa = key('rsa');
  return [
    ['{{rsa}}', jsonEscape(rsa)],
    ['{{rsa_encrypted}}', jsonEscape(key('rsa-encrypted'))],
    ['{{cert}}', jsonEscape(key('cert'))],
    ['{{rsa_raw}}', rsa],
    ['{{rsa_double}}', rsa.replaceAll('\n', '\\\\n')],
    ['{{rsa_oneline}}', rsa.replaceAll('\n', ' ')],
    ['{{rsa_truncated}}', jsonEscape(`${rsa.slice(0, rsa.length - 40)}\n-----END PRIVATE KEY-----`)],
    ['{{bq_credential}}', jsonEscape(serviceAccount(jsonEscape(`${rsa}\n`)))],
    ['{{bq_credential_docs}}', jsonEscape(serviceAccount(`${rsa}\n`))],
  ];
}

/** Every line of every throwaway key body: none may appear in anything the package returns. */
export function keyLines() {
  return ['rsa', 'rsa-encrypted', 'cert'].flatMap((name) =>
    key(name)
      .split('\n')
      .filter((line) => !line.startsWith('-----')),
  );
}

/** Fixture payload files under tests/fixtures/<dir>, with their text and expected findings. */
export function fixtures(dir) {
  const found = [];
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (['.json', '.yaml', '.yml', '.sh'].includes(extname(entry.name))) found.push(full);
    }
  };
  walk(join(fixturesDir, dir));
  const subs = substitutions();
  return found.sort().map((path) => {
    let text = readFileSync(path, 'utf8');
    for (const [token, value] of subs) text = text.replaceAll(token, value);
    const sidecar = path.replace(/\.[a-z]+$/, '.expected');
    const expected = existsSync(sidecar) ? readFileSync(sidecar, 'utf8').split('\n').filter(Boolean) : [];
    const kindLine = expected.find((l) => l.startsWith('kind '));
    const folder = basename(dirname(path));
    const kind = kindLine ? kindLine.slice(5) : dir === 'valid' ? folder : undefined;
    const format = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml', '.sh': 'curl' }[extname(path)];
    return {
      name: `${dir}/${dir === 'valid' ? `${folder}/` : ''}${basename(path)}`,
      path,
      text,
      options: kind ? { kind, format } : { format },
      expected: expected.filter((l) => !l.startsWith('kind ')),
    };
  });
}

/**
 * The UTF-16 offset of a 1-based line and column (columns count code points), found
 * independently of the package: what `start` and `end` must be.
 */
export function utf16Offset(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  for (let c = 1; c < column; c++) offset += text.codePointAt(offset) > 0xffff ? 2 : 1;
  return offset;
}
