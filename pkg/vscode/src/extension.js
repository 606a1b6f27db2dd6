// The VS Code extension: the engine's `Editor` (src/wasm/editor.rs, over the service the language
// server uses) loaded as WebAssembly, and VS Code's API around it. Everything said about a
// document (findings, hover, code actions, completion, the config file that applies) is the
// service's answer; this file converts offsets and values, fetches files through `workspace.fs`
// (the only file system on the web), and keeps VS Code's views up to date. The same source is
// bundled twice by build.mjs: for the Node extension host (`main`) and the web worker one (`browser`).
import * as vscode from 'vscode';
import * as glue from '../dist/engine/immuta_preflight_editor.js';
import { REPORT_URL, isEngineFailure } from '../../lib/guard.mjs';
import { documentLines } from './documents.js';
import { insertKeyFile } from './keyfile.js';
import { fetchedAlready, fetchFiles, forget } from './files.js';

const NAME = 'immuta-preflight';
const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append(NAME);
const SEVERITIES = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};
/** What VS Code calls the files that may hold a payload; the engine decides whether one does. */
const LANGUAGES = ['json', 'jsonc', 'yaml', 'shellscript', 'plaintext'];
const SELECTOR = LANGUAGES.map((language) => ({ language }));
/** VS Code's own documents: its output, its settings, git's views of old versions. */
const NOT_PAYLOADS = ['output', 'vscode-userdata', 'git', 'vscode-settings', 'vscode'];
const CONFIG_NAME = 'immuta-preflight.toml';
/** How long typing must pause before a document is checked again. */
const DEBOUNCE_MS = 120;
/** A payload checked once at start, so that the first one opened finds the validators built. */
const WARM_UP = '{"connectionKey": "warm-up", "connection": {"technology": "Snowflake"}}';
/** The tests' way to make the engine fail on a document (Node host only): a marker in its text. */
const PANIC_MARKER = typeof process === 'object' ? process.env?.IMMUTA_PREFLIGHT_TEST_PANIC_ON : undefined;

/** @param {vscode.ExtensionContext} context */
export async function activate(context) {
  const output = vscode.window.createOutputChannel(NAME);
  const started = Date.now();
  const wasm = await vscode.workspace.fs.readFile(
    vscode.Uri.joinPath(context.extensionUri, 'dist', 'engine', 'immuta_preflight_editor_bg.wasm'),
  );
  glue.initSync({ module: await WebAssembly.compile(wasm) });
  // Log lines name files, rule codes and counts: never a message, a value or a line of a payload.
  const host = typeof process === 'object' && process.versions?.node ? 'Node' : 'web worker';
  output.appendLine(`${NAME} ${glue.version()}: engine loaded in ${Date.now() - started} ms (${host} extension host)`);
  const checker = new Checker(output, context);
  context.subscriptions.push(output, checker);
  await checker.start();
  return { version: glue.version() };
}

export function deactivate() {}

class Checker {
  constructor(output, context) {
    this.output = output;
    this.editor = new glue.Editor();
    /** The documents the engine has open, by URI string. */
    this.open = new Map();
    /** The documents whose check failed inside the engine: tried again when they change. */
    this.failed = new Set();
    this.timers = new Map();
    this.diagnostics = vscode.languages.createDiagnosticCollection(NAME);
    this.configDiagnostics = vscode.languages.createDiagnosticCollection(`${NAME}-config`);
    this.status = vscode.window.createStatusBarItem('immuta-preflight.status', vscode.StatusBarAlignment.Right, 100);
    this.status.name = 'immuta-preflight';
    this.status.command = 'workbench.actions.view.problems';
    this.disposables = [this.diagnostics, this.configDiagnostics, this.status];
    this.context = context;
  }

  async start() {
    const on = (event, handler) => this.disposables.push(event((...args) => handler.apply(this, args)));
    on(vscode.workspace.onDidOpenTextDocument, this.opened);
    on(vscode.workspace.onDidChangeTextDocument, (event) => this.changed(event.document));
    on(vscode.workspace.onDidCloseTextDocument, this.closed);
    on(vscode.workspace.onDidSaveTextDocument, (document) => this.isConfig(document.uri) && this.reopenAll());
    on(vscode.window.onDidChangeActiveTextEditor, () => this.showStatus());
    on(vscode.workspace.onDidChangeConfiguration, (event) => event.affectsConfiguration(NAME) && this.reopenAll());
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_NAME}`);
    for (const event of [watcher.onDidChange, watcher.onDidCreate, watcher.onDidDelete]) on(event, () => this.reopenAll());
    this.disposables.push(
      watcher,
      vscode.languages.registerCodeActionsProvider(SELECTOR, this, {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL],
      }),
      vscode.languages.registerHoverProvider(SELECTOR, this),
      vscode.languages.registerCompletionItemProvider(SELECTOR, this, '"', ':'),
      vscode.commands.registerTextEditorCommand('immuta-preflight.fixAll', (editor) => this.fixAll(editor)),
      vscode.commands.registerTextEditorCommand('immuta-preflight.insertKeyFile', (editor) =>
        insertKeyFile(editor, glue.keyMembers(), this.output),
      ),
    );
    this.configure();
    await Promise.all(vscode.workspace.textDocuments.map((document) => this.opened(document)));
    this.warmUp();
  }

  /**
   * Before the first payload is opened: what its config lookup fetches in each workspace folder,
   * and the engine's first check (V8 compiles each WebAssembly function on its first call: the
   * first check took about 100 ms more than the next), so that the first payload waits for
   * neither. A document of its own, never shown.
   */
  async warmUp() {
    const started = Date.now();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, '.immuta-preflight-warm-up.json');
      const files = {};
      for (let round = 0; round < 4; round++) {
        const opened = this.call(() => this.editor.open(uri.toString(), uri.path, WARM_UP, files));
        if (!opened?.missing.length) break;
        Object.assign(files, await fetchFiles(uri, opened.missing));
      }
      this.call(() => this.editor.report(uri.toString()));
      this.call(() => this.editor.close(uri.toString()));
    }
    this.output.appendLine(`warmed up in ${Date.now() - started} ms`);
  }

  dispose() {
    for (const disposable of this.disposables) disposable.dispose();
    for (const timer of this.timers.values()) clearTimeout(timer);
  }

  /** The settings, handed to the engine; a code it does not know is reported, with its did-you-mean. */
  configure() {
    const settings = vscode.workspace.getConfiguration(NAME);
    this.enabled = settings.get('enable', true);
    const rules = {};
    const ignore = settings.get('rules.ignore', []);
    const select = settings.get('rules.select', []);
    if (ignore.length) rules.ignore = ignore;
    if (select.length) rules.select = select;
    try {
      this.call(() => this.editor.configure(rules));
    } catch (error) {
      this.call(() => this.editor.configure({}));
      vscode.window.showWarningMessage(`immuta-preflight: ${error.message} (in your settings)`);
    }
  }

  wanted(document) {
    return this.enabled && LANGUAGES.includes(document.languageId) && !NOT_PAYLOADS.includes(document.uri.scheme);
  }

  isConfig(uri) {
    return uri.path.endsWith(`/${CONFIG_NAME}`);
  }

  /** Opens `document` in the engine: its options from the config file, fetched until the service has all it asked for. */
  async opened(document) {
    if (!this.wanted(document)) return;
    const key = document.uri.toString();
    const started = Date.now();
    const version = document.version;
    const files = {};
    let opened;
    for (let round = 0; round < 4; round++) {
      opened = this.call(() => {
        if (PANIC_MARKER && document.getText().includes(PANIC_MARKER)) glue.__panicForTests();
        return this.editor.open(key, document.uri.path, document.getText(), files);
      }, document);
      if (!opened) return;
      if (!opened.missing.length) break;
      Object.assign(files, fetchedAlready(document.uri, opened.missing) ?? (await fetchFiles(document.uri, opened.missing)));
      if (document.isClosed) return;
    }
    const fetched = Date.now() - started;
    this.open.set(key, document);
    this.showConfigProblems(document.uri, opened.config, opened.problems);
    if (document.version !== version) this.call(() => this.editor.change(key, document.getText()));
    this.publish(document, { started, fetched });
  }

  changed(document) {
    const key = document.uri.toString();
    if (this.failed.delete(key)) return this.opened(document);
    if (!this.open.has(key)) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!this.open.has(key)) return;
        const text = document.getText();
        const changed = this.call(() => {
          if (PANIC_MARKER && text.includes(PANIC_MARKER)) glue.__panicForTests();
          return this.editor.change(key, text);
        }, document);
        if (changed) this.publish(document);
      }, DEBOUNCE_MS),
    );
  }

  closed(document) {
    const key = document.uri.toString();
    if (this.failed.delete(key)) this.diagnostics.delete(document.uri);
    if (!this.open.delete(key)) return;
    clearTimeout(this.timers.get(key));
    this.call(() => this.editor.close(key));
    this.diagnostics.delete(document.uri);
    this.showStatus();
  }

  /**
   * After a change of settings or of a config file: every document VS Code has open is opened in
   * the engine again, with its new options. One at a time: a second change waits for the first.
   */
  reopenAll() {
    this.reopening = (this.reopening ?? Promise.resolve()).then(() => this.reopen());
    return this.reopening;
  }

  async reopen() {
    forget();
    this.configure();
    for (const document of [...this.open.values()]) this.closed(document);
    this.configDiagnostics.clear();
    this.diagnostics.clear();
    await Promise.all(vscode.workspace.textDocuments.map((document) => this.opened(document)));
  }

  /**
   * The document's findings, in the Problems panel and as squiggles. `timing`, when it was just
   * opened: when that began, and how long fetching for its config took (for the log).
   */
  publish(document, timing) {
    const report = this.call(() => this.editor.report(document.uri.toString()));
    if (!report) return;
    const diagnostics = report.diagnostics.map((finding) => this.diagnostic(document, finding));
    this.diagnostics.set(document.uri, diagnostics);
    const counts = diagnostics.length ? `${diagnostics.length} (${report.diagnostics.map((d) => d.code).join(', ')})` : 'none';
    const took = timing ? ` in ${Date.now() - timing.started} ms (config ${timing.fetched} ms)` : '';
    this.output.appendLine(`${vscode.workspace.asRelativePath(document.uri)}: ${report.kind ?? 'not a payload'}, findings: ${counts}${took}`);
    if (document === vscode.window.activeTextEditor?.document) this.showStatus(report);
  }

  diagnostic(document, finding) {
    const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
    const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITIES[finding.severity]);
    diagnostic.source = NAME;
    diagnostic.code = { value: finding.code, target: vscode.Uri.parse(glue.Editor.ruleUrl(finding.code)) };
    if (finding.help) {
      diagnostic.relatedInformation = [
        new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, range), `help: ${finding.help}`),
      ];
    }
    return diagnostic;
  }

  /** A config file's mistakes, at their places in it (`path:line:column: message`). */
  showConfigProblems(documentUri, config, problems) {
    if (!config) return;
    const uri = documentUri.with({ path: config });
    const diagnostics = problems.map((problem) => {
      const [, line, column, message] = /^.*?:(\d+):(\d+): (.*)$/s.exec(problem) ?? [null, 1, 1, problem];
      const at = new vscode.Position(Number(line) - 1, Math.max(Number(column) - 1, 0));
      const diagnostic = new vscode.Diagnostic(new vscode.Range(at, at.translate(0, 1)), message);
      diagnostic.source = NAME;
      return diagnostic;
    });
    this.configDiagnostics.set(uri, diagnostics);
  }

  /** The kind, technology and authentication type of the payload in the active editor. */
  showStatus(report) {
    const document = vscode.window.activeTextEditor?.document;
    const key = document?.uri.toString();
    report ??= key && this.open.has(key) ? this.call(() => this.editor.report(key)) : undefined;
    if (!report?.kind) return this.status.hide();
    const parts = [report.kind, report.technology, report.authenticationType].filter(Boolean);
    const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
    this.status.text = `$(${errors ? 'error' : 'pass'}) Immuta: ${parts.join(' · ')}`;
    this.status.tooltip = `immuta-preflight: ${errors} errors, ${report.diagnostics.length - errors} other findings`;
    this.status.show();
  }

  /** CodeActionProvider: the service's quick fixes in `range`, and "Fix all" when any finding has a fix. */
  provideCodeActions(document, range, context) {
    const key = document.uri.toString();
    if (!this.open.has(key)) return [];
    const lines = documentLines(document);
    // VS Code asks on every move of the cursor (to light the bulb, which shows no source action):
    // "Fix all", a second check of the whole text, only when it is asked for or the user asked.
    const fixAll = context.only ? context.only.contains(FIX_ALL) : context.triggerKind === vscode.CodeActionTriggerKind.Invoke;
    const from = lines.offset(range.start);
    const actions = this.call(() => this.editor.actions(key, from, lines.offset(range.end), fixAll)) ?? [];
    const diagnostics = this.diagnostics.get(document.uri) ?? [];
    return actions
      .map((action) => {
        const kind = action.kind === 'fixAll' ? FIX_ALL : vscode.CodeActionKind.QuickFix;
        const codeAction = new vscode.CodeAction(action.title, kind);
        codeAction.edit = new vscode.WorkspaceEdit();
        for (const edit of action.edits) codeAction.edit.replace(document.uri, lines.range(edit.from, edit.to), edit.insert);
        if (action.finding !== null && diagnostics[action.finding]) {
          codeAction.diagnostics = [diagnostics[action.finding]];
          codeAction.isPreferred = true;
        }
        return codeAction;
      })
      .filter((action) => !context.only || context.only.contains(action.kind));
  }

  /** HoverProvider: a finding's rule documentation, or a field's. */
  provideHover(document, position) {
    const key = document.uri.toString();
    if (!this.open.has(key)) return undefined;
    const lines = documentLines(document);
    const hover = this.call(() => this.editor.hover(key, lines.offset(position)));
    return hover ? new vscode.Hover(new vscode.MarkdownString(hover.markdown), lines.range(hover.from, hover.to)) : undefined;
  }

  /** CompletionItemProvider: the member names and values the payload's schema allows at the cursor. */
  provideCompletionItems(document, position) {
    const key = document.uri.toString();
    if (!this.open.has(key)) return [];
    // The engine reads the text as it is now, not as it was at the last (debounced) check.
    this.call(() => this.editor.change(key, document.getText()));
    const lines = documentLines(document);
    return (this.call(() => this.editor.complete(key, lines.offset(position))) ?? []).map((found) => {
      const kind = found.kind === 'member' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.Value;
      const item = new vscode.CompletionItem(found.label, kind);
      item.insertText = found.insert;
      item.range = lines.range(found.from, found.to);
      item.filterText = found.insert.replace(/[: ]+$/, '');
      if (found.detail) item.documentation = new vscode.MarkdownString(found.detail);
      return item;
    });
  }

  /** "Fix all safe issues": the service's fix-all action, as `check --fix` applies it. */
  async fixAll(editor) {
    const actions = this.provideCodeActions(editor.document, new vscode.Range(0, 0, 0, 0), {
      only: FIX_ALL,
    });
    if (!actions.length) return vscode.window.setStatusBarMessage('immuta-preflight: nothing to fix', 3000);
    await vscode.workspace.applyEdit(actions[0].edit);
  }

  /**
   * Runs `call` on the engine. A failure inside it (a bug) traps the WebAssembly instance: a fresh
   * one is started and the other open documents are opened in it again; `document`, the one being
   * checked, shows one finding that says so (as the language server's does) until it changes.
   * The log names the error's type, never its message.
   */
  call(call, document) {
    try {
      return call();
    } catch (error) {
      if (!isEngineFailure(error)) throw error;
      glue.__wbg_reset_state();
      this.editor = new glue.Editor();
      const name = document ? vscode.workspace.asRelativePath(document.uri) : 'a document';
      this.output.appendLine(`${name}: internal error (${error.constructor.name}); the checker was restarted`);
      queueMicrotask(() => this.restarted(document, name));
      return undefined;
    }
  }

  async restarted(failed, name) {
    const others = [...this.open.values()].filter((d) => d !== failed);
    this.open.clear();
    this.configure();
    if (failed) {
      this.failed.add(failed.uri.toString());
      const line =
        `immuta-preflight ${glue.version()}: internal error while checking \`${name}\`; this is a bug: ` +
        `please report this line (not the file) at ${REPORT_URL}`;
      const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), line, vscode.DiagnosticSeverity.Error);
      diagnostic.source = NAME;
      diagnostic.code = 'internal-error';
      this.diagnostics.set(failed.uri, [diagnostic]);
    }
    await Promise.all(others.filter((d) => !d.isClosed).map((document) => this.opened(document)));
  }
}
