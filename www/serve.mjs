// `make serve`: serves the page on http://127.0.0.1:8080 (or `--port N`; 0 picks a free port).
// Only the page's own files are served, gzipped when the browser accepts it (as any static host
// would; the script inlines the 2.7 MB engine), with the page's Content-Security-Policy also sent
// as a header (which adds the directives a <meta> tag cannot carry, such as frame-ancestors).
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const FILES = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/style.css': ['style.css', 'text/css; charset=utf-8'],
  '/dist/app.js': ['dist/app.js', 'text/javascript; charset=utf-8'],
};

async function pagePolicy() {
  const html = await readFile(new URL('index.html', import.meta.url), 'utf8');
  const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  if (!policy) throw new Error('index.html has no Content-Security-Policy');
  return `${policy}; frame-ancestors 'none'`;
}

const cache = new Map();
/** A file's bytes, and gzipped; compressed once per version of the file, not once per request. */
async function load(name) {
  const url = new URL(name, import.meta.url);
  const { mtimeMs } = await stat(url);
  if (cache.get(name)?.mtimeMs !== mtimeMs) {
    const plain = await readFile(url);
    cache.set(name, { mtimeMs, plain, gzipped: gzipSync(plain, { level: 9 }) });
  }
  return cache.get(name);
}

/** Starts the server; resolves to its URL (and the list of requests it answers) once it listens. */
export async function serve({ port = 8080, host = '127.0.0.1' } = {}) {
  const policy = await pagePolicy();
  // Compressing the script takes a moment: done before the first visitor, not during its load.
  await Promise.all(Object.values(FILES).map(([name]) => load(name).catch(() => null)));
  const served = [];
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    served.push(`${request.method} ${path}`);
    const file = FILES[path];
    if (!file || !['GET', 'HEAD'].includes(request.method)) {
      response.writeHead(file ? 405 : 404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(file ? 'method not allowed\n' : 'not found\n');
      return;
    }
    try {
      const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
      const { plain, gzipped } = await load(file[0]);
      const body = gzip ? gzipped : plain;
      response.writeHead(200, {
        ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
        'content-type': file[1],
        'content-security-policy': policy,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`${file[0]} is missing: run \`make www\`\n`);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const url = `http://${host}:${server.address().port}/`;
  return { url, served, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not "${values.port}"`);
    process.exit(2);
  }
  try {
    const { url } = await serve({ port });
    console.log(`immuta-preflight page: ${url}  (Ctrl+C to stop)`);
  } catch (error) {
    console.error(
      error.code === 'EADDRINUSE'
        ? `port ${port} is in use: stop what is using it, or run \`make serve PORT=8081\``
        : `cannot serve the page: ${error.message}`,
    );
    process.exit(1);
  }
}
