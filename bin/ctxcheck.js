#!/usr/bin/env node
// Thin shim: all logic lives in the compiled CLI so the library stays import-safe.
// The published package ships dist/. A fresh clone has none until `npm run build` (there is no
// install script, so installing ctxcheck never runs one): build it once here, so that
// `npm ci && npx ctxcheck .` works in a clone.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main) && existsSync(new URL('../tsconfig.json', import.meta.url))) {
  const { buildClone } = await import('../scripts/build-clone.mjs');
  buildClone();
}
const { main: run } = await import(main.href);
await run(process.argv);
