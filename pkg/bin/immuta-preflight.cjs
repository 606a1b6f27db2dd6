#!/usr/bin/env node
'use strict';
// `npx immuta-preflight check file.json`: the same command line as the native binary (the same
// Rust code, through the wasm module), with Node.js reading the files.
const { readFileSync } = require('node:fs');
const { runCli } = require('../lib/node.cjs');

const color =
  Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';
// `-` is standard input (file descriptor 0); errors carry Node's `code` (ENOENT, ...).
const read = (path) => readFileSync(path === '-' ? 0 : path);

let outcome;
try {
  outcome = runCli(process.argv.slice(2), read, color);
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
