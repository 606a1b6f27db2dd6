'use strict';
// Runs the API calls it reads from standard input, `[["check", text, options], ...]`, and prints
// each result as `{ value }`, `{ undefined: true }` or `{ error: { name, message } }`. Copied into
// the consumer project with run.mjs (ESM) and run.cjs (CommonJS), which give it the package.
module.exports = function serve(api) {
  const calls = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const results = calls.map(([name, ...args]) => {
    try {
      const value = typeof api[name] === 'function' ? api[name](...args) : api[name];
      return value === undefined ? { undefined: true } : { value };
    } catch (error) {
      return { error: { name: error.constructor.name, message: error.message } };
    }
  });
  process.stdout.write(JSON.stringify(results));
};
