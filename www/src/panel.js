// The diagnostics beside the editor: a summary line (read out by screen readers), the findings
// grouped by severity, and each one's way to the cursor, its fix and its rule's documentation.
// Everything shown comes from the report's messages, help and pointers, which never contain a
// secret; the payload's own text is never copied into this list.
import ruleDocs from 'virtual:rule-docs';

const GROUPS = [
  ['error', 'Errors'],
  ['warning', 'Warnings'],
  ['info', 'Notes'],
];
const NOUNS = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['note', 'notes'] };

/** "2 errors, 1 warning", or "No problems found". */
export function summarize(diagnostics) {
  const counts = GROUPS.map(([severity]) => [severity, diagnostics.filter((d) => d.severity === severity).length]);
  const parts = counts.filter(([, n]) => n > 0).map(([severity, n]) => `${n} ${NOUNS[severity][n === 1 ? 0 : 1]}`);
  return parts.length ? parts.join(', ') : 'No problems found';
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child != null));
  return node;
}

/** The list's actions: `goTo(d)` moves the cursor, `fix(d)` applies the diagnostic's fix. */
export function createPanel({ summary, list, dialog, goTo, fix }) {
  const title = dialog.querySelector('h2');
  const body = dialog.querySelector('.doc');

  function showDocs(code) {
    const doc = ruleDocs[code];
    if (!doc) return;
    title.textContent = `${code} (${doc.severity})`;
    // This project's own rule texts, rendered from Markdown by www/build.mjs.
    body.innerHTML = doc.html;
    dialog.showModal();
  }

  function item(d) {
    return element(
      'li',
      { class: `diagnostic ${d.severity}`, 'data-code': d.code },
      element(
        'button',
        { class: 'goto', type: 'button', title: 'Move the cursor here', onclick: () => goTo(d) },
        element('span', { class: 'where' }, `${d.line}:${d.column}`),
        ' ',
        element('span', { class: 'message' }, d.message),
      ),
      d.help ? element('p', { class: 'help' }, d.help) : null,
      element(
        'p',
        { class: 'actions' },
        element('button', { class: 'docs', type: 'button', title: `What ${d.code} checks, and why`, onclick: () => showDocs(d.code) }, d.code),
        d.pointer ? element('code', { class: 'pointer' }, d.pointer) : null,
        d.fix ? element('button', { class: 'fix', type: 'button', title: d.fix.message, onclick: () => fix(d) }, 'Fix') : null,
      ),
    );
  }

  return {
    showDocs,
    /** Shows a report's diagnostics (or, with `null`, that the checker is still loading). */
    show(report) {
      if (!report) {
        summary.textContent = 'Loading the checker…';
        return;
      }
      summary.textContent = summarize(report.diagnostics);
      summary.dataset.state = report.diagnostics.some((d) => d.severity === 'error') ? 'error' : 'ok';
      const groups = GROUPS.map(([severity, heading]) => {
        const found = report.diagnostics.filter((d) => d.severity === severity);
        if (found.length === 0) return null;
        return element(
          'section',
          { class: `group ${severity}`, 'aria-label': heading },
          element('h3', {}, `${heading} (${found.length})`),
          element('ol', {}, ...found.map(item)),
        );
      });
      list.replaceChildren(...groups.filter(Boolean));
    },
  };
}
