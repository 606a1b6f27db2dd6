// Types of the `immuta-preflight` package. The same for every entry point (Node.js ESM and
// CommonJS, bundlers, browsers). tests/npm checks them against the values the module returns.

/** Which Immuta request body a payload is. */
export type Kind = "integration" | "integration-script" | "connection" | "connection-update";

/** The text formats `check` reads. */
export type Format = "json" | "yaml" | "curl";

/** `error`: the request would be rejected or would misbehave. */
export type Severity = "error" | "warning" | "info";

/** The formats of `render`, as the CLI's `--format`. */
export type OutputFormat = "text" | "json" | "sarif" | "github";

/** The technology's API name, when the payload's technology was recognised. */
export type Technology =
  | "Snowflake"
  | "Databricks"
  | "Azure Synapse Analytics"
  | "Redshift"
  | "Google BigQuery"
  | "Native S3"
  | "Trino"
  | "AWS Lake Formation";

/** Every rule's stable code. `rules()` gives each one's documentation. */
export type RuleCode =
  | "syntax"
  | "missing-field"
  | "wrong-type"
  | "invalid-value"
  | "unknown-field"
  | "catalog-name"
  | "connection-key"
  | "mismatch"
  | "private-key-newlines"
  | "private-key-format"
  | "private-key-structure"
  | "private-key-password"
  | "placeholder"
  | "host-format"
  | "http-path"
  | "unusual-port"
  | "aws-format"
  | "gcp-format"
  | "credential-format"
  | "identifier-format"
  | "whitespace"
  | "api-shape"
  | "recommended-setting"
  | "template"
  | "bigquery-credential"
  | "duplicate-key"
  | "duplicate-connection-key"
  | "duplicate-integration"
  | "script-mismatch"
  | "disputed-field"
  | "unconfirmed"
  | "deprecated"
  | "unknown-kind"
  | "curl-command"
  | "input-limit"
  | "internal-error";

/**
 * A range of the checked text: 1-based `line` and `column` (columns count characters, i.e.
 * Unicode code points), and `start`/`end` as UTF-16 code-unit offsets, which index the JS string
 * directly: `text.slice(d.start, d.end)`.
 */
export interface TextRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  start: number;
  end: number;
}

/** A piece of replacement text, or a copy of another range of the same text (how a fix moves a secret without carrying it). */
export type EditPart = { text: string } | { copyFrom: TextRange };

/** Replace the range with `text`, or with `parts` in order. */
export type Edit = TextRange & ({ text: string; parts?: never } | { parts: EditPart[]; text?: never });

/** A safe, mechanical change that resolves the diagnostic; `applyFixes` applies it. */
export interface Fix {
  message: string;
  edits: Edit[];
}

/** One finding. Messages and help never contain a secret. */
export interface Diagnostic extends TextRange {
  code: RuleCode;
  severity: Severity;
  message: string;
  /** RFC 6901 JSON pointer into the payload; `""` is the whole payload. */
  pointer: string;
  /** What to type instead. */
  help: string | null;
  fix?: Fix;
  /** Places in other files the finding names: only findings of `checkFiles`' checks across files have it. */
  related?: RelatedLocation[];
}

/** A place in another file: its path, 1-based line and column, and what is there. */
export interface RelatedLocation {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** The result of `check`: a plain object (JSON.stringify keeps all of it). */
export interface Report {
  /** The payload kind: as given, from the curl URL, or from the payload's members. */
  kind: Kind | null;
  technology: Technology | null;
  authenticationType: string | null;
  format: Format;
  /** In the order of their positions. */
  diagnostics: Diagnostic[];
}

export interface CheckOptions {
  /** The payload kind; detected when not given. */
  kind?: Kind;
  /** A hint; the text itself is looked at first. */
  format?: Format;
  /** Which rules are reported, and how severely: as `[rules]` of `immuta-preflight.toml`. */
  rules?: RuleOptions;
}

/** A group of rules: the first words two or more codes share (`private-key` is every `private-key-*` rule). */
export type RuleGroup = "duplicate" | "private" | "private-key" | "unknown";

/** `syntax`, `internal-error` and `input-limit` are always reported: they say a text was not wholly checked. */
export interface RuleOptions {
  /** Rules (or groups) not reported. */
  ignore?: readonly (RuleCode | RuleGroup)[];
  /** Only these rules (or groups) are reported. */
  select?: readonly (RuleCode | RuleGroup)[];
  /** A severity in place of the rule's own. */
  severity?: { readonly [code in RuleCode | RuleGroup]?: Severity };
}

/** A file for `checkFiles`. */
export interface FileInput {
  /** Shown in `related` locations; its extension is a format hint. */
  path: string;
  text: string;
}

/** A report of `checkFiles`: the file's path and its report. */
export interface FileReport extends Report {
  path: string;
}

export interface RenderOptions {
  /** The checked text: the text format then shows code frames, with secrets masked. */
  source?: string;
  /** The file name in the output; `<input>` when not given. */
  path?: string;
  /** ANSI colours in the text format; off when not given. */
  color?: boolean;
}

/** A rule's documentation: Markdown with the sections What it checks, Why, Example and Fix. */
export interface RuleDoc {
  code: RuleCode;
  /** The usual severity; a few findings of a rule are softer. */
  severity: Severity;
  summary: string;
  doc: string;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * What every function throws if the engine itself fails (a bug): the engine has been restarted, so
 * the next call works. `cause` is the WebAssembly trap.
 */
export interface InternalError extends Error {
  code: "IMMUTA_PREFLIGHT_INTERNAL";
  cause: unknown;
}

/**
 * Checks one payload: JSON, YAML, or a whole pasted `curl` command. Throws a TypeError for bad
 * arguments, never for a bad payload (and an {@link InternalError} should the engine fail).
 */
export function check(text: string, options?: CheckOptions): Report;

/**
 * Checks several payloads together: each as `check` does, then the checks across files
 * (`duplicate-connection-key`, `duplicate-integration`, `script-mismatch`), whose findings are on
 * the later file and name the other in `related`. One report per file, in the order given.
 */
export function checkFiles(files: readonly FileInput[], options?: CheckOptions): FileReport[];

/**
 * Applies the safe fixes (of `codes`, or of every rule) and returns the new text, re-checking
 * until nothing changes. Fixes escape a private key's line breaks and copy values (secrets by
 * position) into `nativeIntegration`, among others.
 */
export function applyFixes(text: string, codes?: readonly RuleCode[], options?: CheckOptions): string;

/** A suggestion at the cursor: a member name the payload's schema allows there, or a value. */
export interface Completion {
  /** What to show: the member's name, or the value as it reads. */
  label: string;
  /** What to write: `"name": ` in JSON, `name: ` in YAML, or the value, quoted as the format wants. */
  insert: string;
  kind: "member" | "value";
  /** The schema's description of the member, if it has one. */
  detail: string | null;
  /** UTF-16 offsets of the text `insert` replaces (what is typed of the name or value, its quotes included). */
  from: number;
  to: number;
}

/**
 * Completions at UTF-16 offset `offset` of `text`: member names the schema variant in force allows
 * in the object at the cursor and not yet present, or the values it allows for the member whose
 * value is being written. The same as the language server's (`immuta-preflight lsp`).
 */
export function complete(text: string, offset: number, options?: CheckOptions): Completion[];

/** Every rule, in the README's order. */
export function rules(): RuleDoc[];

/** One rule's documentation, or `undefined` for an unknown code. */
export function explain(code: string): RuleDoc | undefined;

/** The JSON Schema (draft 2020-12) of a payload kind, for editors. */
export function schema(kind: Kind): { [key: string]: JsonValue };

/** Renders a report with the CLI's renderers: the same text, JSON, SARIF or GitHub annotations. */
export function render(report: Report, format: OutputFormat, options?: RenderOptions): string;

/** Every payload kind. */
export const kinds: readonly Kind[];

/** The package version (the Rust crate's). */
export const version: string;
