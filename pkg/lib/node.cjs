'use strict';
// Node.js, CommonJS (and, through node.mjs, ESM): wasm-bindgen's `nodejs` glue compiles and
// instantiates the module synchronously when it is first required, once per process. Every call
// is guarded (guard.mjs): a panic in the engine throws a clear Error and the next call works.
const glue = require('../dist/immuta_preflight.js');
const { guard } = require('../dist/guard.cjs');

const api = guard(glue, ['check', 'checkFiles', 'applyFixes', 'complete', 'rules', 'explain', 'schema', 'render', '__panicForTests']);

module.exports = {
  check: api.check,
  checkFiles: api.checkFiles,
  applyFixes: api.applyFixes,
  complete: api.complete,
  rules: api.rules,
  explain: api.explain,
  schema: api.schema,
  render: api.render,
  kinds: Object.freeze(glue.kinds()),
  version: glue.version(),
  // Not part of the API (nor of index.d.ts): the recovery tests' panic.
  __panicForTests: api.__panicForTests,
};
