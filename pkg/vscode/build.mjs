// `make vscode`: bundles src/extension.js twice with esbuild, for VS Code's two extension hosts:
// dist/node/extension.js (`main`, the desktop's Node host) and dist/web/extension.js (`browser`,
// the web worker host of vscode.dev and github.dev). Both load the same engine, dist/engine
// (wasm-bindgen's web glue and its .wasm, which the extension reads through workspace.fs).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const common = {
  entryPoints: [here('src/extension.js')],
  bundle: true,
  format: 'cjs',
  external: ['vscode'],
  minify: true,
  sourcemap: false,
  // The glue's default loader (`new URL(..., import.meta.url)`) is never called: the extension
  // hands it the module it compiled.
  define: { 'import.meta.url': '"file:///immuta-preflight/"' },
  logLevel: 'warning',
};
await build({ ...common, platform: 'node', target: 'node20', outfile: here('dist/node/extension.js') });
await build({ ...common, platform: 'browser', target: 'es2022', outfile: here('dist/web/extension.js') });
