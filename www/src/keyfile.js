// A private-key file read in the tab (dropped on the editor, or chosen with "Insert key file…") and
// written into the payload as a JSON string: line breaks escaped as \n, which JSON needs and
// YAML's double-quoted strings read the same. The file never leaves the tab: it is read with
// File.text(), and the page's CSP forbids every connection anyway.

/** Key files by name; a file of another name is taken if its text is a PEM block. */
const KEY_NAME = /\.(p8|pem|key)$/i;
/** A PEM private key is a few kilobytes; anything this big is not one. */
const MAX_BYTES = 64 * 1024;

export function isKeyFile(file) {
  return KEY_NAME.test(file.name);
}

/** The key's text, or an Error whose message says what to choose instead. */
export async function readKey(file) {
  if (file.size > MAX_BYTES) return new Error(`${file.name} is ${file.size} bytes: not a private key (.p8 or .pem)`);
  const text = (await file.text()).replace(/\r\n?/g, '\n').trim();
  if (!/^-----BEGIN [A-Z0-9 ]+-----\n/.test(text)) {
    return new Error(`${file.name} is not a PEM key: choose the .p8 or .pem file that starts with -----BEGIN`);
  }
  return text;
}

/**
 * The change that puts `key` in the document at the cursor `head`: it replaces the value of the
 * key member on the cursor's line (one of `keyMembers`, the engine's list: `privateKey`,
 * `oauthPrivateKey`, or the `content` of either), quoted or a YAML plain value; on a line that
 * holds no member, it goes in at the cursor. On the line of another member, it is an Error that
 * says where to put the cursor.
 */
export function keyChange(doc, head, key, keyMembers) {
  const insert = JSON.stringify(key);
  const line = doc.lineAt(head);
  const members = valueStrings(line.text);
  const plain = /^(\s*(?:- )?([A-Za-z_][\w-]*):[ \t]*)([^\s"'#|>{[][^#]*?)?\s*$/.exec(line.text);
  if (plain?.[3]) members.push({ name: plain[2], from: plain[1].length, to: plain[1].length + plain[3].length });
  const target = members.find((m) => keyMembers.includes(m.name));
  if (target) return { from: line.from + target.from, to: line.from + target.to, insert };
  if (members.length) {
    return new Error(`the cursor is on \`${members[0].name}\`: put it on the key's line (privateKey.content, or privateKey) first`);
  }
  return { from: head, to: head, insert };
}

/** The double-quoted string values of `text` with their member names, as offsets in it. */
function valueStrings(text) {
  const found = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (start < 0) {
      if (c === '"') start = i;
    } else if (c === '\\') {
      i++;
    } else if (c === '"') {
      const name = /(?:"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w-]*))\s*:\s*$/.exec(text.slice(0, start));
      if (name) found.push({ name: name[1] ?? name[2], from: start, to: i + 1 });
      start = -1;
    }
  }
  return found;
}
