// The page: the editor, the diagnostics list and the toolbar, around one `check` per edit.
// First: the engine starts compiling while the rest of the page's code is evaluated.
import { inflated, loadEngine } from './engine.js';
import examples from 'virtual:examples';
import { createEditor } from './editor.js';
import { isKeyFile, keyChange, readKey } from './keyfile.js';
import { FORMAT_LABELS, KIND_LABELS } from './labels.js';
import { createPanel } from './panel.js';

const $ = (id) => document.getElementById(id);

// Marks for `make bench-www`'s breakdown: every module of the script has been evaluated here.
performance.mark('immuta-preflight:modules-evaluated');
const loading = loadEngine();
let engine = null;
// The engine's bytes first (inflating needs this thread), so that it compiles while the editor is built.
await inflated;

const editor = createEditor({
  parent: $('editor'),
  text: examples[0].text,
  label: 'Payload: JSON, YAML or a whole curl command',
  onChange: refresh,
  onCursor: showCursor,
  complete: (text, offset) => engine?.complete(text, offset, options()) ?? [],
  onDropFiles(files) {
    const key = files.find(isKeyFile);
    if (!key) return false;
    insertKey(key);
    return true;
  },
});
const panel = createPanel({
  summary: $('summary'),
  list: $('diagnostics'),
  dialog: $('rule-doc'),
  goTo: (d) => editor.moveTo(d.start),
  fix: applyFix,
});
panel.show(null);
showCursor(editor.view.state);
fillExamples();
performance.mark('immuta-preflight:editor-built');

/** The report on show, whose findings the Fix buttons name. */
let shown = { diagnostics: [] };
/** Whether the first check has returned (`make bench-www` reads its mark). */
let checkedOnce = false;

function options() {
  const kind = $('kind').value;
  return kind ? { kind } : undefined;
}

/** Checks the editor's text and shows the result everywhere. Runs on every edit. */
function refresh() {
  if (!engine) return;
  const text = editor.text();
  // The menu names the example only while the editor still holds it.
  const menu = $('examples');
  if (menu.value && examples[Number(menu.value)].text !== text) menu.value = '';
  let report;
  try {
    report = engine.check(text, options());
    if (!checkedOnce) {
      checkedOnce = true;
      performance.mark('immuta-preflight:first-check');
    }
    shown = report;
  } catch (error) {
    showFailure(error, text);
    return;
  }
  $('failure').hidden = true;
  editor.setFormat(report.format);
  editor.show(report.diagnostics.map((d) => forCodeMirror(d, text.length)));
  panel.show(report);
  showDetected(report);
  $('fix-all').disabled = !report.diagnostics.some((d) => d.fix);
}

/** A diagnostic in CodeMirror's shape: the underline's range, and a tooltip with help and the fix. */
function forCodeMirror(d, length) {
  return {
    from: Math.min(d.start, length),
    to: Math.min(d.end, length),
    severity: d.severity,
    source: d.code,
    message: d.message,
    renderMessage() {
      const node = document.createElement('span');
      node.textContent = d.message;
      if (d.help) {
        const help = document.createElement('span');
        help.className = 'help';
        help.textContent = d.help;
        node.append(help);
      }
      return node;
    },
    actions: [
      ...(d.fix ? [{ name: 'Fix', apply: () => applyFix(d) }] : []),
      { name: 'Rule docs', apply: () => panel.showDocs(d.code) },
    ],
  };
}

/** Applies one diagnostic's fix, as the engine resolves it against the current text. */
function applyFix(d) {
  const text = editor.text();
  let edits;
  try {
    edits = engine.fixEdits(text, shown.diagnostics.indexOf(d), options());
  } catch (error) {
    showFailure(error, text);
    return;
  }
  if (edits) editor.change(edits);
  editor.view.focus();
}

function fixAll() {
  const text = editor.text();
  let fixed;
  try {
    fixed = engine.applyFixes(text, undefined, options());
  } catch (error) {
    showFailure(error, text);
    return;
  }
  editor.replace(fixed);
  editor.view.focus();
}

/**
 * The engine failed (a bug) and has been restarted: no findings are shown for this text, and the
 * report link carries what a maintainer needs, never the text itself.
 */
function showFailure(error, text) {
  if (error?.code !== 'IMMUTA_PREFLIGHT_INTERNAL') throw error;
  editor.show([]);
  panel.show({ diagnostics: [] });
  $('summary').textContent = 'The checker failed on this input';
  $('summary').dataset.state = 'error';
  $('detected').textContent = '';
  $('fix-all').disabled = true;
  const kind = $('kind').value || 'detected automatically';
  const body = [
    `immuta-preflight ${engine.version}, on the web page, failed on a payload.`,
    `Kind: ${kind}. Size: ${text.length} characters. Engine error: ${error.cause?.message ?? 'unknown'}.`,
    'The browser console shows the place in the code ("internal error at ...").',
    'Please describe the payload (JSON, YAML or curl; which platform) but do not paste it: it may hold secrets.',
  ].join('\n\n');
  const query = new URLSearchParams({ title: `The checker failed on an input (${engine.version})`, body });
  $('report').href = `${engine.reportUrl}/new?${query}`;
  $('failure').hidden = false;
}

function showDetected(report) {
  const chosen = $('kind').value;
  const kind = report.kind ? KIND_LABELS[report.kind] : 'Not an Immuta payload yet';
  const parts = [chosen ? `${kind} (chosen)` : kind, report.technology, report.authenticationType, FORMAT_LABELS[report.format]];
  $('detected').textContent = parts.filter(Boolean).join(' · ');
}

/** The cursor as the CLI counts it: 1-based line, and column in characters. */
function showCursor(state) {
  const head = state.selection.main.head;
  const line = state.doc.lineAt(head);
  const column = [...line.text.slice(0, head - line.from)].length + 1;
  $('cursor').textContent = `Ln ${line.number}, Col ${column}`;
}

function fillExamples() {
  const menu = $('examples');
  menu.append(new Option('Your own payload', ''));
  menu.options[0].hidden = true;
  const groups = new Map();
  examples.forEach((example, index) => {
    if (!groups.has(example.group)) {
      const group = document.createElement('optgroup');
      group.label = example.group;
      groups.set(example.group, group);
      menu.append(group);
    }
    groups.get(example.group).append(new Option(example.label, String(index)));
  });
  menu.value = '0';
  menu.addEventListener('change', () => {
    const example = examples[Number(menu.value)];
    $('kind').value = example.kind ?? '';
    editor.load(example.text);
  });
}

/** Reads a key file in the tab and writes it, escaped, into the key field at the cursor. */
async function insertKey(file) {
  const key = await readKey(file);
  if (key instanceof Error) return say(key.message);
  const { state } = editor.view;
  const change = keyChange(state.doc, state.selection.main.head, key, engine?.keyMembers ?? []);
  if (change instanceof Error) return say(change.message);
  editor.change(change);
  editor.view.focus();
  say(`Inserted ${file.name}`);
}

function say(message) {
  const status = $('copy-status');
  status.textContent = message;
  setTimeout(() => status.textContent === message && (status.textContent = ''), 4000);
}

async function copyPayload() {
  const status = $('copy-status');
  try {
    await navigator.clipboard.writeText(editor.text());
    status.textContent = 'Copied';
  } catch {
    status.textContent = 'Copying was refused: select all (Ctrl+A) and copy (Ctrl+C)';
  }
  setTimeout(() => (status.textContent = ''), 3000);
}

$('kind').addEventListener('change', refresh);
$('fix-all').addEventListener('click', fixAll);
$('copy').addEventListener('click', copyPayload);
$('insert-key').addEventListener('click', () => $('key-file').click());
$('key-file').addEventListener('change', () => {
  const [file] = $('key-file').files;
  $('key-file').value = '';
  if (file) insertKey(file);
});
$('rule-doc').querySelector('button').addEventListener('click', () => $('rule-doc').close());

try {
  engine = await loading;
  performance.mark('immuta-preflight:engine-ready');
  for (const kind of engine.kinds) $('kind').append(new Option(`${KIND_LABELS[kind]} (${kind})`, kind));
  $('kind').value = examples[0].kind ?? '';
  $('version').textContent = `immuta-preflight ${engine.version}`;
  refresh();
  performance.mark('immuta-preflight:first-result');
  document.body.dataset.ready = 'true';
  // The first check of each kind runs engine code not run before, which the browser compiles then
  // (a few milliseconds): do that now, while the user reads, not on the keystroke that needs it.
  setTimeout(() => engine.kinds.forEach((kind) => engine.check('{}', { kind })), 0);
} catch (error) {
  $('summary').textContent = `The checker failed to load: ${error.message}`;
  $('summary').dataset.state = 'error';
}
