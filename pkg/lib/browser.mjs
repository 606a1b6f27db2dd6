// Browsers, workers and bundlers: fetches the module next to this file (bundlers such as Vite and
// webpack copy it, following the `new URL(..., import.meta.url)`), instantiates it, and exports
// the API once it is ready (top-level await).
import * as glue from '../dist/immuta_preflight_bg.mjs';

const url = new URL('../dist/immuta_preflight_bg.wasm', import.meta.url);
// The module imports its glue under the name wasm-bindgen gave it.
const imports = { './immuta_preflight_bg.js': glue };

async function instantiate() {
  const response = fetch(url);
  if (typeof WebAssembly.instantiateStreaming === 'function') {
    try {
      return await WebAssembly.instantiateStreaming(response, imports);
    } catch (error) {
      // A server that does not send `application/wasm` defeats streaming; bytes still work.
      if (!(error instanceof TypeError)) throw error;
    }
  }
  const bytes = await (await fetch(url)).arrayBuffer();
  return WebAssembly.instantiate(bytes, imports);
}

const { instance } = await instantiate();
glue.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start();

export const { check, applyFixes, rules, explain, schema, render } = glue;
export const kinds = Object.freeze(glue.kinds());
export const version = glue.version();
