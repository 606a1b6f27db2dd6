// Compiled with tsc --noEmit --strict: the declarations must be usable as a consumer uses them.
import { applyFixes, check, checkFiles, complete, explain, kinds, render, rules, schema, version } from 'immuta-preflight';
import type { Completion, Diagnostic, FileReport, InternalError, Kind, RelatedLocation, Report, RuleCode, RuleDoc } from 'immuta-preflight';

const report: Report = check('{}', { kind: 'connection' });
const first: Diagnostic | undefined = report.diagnostics[0];
if (first) {
  const code: RuleCode = first.code;
  const offsets: [number, number] = [first.start, first.end];
  const help: string | null = first.help;
  for (const edit of first.fix?.edits ?? []) {
    const replacement: string = edit.text ?? (edit.parts ?? []).map((p) => ('text' in p ? p.text : '')).join('');
    console.log(code, offsets, help, replacement, edit.line);
  }
}
const kind: Kind | null = report.kind;
const fixed: string = applyFixes('{}', ['private-key-newlines', 'mismatch'], { kind: 'connection' });
const docs: RuleDoc[] = rules();
const doc: RuleDoc | undefined = explain('catalog-name');
const all: readonly Kind[] = kinds;
const text: string = render(report, 'sarif', { source: '{}', path: 'a.json', color: false });
const id: unknown = schema('integration')['$id'];
console.log(kind, fixed, docs.length, doc?.summary, all, text, id, version.toUpperCase());

const together: FileReport[] = checkFiles([{ path: 'a.json', text: '{}' }], { rules: { ignore: ['template', 'private-key'] } });
const related: RelatedLocation[] = together[0]?.diagnostics[0]?.related ?? [];
const quiet: Report = check('{}', { rules: { select: ['placeholder'], severity: { 'unknown-field': 'error' } } });
console.log(together[0]?.path, related[0]?.path, quiet.kind);

const offered: Completion[] = complete('{"connectionKey": "k", "connection": {}}', 37, { kind: 'connection' });
const replaced: [number, number, string, 'member' | 'value'] = [offered[0]?.from ?? 0, offered[0]?.to ?? 0, offered[0]?.insert ?? '', offered[0]?.kind ?? 'member'];
console.log(replaced, offered[0]?.detail?.length);
// @ts-expect-error: the offset is a number
complete('{}', '3');

// @ts-expect-error: not a rule code
check('{}', { rules: { ignore: ['placeholders'] } });
// @ts-expect-error: not a severity
check('{}', { rules: { severity: { placeholder: 'fatal' } } });
// @ts-expect-error: not a kind
check('{}', { kind: 'connections' });
// @ts-expect-error: not an option
check('{}', { knd: 'connection' });
// @ts-expect-error: not a rule code
applyFixes('{}', ['private-key-newline']);
// @ts-expect-error: not a format
render(report, 'xml');
// @ts-expect-error: kinds is read-only
kinds.push('connection');
try {
  check('{}');
} catch (error) {
  const failed = error as InternalError;
  if (failed.code === 'IMMUTA_PREFLIGHT_INTERNAL') console.log(failed.message, failed.cause);
  // @ts-expect-error: the code is exactly this string
  const other: InternalError['code'] = 'OTHER';
}
