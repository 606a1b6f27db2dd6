// The CodeMirror 6 editor: basic setup (line numbers, undo, search, bracket matching), the lint
// gutter and underlines, completion from the engine (the language server's), a language that
// follows the detected format, a handler for key files dropped on it, and colours from CSS
// variables so the page's light and dark themes apply to the editor too.
import { autocompletion } from '@codemirror/autocomplete';
import { isolateHistory } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { basicSetup } from 'codemirror';

const LANGUAGES = { json, yaml, curl: () => StreamLanguage.define(shell) };

const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--syntax-property)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--syntax-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--syntax-atom)' },
  { tag: [tags.keyword, tags.operator], color: 'var(--syntax-keyword)' },
  { tag: [tags.comment, tags.meta], color: 'var(--syntax-comment)', fontStyle: 'italic' },
  { tag: [tags.variableName, tags.standard(tags.variableName), tags.attributeName], color: 'var(--syntax-variable)' },
  { tag: [tags.punctuation, tags.brace, tags.squareBracket, tags.separator], color: 'var(--syntax-punctuation)' },
]);

const theme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--editor-background)', height: '100%' },
  '.cm-scroller': { fontFamily: 'var(--monospace)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--text)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--gutter-background)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'var(--selection)',
  },
  '.cm-panels': { backgroundColor: 'var(--panel-background)', color: 'var(--text)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel-background)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-diagnosticText .help': { display: 'block', marginTop: '0.25em', color: 'var(--muted)' },
});

const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');
const darkTheme = (dark) => EditorView.theme({}, { dark });

/**
 * CodeMirror's completion source over the engine's `complete(text, offset)`, which has already
 * matched what is typed (its quote included, which CodeMirror's matcher would not accept).
 */
function completionSource(complete) {
  return (context) => {
    const found = complete(context.state.doc.toString(), context.pos);
    if (!found?.length || (!context.explicit && !found.some((c) => c.from < context.pos))) return null;
    return {
      from: found[0].from,
      to: found[0].to,
      filter: false,
      options: found.map((c) => ({
        label: c.label,
        apply: c.insert,
        type: c.kind === 'member' ? 'property' : 'enum',
        info: c.detail ?? undefined,
      })),
    };
  };
}

/**
 * Creates the editor. `onChange()` runs after every transaction that changed the text, and
 * `onCursor(state)` after every one that moved the cursor or changed the text; `complete` offers
 * completions, and `onDropFiles(files)` takes files dropped on the editor (returning whether it
 * took them).
 */
export function createEditor({ parent, text, label, onChange, onCursor, complete, onDropFiles }) {
  const language = new Compartment();
  const scheme = new Compartment();
  let format = 'json';
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        language.of(json()),
        scheme.of(darkTheme(darkScheme.matches)),
        lintGutter(),
        autocompletion({ override: [completionSource(complete)] }),
        EditorView.domEventHandlers({
          drop(event) {
            const files = [...(event.dataTransfer?.files ?? [])];
            if (!files.length || !onDropFiles(files)) return false;
            event.preventDefault();
            return true;
          },
        }),
        syntaxHighlighting(highlight),
        theme,
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((update) => {
          if (update.selectionSet || update.docChanged) onCursor(update.state);
        }),
      ],
    }),
    // Checking right here, once the view has updated, puts the diagnostics on screen in the same
    // frame as the keystroke; a debounced linter would show them a beat later.
    dispatchTransactions(transactions, editor) {
      editor.update(transactions);
      if (transactions.some((tr) => tr.docChanged)) onChange();
    },
  });
  const change = (changes) => {
    view.dispatch({ changes, annotations: isolateHistory.of('full'), scrollIntoView: true });
  };
  darkScheme.addEventListener('change', (event) => {
    view.dispatch({ effects: scheme.reconfigure(darkTheme(event.matches)) });
  });

  return {
    view,
    text: () => view.state.doc.toString(),
    /** Shows diagnostics (CodeMirror's shape) as underlines, gutter markers and hover tooltips. */
    show(diagnostics) {
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    /** Highlights as JSON, YAML or shell (a curl command). */
    setFormat(next) {
      if (next === format || !LANGUAGES[next]) return;
      format = next;
      view.dispatch({ effects: language.reconfigure(LANGUAGES[next]()) });
    },
    /** Applies changes as one undo step of their own, however soon after typing. */
    change,
    /** Replaces the whole text with `next` as one undo step, changing only the part that differs. */
    replace(next) {
      const current = view.state.doc.toString();
      if (current === next) return;
      let start = 0;
      while (start < current.length && start < next.length && current[start] === next[start]) start++;
      let end = 0;
      while (
        end < current.length - start &&
        end < next.length - start &&
        current[current.length - 1 - end] === next[next.length - 1 - end]
      ) {
        end++;
      }
      change({ from: start, to: current.length - end, insert: next.slice(start, next.length - end) });
    },
    /** Replaces the whole text (an example), as one undo step, with the cursor at the start. */
    load(next) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: next },
        selection: { anchor: 0 },
        annotations: isolateHistory.of('full'),
        scrollIntoView: true,
      });
    },
    /** Puts the cursor at `offset`, scrolls to it and focuses the editor. */
    moveTo(offset) {
      const anchor = Math.min(offset, view.state.doc.length);
      view.dispatch({ selection: { anchor }, scrollIntoView: true });
      view.focus();
    },
  };
}
