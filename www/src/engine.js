// The wasm engine, from bytes inlined in this bundle: the page's CSP has `connect-src 'none'`,
// which forbids fetching even the page's own .wasm file. main.js imports this module first, so
// the module compiles on background threads while CodeMirror's modules are evaluated and the
// editor is built.
import * as glue from '../../pkg/dist/immuta_preflight_bg.mjs';
import base64 from '../../pkg/dist/immuta_preflight_bg.wasm';

function decode(text) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const compiling = WebAssembly.compile(decode(base64));

/** Resolves to the engine's API (the npm package's, less what the page does not use). */
export async function loadEngine() {
  // The module imports its glue under the name wasm-bindgen gave it.
  const instance = await WebAssembly.instantiate(await compiling, { './immuta_preflight_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  const { check, applyFixes } = glue;
  return { check, applyFixes, kinds: glue.kinds(), version: glue.version() };
}
