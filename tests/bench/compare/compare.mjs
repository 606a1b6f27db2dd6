// `make bench-compare`: immuta-preflight against what people use today, on one generated set of
// payloads (payloads.mjs), in one run, printing one table.
//   - in one Node process, text → result: ajv (JSON.parse + validate against the JSON Schemas our
//     `schema` command exports) against our npm `check`;
//   - whole processes over the same files: check-jsonschema (Python, the usual pre-commit JSON
//     Schema hook) against our WASI hook (the Python runner) and our native CLI;
//   - our native `check` in-process (the Rust benchmark binary).
// The peers are installed from their registries into target/bench/peers at pinned versions; none
// of their code is committed. Prints numbers; asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { payloads } from './payloads.mjs';
import { record } from '../targets.mjs';

const AJV = '8.20.0';
const CHECK_JSONSCHEMA = '0.39.0';
const root = fileURLToPath(new URL('../../../', import.meta.url));
const out = join(root, 'target/bench/compare');
const peers = join(root, 'target/bench/peers');
const native = join(root, 'target/release/immuta-preflight');
const hookPython = join(root, 'target/hook-venv/bin/python3');
const KINDS = ['integration', 'integration-script', 'connection', 'connection-update'];

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  return result;
}

function installPeers() {
  mkdirSync(peers, { recursive: true });
  const ajvPackage = join(peers, 'node_modules/ajv/package.json');
  if (!existsSync(ajvPackage) || createRequire(import.meta.url)(ajvPackage).version !== AJV) {
    writeFileSync(join(peers, 'package.json'), '{ "private": true }\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `ajv@${AJV}`], { cwd: peers, stdio: 'inherit' });
  }
  const venv = join(peers, 'venv');
  const tool = join(venv, 'bin/check-jsonschema');
  if (!existsSync(tool) || !sh(tool, ['--version']).stdout.includes(CHECK_JSONSCHEMA)) {
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    execFileSync(join(venv, 'bin/pip'), ['install', '--quiet', '--disable-pip-version-check', `check-jsonschema==${CHECK_JSONSCHEMA}`], { stdio: 'inherit' });
  }
  return tool;
}

/** Writes the payloads under out/files/<kind>/ and the schemas under out/schemas/. */
function writeSet(set) {
  rmSync(out, { recursive: true, force: true });
  for (const kind of KINDS) {
    mkdirSync(join(out, 'files', kind), { recursive: true });
    mkdirSync(join(out, 'schemas'), { recursive: true });
    writeFileSync(join(out, 'schemas', `${kind}.json`), sh(native, ['schema', kind]).stdout);
  }
  for (const p of set) {
    p.path = join('files', p.kind, p.name);
    writeFileSync(join(out, p.path), p.text);
  }
  writeFileSync(join(out, 'list.txt'), set.map((p) => `${p.kind} ${join(out, p.path)}`).join('\n') + '\n');
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median wall time of `rounds` passes of `run` over every payload, after two warm-up passes. */
function timePasses(set, run, rounds = 15) {
  for (let i = 0; i < 2; i++) set.forEach(run);
  const passes = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    set.forEach(run);
    passes.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  return median(passes);
}

/** Median wall time (ms) of running `commands` (one process per kind) one after the other. */
function timeProcesses(commands, rounds = 5) {
  commands.forEach(([command, args]) => sh(command, args, { cwd: out })); // warm caches
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    for (const [command, args] of commands) sh(command, args, { cwd: out });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const filesOf = (set, kind) => set.filter((p) => p.kind === kind).map((p) => p.path);

/** Paths our CLI's JSON output flags with an error or a warning. */
function flaggedByUs(commands) {
  const flagged = new Set();
  for (const [command, args] of commands) {
    const report = JSON.parse(sh(command, args, { cwd: out }).stdout);
    for (const file of report.files) {
      if (file.diagnostics.some((d) => d.severity !== 'info')) flagged.add(file.path);
    }
  }
  return flagged;
}

function main() {
  const { valid, invalid } = payloads();
  const set = [...valid, ...invalid];
  if (!existsSync(native)) throw new Error(`${native} is missing: make bench-compare builds it`);
  const checkJsonschema = installPeers();
  writeSet(set);

  // In one Node process: ajv against our npm package, text → result.
  const require = createRequire(import.meta.url);
  const Ajv2020 = require(join(peers, 'node_modules/ajv/dist/2020')).default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validators = Object.fromEntries(KINDS.map((k) => [k, ajv.compile(require(join(out, 'schemas', `${k}.json`)))]));
  const ajvFlags = (p) => {
    try {
      return !validators[p.kind](JSON.parse(p.text));
    } catch {
      return true; // not JSON
    }
  };
  const { check } = require(join(root, 'pkg'));
  const ourFlags = (p) => check(p.text, { kind: p.kind, format: 'json' }).diagnostics.some((d) => d.severity !== 'info');
  const ajvMicros = timePasses(set, ajvFlags);
  const npmMicros = timePasses(set, ourFlags);

  // Our native check in-process: the Rust benchmark binary over the same list.
  const bench = sh('cargo', ['bench', '--locked', '--bench', 'check', '-q'], {
    cwd: root,
    env: { ...process.env, BENCH_COMPARE: join(out, 'list.txt') },
  });
  const nativeRun = JSON.parse(bench.stdout.trim().split('\n').at(-1));

  // Whole processes, one per kind, over the same files.
  const schemaTool = KINDS.map((k) => [checkJsonschema, ['-o', 'json', '--schemafile', join('schemas', `${k}.json`), ...filesOf(set, k)]]);
  // The set's payloads are variants of a few fixtures, so the checks across files would report
  // their shared connection keys and hosts; the peers check each file alone, and so do we here.
  const alone = ['--ignore', 'duplicate-connection-key,duplicate-integration,script-mismatch'];
  const ours = (command, prefix) =>
    KINDS.map((k) => [command, [...prefix, 'check', '--format', 'json', ...alone, '--kind', k, ...filesOf(set, k)]]);
  const hook = ours(hookPython, ['-m', 'immuta_preflight']);
  process.env.PYTHONPATH = join(root, 'pkg/python');
  const cli = ours(native, []);
  const schemaToolMs = timeProcesses(schemaTool);
  const hookMs = timeProcesses(hook);
  const cliMs = timeProcesses(cli);
  const schemaToolFlagged = new Set();
  for (const [command, args] of schemaTool) {
    const report = JSON.parse(sh(command, args, { cwd: out }).stdout);
    for (const e of [...report.errors, ...report.parse_errors]) schemaToolFlagged.add(e.filename);
  }

  // What each tool found: payloads flagged, by class of problem, and false alarms on valid ones.
  const tally = (isFlagged) => {
    const found = { syntax: 0, schema: 0, beyond: 0 };
    for (const p of invalid) if (isFlagged(p)) found[p.class]++;
    return { ...found, all: found.syntax + found.schema + found.beyond, falseAlarms: valid.filter(isFlagged).length };
  };
  const nativeFlagged = new Set(set.filter((_, i) => nativeRun.flagged[i]).map((p) => p.path));
  const hookFlagged = flaggedByUs(hook);
  const cliFlagged = flaggedByUs(cli);
  const rows = [
    ['ajv ' + AJV + ' (JSON.parse + validate), in Node', ajvMicros / set.length, 'µs', tally(ajvFlags), 'ajv'],
    ['immuta-preflight npm check, same process', npmMicros / set.length, 'µs', tally(ourFlags), 'ajv'],
    ['immuta-preflight native check, in-process', nativeRun.passMicros / set.length, 'µs', tally((p) => nativeFlagged.has(p.path)), 'ajv'],
    ['check-jsonschema ' + CHECK_JSONSCHEMA + ', 4 processes', schemaToolMs, 'ms', tally((p) => schemaToolFlagged.has(p.path)), 'cjs'],
    ['immuta-preflight WASI hook (Python runner), 4 processes', hookMs, 'ms', tally((p) => hookFlagged.has(p.path)), 'cjs'],
    ['immuta-preflight native CLI, 4 processes', cliMs, 'ms', tally((p) => cliFlagged.has(p.path)), 'cjs'],
  ];
  const baseline = { ajv: rows[0][1], cjs: rows[3][1] };
  record({ ajvMicros: rows[0][1], npmMicros: rows[1][1], nativeMicros: rows[2][1] });
  const count = (c) => invalid.filter((p) => p.class === c).length;
  console.log(
    `\n${set.length} payloads (${valid.length} valid, ${invalid.length} invalid: ${count('syntax')} syntax, ` +
      `${count('schema')} a schema can express, ${count('beyond')} beyond a schema); ` +
      `${cpus().length} × ${cpus()[0].model.trim()}, Node ${process.versions.node}\n`,
  );
  console.log('| tool | time | × the peer | invalid found | syntax | schema | beyond a schema | false alarms on valid |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, value, unit, t, peer] of rows) {
    const time = unit === 'µs' ? `${value.toFixed(1)} µs per payload` : `${value.toFixed(0)} ms for all ${set.length}`;
    const ratio = (value / baseline[peer]).toFixed(2);
    console.log(
      `| ${name} | ${time} | ${ratio} | ${t.all} / ${invalid.length} | ${t.syntax} / ${count('syntax')} | ` +
        `${t.schema} / ${count('schema')} | ${t.beyond} / ${count('beyond')} | ${t.falseAlarms} / ${valid.length} |`,
    );
  }
  console.log('\n"× the peer": time relative to ajv (in-process rows) or to check-jsonschema (process rows); lower is faster.');
}

main();
