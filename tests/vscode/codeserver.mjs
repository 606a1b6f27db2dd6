// A real VS Code for the extension's tests: code-server (installed by install-code-server.sh into
// target/code-server) serving a workspace folder, with the .vsix installed into an extensions
// folder of its own, opened in Debian's Chromium through playwright-core (tests/www's copy).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '../www/node_modules/playwright-core/index.mjs';
// Debian's Chromium, with the flags that keep it off the network, as the page's tests start it.
import { CHROMIUM, FLAGS } from '../www/browser.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const artifacts = join(root, 'target/vscode-artifacts');
const ENTRY = join(root, 'target/code-server/node_modules/code-server/out/node/entry.js');
const VERSION = JSON.parse(readFileSync(join(root, 'pkg/vscode/package.json'), 'utf8')).version;
export const VSIX = join(root, `target/vscode/immuta-preflight-${VERSION}.vsix`);
/** The user's settings in every test (a test's own are added to them). */
export const SETTINGS = {
  // Otherwise the folder opens in Restricted Mode and asks whether to trust it.
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'editor.hover.delay': 300,
  // Text the tests put in an editor is taken as it is.
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  // No schema of a package.json fetched from the internet (there is none to reach).
  'json.schemaDownload.enable': false,
  // The Output panel's lines as they were written (its language is Log).
  '[Log]': { 'editor.wordWrap': 'off' },
  'git.openRepositoryInParentFolders': 'never',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function codeServer(args, options = {}) {
  return spawn(process.execPath, [ENTRY, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

/**
 * Installs the .vsix, serves `files` (name → text) as a workspace folder, and opens it in
 * Chromium. `settings` are added to the user's settings, `env` to code-server's environment
 * (which its extension host inherits). `close()` stops everything.
 */
export async function start({ files, settings = {}, env = {} }) {
  for (const [what, path] of [
    ['code-server (make test-vscode installs it)', ENTRY],
    ['the .vsix (make vscode builds it)', VSIX],
    [`Chromium (apt-get install chromium, or set CHROMIUM)`, CHROMIUM],
  ]) {
    if (!existsSync(path)) throw new Error(`${what} is missing: ${path}`);
  }
  mkdirSync(artifacts, { recursive: true });
  mkdirSync(join(root, 'target/tmp'), { recursive: true });
  const home = mkdtempSync(join(root, 'target/tmp/vscode-'));
  const userData = join(home, 'user-data');
  const extensions = join(home, 'extensions');
  const workspace = join(home, 'workspace');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
  // The folder is a repository of its own: the search for the config file stops at its root.
  mkdirSync(join(workspace, '.git'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(workspace, name, '..'), { recursive: true });
    writeFileSync(join(workspace, name), text);
  }
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions, '--disable-telemetry'];
  execFileSync(process.execPath, [ENTRY, ...common, '--install-extension', VSIX], { stdio: 'pipe' });
  const port = await freePort();
  const server = codeServer([...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-workspace-trust', workspace], {
    env: { ...process.env, ...env, HOME: home },
  });
  let log = '';
  server.stdout.on('data', (chunk) => (log += chunk));
  server.stderr.on('data', (chunk) => (log += chunk));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start:\n${log}`)), 60_000);
    const check = () => {
      if (/HTTP server listening/.test(log)) {
        clearTimeout(timer);
        resolve();
      } else if (server.exitCode !== null) {
        clearTimeout(timer);
        reject(new Error(`code-server exited:\n${log}`));
      } else setTimeout(check, 100);
    };
    check();
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1600 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return {
    page,
    workspace,
    home,
    userSettings: join(userData, 'User/settings.json'),
    log: () => log,
    /** What the extension's output channel holds, from the file VS Code keeps it in (Node host only). */
    channelLog() {
      const logs = join(userData, 'logs');
      const file = readdirSync(logs, { recursive: true }).find((name) => /output_logging_[^/]*\/\d+-immuta-preflight\.log$/.test(name));
      return file ? readFileSync(join(logs, file), 'utf8') : '';
    },
    async close() {
      await browser.close();
      server.kill();
      await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.on('exit', resolve)));
      rmSync(home, { recursive: true, force: true });
    },
  };
}
