// The language server in a real editor: Debian's Neovim, headless, with tests/editor/init.lua.
// The diagnostics Neovim shows are compared with the CLI's findings for the same file, and the
// code actions' edits with the CLI's fixes.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const bin = process.env.IMMUTA_PREFLIGHT_BIN ?? join(root, "target/debug/immuta-preflight");
const nvim = process.env.NVIM ?? "nvim";
const fixture = join(root, "tests/fixtures/invalid/demo-databricks-connection.json");

/** Runs Neovim on a copy of `source` in `mode`; returns what init.lua wrote. */
function inNeovim(source, mode, extra = {}) {
  const folder = mkdtempSync(join(tmpdir(), "immuta-preflight-nvim-"));
  const payload = join(folder, "payload.json");
  copyFileSync(source, payload);
  const out = join(folder, "out.json");
  const run = spawnSync(nvim, ["--headless", "-n", "-i", "NONE", "--noplugin", "-u", join(root, "tests/editor/init.lua")], {
    cwd: folder,
    env: { ...process.env, IMMUTA_PREFLIGHT_BIN: bin, PAYLOAD: payload, OUT: out, MODE: mode, ...extra },
    timeout: 60_000,
    encoding: "utf8",
  });
  const written = JSON.parse(readFileSync(out, "utf8"));
  assert.equal(written.error, undefined, `Neovim: ${written.error}\n${run.stderr}`);
  assert.equal(run.status, 0, run.stderr);
  return { written, payload };
}

function cli(args, input) {
  const run = spawnSync(bin, args, { input, encoding: "utf8" });
  return run.stdout;
}

test("Neovim shows the CLI's findings, at the same places", () => {
  const { written } = inNeovim(fixture, "diagnostics");
  const report = JSON.parse(cli(["check", "--format", "json", "--no-config", fixture]));
  const expected = report.files[0].diagnostics.map((d) => ({
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    severity: { error: 1, warning: 2, info: 3 }[d.severity],
    message: d.message,
    code: d.code,
    source: "immuta-preflight",
  }));
  expected.sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
  assert.ok(expected.length >= 3, "the fixture has findings");
  assert.deepEqual(written, expected);
});

test("a quick fix from Neovim edits the buffer as the rule's fix says", () => {
  const { written } = inNeovim(fixture, "quickfix", { CODE: "wrong-type" });
  const original = readFileSync(fixture, "utf8");
  assert.match(written.title, /\(wrong-type\)$/);
  assert.equal(written.text, original.replace('"port": "443"', '"port": 443'));
  assert.notEqual(written.text, original);
});

test("Fix all from Neovim gives what `check --fix` gives", () => {
  const { written } = inNeovim(fixture, "fixall");
  const fixed = cli(["check", "--fix", "--no-config", "-"], readFileSync(fixture, "utf8"));
  assert.equal(written.text, fixed);
  assert.notEqual(fixed, readFileSync(fixture, "utf8"));
});
