// Imports the package's browser entry in Node, with a `fetch` that serves the package's files
// with the MIME type given as argument; prints what was fetched and a check's result.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const requested = [];
globalThis.fetch = async (url) => {
  requested.push(String(url));
  return new Response(readFileSync(fileURLToPath(url)), { headers: { 'content-type': process.argv[2] } });
};
const browser = await import('./node_modules/immuta-preflight/lib/browser.mjs');
const text = readFileSync(0, 'utf8');
const report = browser.check(text);
process.stdout.write(
  JSON.stringify({
    requested,
    report,
    fixed: browser.applyFixes(text),
    github: browser.render(report, 'github'),
    version: browser.version,
    kinds: browser.kinds,
  }),
);
