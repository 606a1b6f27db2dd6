// Fetches what the engine asked about while looking for the config file that applies to a
// document (src/service/snapshot.rs): for each path, the file's text, `true` for a folder (or a
// file too large to be a config file), `false` for nothing there. Through `workspace.fs`, so
// that it works on the web, where there is no other file system.
import * as vscode from 'vscode';

/** A config file is a few lines; a larger file at one of these paths is not read. */
const MAX_BYTES = 1024 * 1024;

/**
 * What was fetched, by URI: documents in the same folders ask about the same paths, and each
 * `workspace.fs` call is a round trip to the window (on the desktop) or the server. Forgotten
 * whenever a config file changes, appears or goes (`forget`).
 * @type {Map<string, Promise<string | boolean>>}
 */
const cache = new Map();
/** The fetches that have ended, by URI: read without waiting (a busy host can take long to resume an `await`). */
const settled = new Map();

export function forget() {
  cache.clear();
  settled.clear();
}

/** What `fetchFiles` would give, when every path has been fetched already; else `undefined`. */
export function fetchedAlready(near, paths) {
  const keys = paths.map((path) => near.with({ path }).toString());
  if (!keys.every((key) => settled.has(key))) return undefined;
  return Object.fromEntries(paths.map((path, i) => [path, settled.get(keys[i])]));
}

/**
 * @param {vscode.Uri} near a URI of the same file system (the document's)
 * @param {string[]} paths
 * @returns {Promise<Record<string, string | boolean>>}
 */
export async function fetchFiles(near, paths) {
  const fetched = await Promise.all(
    paths.map((path) => {
      const uri = near.with({ path });
      const key = uri.toString();
      if (!cache.has(key)) {
        cache.set(
          key,
          fetchOne(uri).then((found) => {
            if (cache.has(key)) settled.set(key, found);
            return found;
          }),
        );
      }
      return cache.get(key);
    }),
  );
  return Object.fromEntries(paths.map((path, i) => [path, fetched[i]]));
}

async function fetchOne(uri) {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory || stat.size > MAX_BYTES) return true;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return false;
  }
}
