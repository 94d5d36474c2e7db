// Write V8's code cache for the CLI bundle (run by scripts/bundle-cli.mjs, in a fresh process so
// that V8's flags are a plain `node`'s, as a user's run has them). Runs the CLI as bin/ctxcheck.js
// would, on a sample context, output discarded; then takes the compiled code of everything that ran
// and writes it with the bundle's build id (see src/cli/launch.cts). Not shipped.
//
//   node scripts/train-code-cache.mjs report   # the text and JSON report: main.cjs.cache
//   node scripts/train-code-cache.mjs list     # ls and why: main.cjs.ls.cache
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

const { BUNDLE, CACHE_FILE, LIST_CACHE_FILE, bundleId, cacheBytes, loadBundle } = createRequire(import.meta.url)('../dist/cli/launch.cjs');

const mode = process.argv[2];
if (mode !== 'report' && mode !== 'list') throw new Error('usage: train-code-cache.mjs report|list');
const source = readFileSync(BUNDLE, 'utf8');
const id = bundleId(source);
if (id === null) throw new Error(`${BUNDLE}: no build id on its first line`);
const cli = loadBundle(BUNDLE, source);

const ctx = mkdtempSync(join(tmpdir(), 'ctxcheck-train-'));
try {
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM node:20 AS build\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\n\nFROM node:20\nCOPY --from=build /app/dist /app\n');
  writeFileSync(join(ctx, '.dockerignore'), 'node_modules\n*.log\n');
  writeFileSync(join(ctx, 'package.json'), '{"name":"sample","scripts":{"build":"tsc"}}\n');
  mkdirSync(join(ctx, 'src'));
  for (let i = 0; i < 8; i++) writeFileSync(join(ctx, 'src', `f${i}.js`), `export const v${i} = ${i};\n`);
  writeFileSync(join(ctx, 'debug.log'), 'x\n');
  const discard = () => new Writable({ write: (_chunk, _enc, done) => done() });
  const runs = mode === 'report' ? [[ctx, '--quiet'], [ctx, '--format', 'json', '--quiet']] : [['ls', ctx], ['why', ctx, '--', 'debug.log']];
  for (const args of runs) {
    await cli.main(['node', 'ctxcheck', ...args], discard());
    if (process.exitCode !== undefined && process.exitCode !== 0 && process.exitCode !== 1) throw new Error(`training run ${args.join(' ')} exited ${process.exitCode}`);
    process.exitCode = 0;
  }
} finally {
  rmSync(ctx, { recursive: true, force: true });
}
const file = mode === 'report' ? CACHE_FILE : LIST_CACHE_FILE;
const tmp = `${file}.${process.pid}.tmp`;
writeFileSync(tmp, cacheBytes(id, cli.script.createCachedData()));
renameSync(tmp, file);
