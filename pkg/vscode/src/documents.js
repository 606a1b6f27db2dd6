// The engine's offsets are UTF-16 code units into the document's text, which is what VS Code's
// `offsetAt` and `positionAt` count: positions convert without a table of our own.
import * as vscode from 'vscode';

/** @param {vscode.TextDocument} document */
export function documentLines(document) {
  return {
    offset: (position) => document.offsetAt(position),
    range: (from, to) => new vscode.Range(document.positionAt(from), document.positionAt(to)),
  };
}
