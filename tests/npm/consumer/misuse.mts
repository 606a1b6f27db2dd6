// Must not compile: a report's kind may be null.
import { check } from 'immuta-preflight';
import type { Kind } from 'immuta-preflight';

const kind: Kind = check('{}').kind;
export { kind };
