// The wasm engine, from bytes inlined in this bundle: the page's CSP has `connect-src 'none'`,
// which forbids fetching even the page's own .wasm file. main.js imports this module first and
// waits for the bytes to be inflated, so the module compiles on background threads while the
// editor is built. Calls are guarded as in the npm package (pkg/lib/guard.mjs): a panic in the
// engine throws one clear Error, and the engine is restarted for the next keystroke. The engine is
// the page's own build (`make www`): the package's, less the exports the page does not call, and
// built for size.
import * as glue from '../../target/www-engine/immuta_preflight.js';
import gzippedBase64 from '../../target/www-engine/immuta_preflight_bg.wasm';
import { REPORT_URL, guard } from '../../pkg/lib/guard.mjs';

function decode(text) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// The bytes are gzipped (build.mjs), and the browser's DecompressionStream inflates them. Its work is
// scheduled on the page's one thread, so main.js awaits `inflated` (a few milliseconds) before it
// builds the editor: the module then compiles on background threads while the editor is built. A
// Response built here is no fetch: the CSP's `connect-src 'none'` allows it.
export const inflated = new Response(new Blob([decode(gzippedBase64)]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
const compiling = inflated.then((bytes) => WebAssembly.compile(bytes));
compiling.then(() => performance.mark('immuta-preflight:engine-compiled'), () => {});

// The browser tests provoke a panic through the engine's test-only export: they define this global
// before the page loads (nothing else does), and a check of a text holding it then panics.
const panicMarker = globalThis.__immutaPreflightPanicMarker;
// The browser tests check thousands of texts through the page's own engine: they set this global to
// `true` before the page loads (nothing else does), and get the engine in its place.
const handToTests = globalThis.__immutaPreflightTestEngine === true;

/** Resolves to the engine's API (the npm package's, less what the page does not use). */
export async function loadEngine() {
  glue.initSync({ module: await compiling });
  const api = guard(glue, ['check', 'applyFixes', 'fixEdits', 'complete', '__panicForTests']);
  const check = (text, options) => {
    if (typeof panicMarker === 'string' && text.includes(panicMarker)) api.__panicForTests();
    return api.check(text, options);
  };
  const engine = { check, applyFixes: api.applyFixes, fixEdits: api.fixEdits, complete: api.complete, keyMembers: glue.keyMembers(), kinds: glue.kinds(), version: glue.version(), reportUrl: REPORT_URL };
  if (handToTests) globalThis.__immutaPreflightTestEngine = engine;
  return engine;
}
