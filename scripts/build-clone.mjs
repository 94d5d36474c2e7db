// First run of bin/ctxcheck.js in a clone without dist/: compile it (`tsc -p tsconfig.json`, then
// scripts/bundle-cli.mjs: exactly `npm run build`), telling stderr why the first run is slower. Not shipped.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export function buildClone() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write('ctxcheck: dist/ is not built and TypeScript is not installed: run `npm ci` (or `npm run build`) first\n');
    process.exit(2);
  }
  process.stderr.write('ctxcheck: building dist/ (first run in this clone: npm run build)\n');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write('ctxcheck: the build failed (see above)\n');
    process.exit(2);
  }
  // Then the CLI bundle, as `npm run build` does; without esbuild tsc's output runs as it is.
  const b = spawnSync(process.execPath, [fileURLToPath(new URL('bundle-cli.mjs', import.meta.url))], { cwd: root, stdio: ['ignore', 2, 2] });
  if (b.status !== 0) process.stderr.write('ctxcheck: bundling the CLI failed (see above); running the unbundled build\n');
}
