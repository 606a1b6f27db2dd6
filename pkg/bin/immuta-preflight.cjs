#!/usr/bin/env node
'use strict';
// `npx immuta-preflight check file.json`: the same command line as the native binary (the same
// Rust code, through a wasm module of its own, dist/cli). It walks folders, finds the config file
// and writes fixes itself; Node.js gives it only the file system's primitives, below.
const fs = require('node:fs');
const { guard } = require('../dist/guard.cjs');
const { runCli } = guard(require('../dist/cli/immuta_preflight_cli.js'), ['runCli']);

const kindOf = (entry) => (entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other');

// Errors are Node's own (their `code`, ENOENT and the like, tells the engine what failed).
const host = {
  // `-` is standard input (file descriptor 0).
  read: (file) => {
    if (file === '-') return fs.readFileSync(0);
    if (fs.statSync(file).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    return fs.readFileSync(file);
  },
  isTerminal: () => Boolean(process.stdout.isTTY),
  list: (folder) => fs.readdirSync(folder, { withFileTypes: true }).map((e) => ({ name: e.name, kind: kindOf(e) })),
  exists: (file) => fs.existsSync(file),
  cwd: () => process.cwd(),
  env: (name) => process.env[name],
  canonical: (file) => fs.realpathSync(file),
  createNew: (file, bytes) => {
    const descriptor = fs.openSync(file, 'wx');
    try {
      fs.writeFileSync(descriptor, bytes);
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
  },
  copyPermissions: (from, to) => fs.chmodSync(to, fs.statSync(from).mode & 0o7777),
  rename: (from, to) => fs.renameSync(from, to),
  remove: (file) => fs.rmSync(file, { force: true }),
};

let outcome;
try {
  outcome = runCli(process.argv.slice(2), host);
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
