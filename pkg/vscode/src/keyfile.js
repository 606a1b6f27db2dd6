// "Insert private key file…": as on the page (www/src/keyfile.js, the same code): a .p8 or .pem
// file chosen by the user is read in the editor and written, escaped, into the key field on the
// cursor's line. It is sent nowhere, and the output channel names the file, never its content.
import * as vscode from 'vscode';
import { keyChange, readKey } from '../../../www/src/keyfile.js';

/**
 * @param {vscode.TextEditor} editor
 * @param {string[]} keyMembers the engine's names of the members that hold a key
 */
export async function insertKeyFile(editor, keyMembers, output) {
  const [chosen] =
    (await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Insert key',
      filters: { 'Private keys': ['p8', 'pem', 'key'], 'All files': ['*'] },
    })) ?? [];
  if (!chosen) return;
  const name = chosen.path.split('/').pop();
  const bytes = await vscode.workspace.fs.readFile(chosen);
  // readKey takes what a browser's File offers: its name, size and text.
  const key = await readKey({ name, size: bytes.length, text: async () => new TextDecoder().decode(bytes) });
  if (key instanceof Error) return vscode.window.showWarningMessage(`immuta-preflight: ${key.message}`);
  const { document } = editor;
  const lines = {
    lineAt(offset) {
      const line = document.lineAt(document.positionAt(offset));
      return { text: line.text, from: document.offsetAt(line.range.start) };
    },
  };
  const change = keyChange(lines, document.offsetAt(editor.selection.active), key, keyMembers);
  if (change instanceof Error) return vscode.window.showWarningMessage(`immuta-preflight: ${change.message}`);
  const range = new vscode.Range(document.positionAt(change.from), document.positionAt(change.to));
  await editor.edit((edit) => edit.replace(range, change.insert));
  output.appendLine(`inserted the key file ${name}`);
}
