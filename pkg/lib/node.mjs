// Node.js, ESM: the CommonJS build, so `import` and `require` share one instance.
import api from './node.cjs';

export const { check, checkFiles, applyFixes, complete, rules, explain, schema, render, kinds, version, __panicForTests } = api;
