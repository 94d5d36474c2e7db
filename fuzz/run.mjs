#!/usr/bin/env node
// Differential fuzzing of ctxcheck against the real docker CLI (legacy builder).
//
//   npm run fuzz -- [--cases N] [--seed S] [--concurrency C] [--shrink-limit K]
//                   [--shrink-budget SECONDS] [--out report.json] [--avoid CHARS] [--no-invalid]
//
// The fuzzer is TypeScript (test/fuzz/), so this runs it through vitest with FUZZ_* variables
// that test/fuzz/fuzz.test.ts reads. Case i uses seed S+i: `--seed <failing seed> --cases 1`
// replays one case. Exit status is vitest's: non-zero when ctxcheck and Docker disagree.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const usage = `usage: npm run fuzz -- [--cases N] [--seed S] [--concurrency C] [--shrink-limit K]
                     [--shrink-budget SECONDS] [--out report.json] [--avoid CHARS] [--no-invalid]`;

const env = { ...process.env };
const flags = {
  '--cases': 'FUZZ_CASES',
  '--seed': 'FUZZ_SEED',
  '--concurrency': 'FUZZ_CONCURRENCY',
  '--shrink-limit': 'FUZZ_SHRINK_LIMIT',
  '--out': 'FUZZ_OUT',
  '--avoid': 'FUZZ_AVOID',
};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const [name, inline] = args[i].split(/=(.*)/s, 2);
  if (name === '-h' || name === '--help') {
    console.log(usage);
    process.exit(0);
  }
  if (name === '--no-invalid') {
    env.FUZZ_NO_INVALID = '1';
    continue;
  }
  const value = inline ?? args[++i];
  if (value === undefined) {
    console.error(`${name}: missing value\n${usage}`);
    process.exit(2);
  }
  if (name === '--shrink-budget') {
    env.FUZZ_SHRINK_BUDGET_MS = String(Math.round(Number(value) * 1000));
  } else if (name in flags) {
    env[flags[name]] = name === '--out' ? resolve(process.cwd(), value) : value;
  } else {
    console.error(`unknown option ${name}\n${usage}`);
    process.exit(2);
  }
}
for (const k of ['FUZZ_CASES', 'FUZZ_SEED', 'FUZZ_CONCURRENCY', 'FUZZ_SHRINK_LIMIT', 'FUZZ_SHRINK_BUDGET_MS']) {
  if (env[k] !== undefined && !/^\d+$/.test(env[k])) {
    console.error(`${k}=${env[k]}: expected a non-negative integer\n${usage}`);
    process.exit(2);
  }
}
// Mark the run as explicit so the test uses the generous shrink defaults.
env.FUZZ_CASES ??= '300';

const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const [cmd, cmdArgs] = existsSync(vitest)
  ? [process.execPath, [vitest, 'run', 'test/fuzz/fuzz.test.ts']]
  : ['npx', ['vitest', 'run', 'test/fuzz/fuzz.test.ts']];
const child = spawn(cmd, cmdArgs, { cwd: root, env, stdio: 'inherit' });
const forward = (sig) => () => child.kill(sig);
process.on('SIGINT', forward('SIGINT'));
process.on('SIGTERM', forward('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
