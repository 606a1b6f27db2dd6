// The TypeScript declarations, compiled with `tsc --noEmit --strict` in a consumer project: as
// ESM and CommonJS under Node's resolution, and under a bundler's. The consumer files also hold
// `@ts-expect-error` lines, which fail the compile if a wrong call is accepted (as with `any`).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, it } from 'node:test';
import { installPackage, root, run } from './helpers.mjs';

const tsc = join(root, 'tests/npm/node_modules/typescript/bin/tsc');
let project;

before(() => {
  ({ project } = installPackage());
});

for (const config of ['tsconfig.json', 'tsconfig.bundler.json']) {
  it(`compiles a strict consumer (${config})`, () => {
    const { status, stdout, stderr } = run(process.execPath, [tsc, '-p', config], { cwd: project });
    assert.equal(stdout + stderr, '');
    assert.equal(status, 0);
  });
}

it('rejects a consumer that misuses the API', () => {
  const { status, stdout } = run(process.execPath, [tsc, '-p', 'tsconfig.misuse.json'], { cwd: project });
  assert.notEqual(status, 0);
  assert.match(stdout, /misuse\.mts\(\d+,\d+\): error TS2322/);
});
