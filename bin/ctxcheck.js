#!/usr/bin/env node
// Thin shim: all logic lives in the compiled CLI so the library stays import-safe. CommonJS
// (bin/package.json), as is dist/cli/launch.cjs: an ES entry module costs every run the start of
// Node's ES loader (issue #17: start-up).
// The published package ships dist/. A fresh clone has none until `npm run build` (there is no
// install script, so installing ctxcheck never runs one): build it once here, so that
// `npm ci && npx ctxcheck .` works in a clone.
'use strict';
const { existsSync, readFileSync, writeSync } = require('node:fs');
const { join } = require('node:path');

// `ctxcheck --version` alone answers from package.json without loading the CLI (issue #17:
// start-up within 1.3x of `node -e 0`); any other use goes through the CLI's own checks.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  try {
    writeSync(1, `${version}\n`);
  } catch (err) {
    // A reader that went away (`ctxcheck --version | true`): end by SIGPIPE like every command.
    if (err?.code !== 'EPIPE') throw err;
    void import('../dist/cli/closed-pipe.js')
      .then((pipe) => pipe.diedOfSigpipe(), () => undefined)
      .finally(() => {
        process.exitCode = 141;
      });
  }
} else {
  // dist/cli/launch.cjs runs the CLI bundle with its code cache (or tsc's modules without one).
  const launcher = join(__dirname, '..', 'dist', 'cli', 'launch.cjs');
  const start = () => require(launcher).launch(process.argv);
  if (!existsSync(launcher) && existsSync(join(__dirname, '..', 'tsconfig.json'))) {
    import('../scripts/build-clone.mjs').then(({ buildClone }) => {
      buildClone();
      return start();
    });
  } else {
    start();
  }
}
