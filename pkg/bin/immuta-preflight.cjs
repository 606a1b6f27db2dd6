#!/usr/bin/env node
'use strict';
// `npx immuta-preflight check file.json`: the same command line as the native binary (the same
// Rust code, through the wasm module), with Node.js reading the files.
const { readFileSync } = require('node:fs');
const { runCli } = require('../dist/immuta_preflight.js');

const color =
  Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';
// `-` is standard input (file descriptor 0); errors carry Node's `code` (ENOENT, ...).
const read = (path) => readFileSync(path === '-' ? 0 : path);

const outcome = runCli(process.argv.slice(2), read, color);
// A closed pipe (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.code;
