// The CommonJS view of the same declarations.
import preflight = require('immuta-preflight');

const report: preflight.Report = preflight.check('a: 1\n', { format: 'yaml' });
const severities: preflight.Severity[] = report.diagnostics.map((d) => d.severity);
console.log(severities, preflight.version, preflight.kinds.length);
// @ts-expect-error: severity is a union of three strings
const wrong: preflight.Severity = 'fatal';
console.log(wrong);
