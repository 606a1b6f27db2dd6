// Browsers, workers and bundlers: fetches the module next to this file (bundlers such as Vite and
// webpack copy it, following the `new URL(..., import.meta.url)`), compiles it, and exports the
// API once it is ready (top-level await). Every call is guarded (guard.mjs): a panic in the engine
// throws a clear Error and the next call works.
import * as glue from '../dist/immuta_preflight_web.mjs';
import { guard } from './guard.mjs';

const url = new URL('../dist/immuta_preflight_bg.wasm', import.meta.url);

async function compile() {
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch (error) {
      // A server that does not send `application/wasm` defeats streaming; bytes still work.
      if (!(error instanceof TypeError)) throw error;
    }
  }
  const bytes = await (await fetch(url)).arrayBuffer();
  return WebAssembly.compile(bytes);
}

glue.initSync({ module: await compile() });

export const { check, checkFiles, applyFixes, complete, rules, explain, schema, render, __panicForTests } = guard(glue, [
  'check',
  'checkFiles',
  'applyFixes',
  'complete',
  'rules',
  'explain',
  'schema',
  'render',
  '__panicForTests',
]);
export const kinds = Object.freeze(glue.kinds());
export const version = glue.version();
