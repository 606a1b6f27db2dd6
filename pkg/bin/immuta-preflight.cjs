#!/usr/bin/env node
'use strict';
// `npx immuta-preflight check file.json`: the same command line as the native binary (the same
// Rust code, through the wasm module), with Node.js doing the file system: reading files, walking
// folders, writing fixes and finding the config file.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { runCli } = require('../lib/node.cjs');

const CONFIG = 'immuta-preflight.toml';

const color =
  Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';

// The order of a walk that sorts each folder's entries by name, as the native CLI's does.
const byComponents = (a, b) => {
  const [x, y] = [a.split('/'), b.split('/')];
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    if (x[i] !== y[i]) return Buffer.compare(Buffer.from(x[i]), Buffer.from(y[i]));
  }
  return x.length - y.length;
};

const hidden = (file) => file.split('/').some((part) => part.startsWith('.') && part !== '.' && part !== '..');

// The files in a folder that a walk keeps. In a git repository git itself lists them (so
// .gitignore, .git/info/exclude and the global excludes apply exactly as git applies them);
// elsewhere every file. Hidden files and folders are left out, as ripgrep leaves them.
function walk(folder) {
  if (!fs.statSync(folder).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  let listed = null;
  try {
    const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', '.'], {
      cwd: folder,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    listed = out.split('\0').filter(Boolean);
  } catch {
    listed = null;
  }
  if (listed === null) {
    listed = [];
    const visit = (relative) => {
      for (const entry of fs.readdirSync(path.join(folder, relative), { withFileTypes: true })) {
        const name = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.name.startsWith('.')) continue;
        if (entry.isDirectory()) visit(name);
        else if (entry.isFile()) listed.push(name);
      }
    };
    visit('');
  }
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return listed
    .filter((file) => !hidden(file) && fs.existsSync(path.join(folder, file)))
    .sort(byComponents)
    .map((file) => `${prefix}${file}`);
}

// A temporary file beside the file, renamed over it (permissions kept); 'changed' when the file no
// longer holds what was read.
function write(file, was, bytes) {
  const target = fs.realpathSync(file);
  const before = fs.statSync(target);
  if (!fs.readFileSync(target).equals(Buffer.from(was))) return 'changed';
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.immuta-preflight-${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, bytes, { flag: 'wx', mode: before.mode & 0o7777 });
    fs.chmodSync(temporary, before.mode & 0o7777);
    if (!fs.readFileSync(target).equals(Buffer.from(was))) {
      fs.rmSync(temporary, { force: true });
      return 'changed';
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return null;
}

// `here` relative to `folder` as `a/b/`, or '' when it is not inside it.
const baseOf = (here, folder) => {
  const relative = path.relative(folder, here);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? `${relative.split(path.sep).join('/')}/`
    : '';
};

function findConfig() {
  const here = process.cwd();
  let folder = here;
  for (let depth = 0; ; depth += 1) {
    if (fs.existsSync(path.join(folder, CONFIG))) return { path: `${'../'.repeat(depth)}${CONFIG}`, base: baseOf(here, folder) };
    if (fs.existsSync(path.join(folder, '.git'))) return null;
    const parent = path.dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}

const configAt = (file) => ({ path: file, base: baseOf(process.cwd(), path.resolve(path.dirname(file))) });

// `-` is standard input (file descriptor 0); errors carry Node's `code` (ENOENT, ...).
const read = (file) => {
  if (file === '-') return fs.readFileSync(0);
  if (fs.statSync(file).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
  return fs.readFileSync(file);
};

let outcome;
try {
  outcome = runCli(process.argv.slice(2), { read, walk, write, findConfig, configAt }, color);
} catch (error) {
  // A bug in the engine (guard.mjs): its one clear message, and exit code 2 (nothing was checked).
  if (error.code !== 'IMMUTA_PREFLIGHT_INTERNAL') throw error;
  outcome = { stdout: '', stderr: `${error.message}\n`, code: 2 };
}
// A closed pipe (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.code;
