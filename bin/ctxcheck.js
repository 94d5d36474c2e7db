#!/usr/bin/env node
// Thin shim: all logic lives in the compiled CLI so the library stays import-safe.
// The published package ships dist/. A fresh clone has none until `npm run build` (there is no
// install script, so installing ctxcheck never runs one): build it once here, so that
// `npm ci && npx ctxcheck .` works in a clone.
import { existsSync, readFileSync, writeSync } from 'node:fs';

// `ctxcheck --version` alone answers from package.json without loading the CLI (issue #17:
// start-up within 1.3x of `node -e 0`); any other use goes through the CLI's own checks.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  try {
    writeSync(1, `${version}\n`);
  } catch (err) {
    // A reader that went away (`ctxcheck --version | true`): end by SIGPIPE like every command.
    if (err?.code !== 'EPIPE') throw err;
    const pipe = await import('../dist/cli/closed-pipe.js').catch(() => null);
    if (pipe) pipe.diedOfSigpipe();
    process.exitCode = 141;
  }
} else {
  const main = new URL('../dist/cli/main.js', import.meta.url);
  if (!existsSync(main) && existsSync(new URL('../tsconfig.json', import.meta.url))) {
    const { buildClone } = await import('../scripts/build-clone.mjs');
    buildClone();
  }
  const { main: run } = await import(main.href);
  await run(process.argv);
}
