'use strict';
// Node.js, CommonJS (and, through node.mjs, ESM): wasm-bindgen's `nodejs` glue compiles and
// instantiates the module synchronously when it is first required, once per process.
const glue = require('../dist/immuta_preflight.js');

module.exports = {
  check: glue.check,
  applyFixes: glue.applyFixes,
  rules: glue.rules,
  explain: glue.explain,
  schema: glue.schema,
  render: glue.render,
  kinds: Object.freeze(glue.kinds()),
  version: glue.version(),
};
