// Build step after tsc (`npm run build`): bundle the CLI into one CommonJS file,
// dist/cli/main.cjs, and write V8's code cache for it, dist/cli/main.cjs.cache (issue #17:
// start-up). bin/ctxcheck.js runs the bundle through dist/cli/launch.js, which hands V8 the cache:
// a run then deserializes compiled code instead of loading a hundred-odd modules and compiling
// them. Not shipped; needs the esbuild devDependency.
//
//   node scripts/bundle-cli.mjs
//
// - The entry is src/cli/main.ts. tsc's dist/cli/main.js stays: launch.js runs it when there is
//   no bundle. Modules the CLI imports lazily (`await import()`) are in the bundle, and still run
//   only when imported (the bundler wraps them), so `ls` never runs the analysis.
// - dockerfile-ast (many CommonJS files), cac and picocolors are bundled; the other dependencies
//   (yaml, hcl2json: Compose and Bake only) stay packages, loaded from node_modules as before.
// - import.meta.url in a bundled module becomes the URL that module has in tsc's dist/, so what it
//   finds next to itself (worker scripts run by URL, ../../package.json) is found there.
// - The bundle's first line carries a fresh build id; the cache file starts with the same id, so a
//   cache left from another build is never used (V8 itself only checks the source's length).
// - The caches are trained: scripts/train-code-cache.mjs runs the CLI on a sample context in a
//   fresh process, then asks V8 for the code of everything that ran: the text and JSON report for
//   main.cjs.cache, ls and why for the smaller main.cjs.ls.cache. A failed training leaves no
//   cache; the CLI then compiles as usual.
// - dist/cli-chunks/ (the code-split ES build of earlier versions) is removed.
// The library (dist/index.js and the rest of tsc's output) is left as tsc wrote it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
// Where the bundle and its caches go: the launcher's names (tsc has just compiled it).
const { BUNDLE, CACHE_FILE, LIST_CACHE_FILE } = createRequire(import.meta.url)('../dist/cli/launch.cjs');
/** Packages left to node_modules: loaded only by `--all` (Compose, Bake, HCL). */
const EXTERNAL = ['yaml', '@cdktn/hcl2json', '@cdktf/hcl2json'];
/** Loads dockerfile-ast with createRequire, which a bundler cannot follow: swapped (see below). */
const AST_LOADER = join(SRC, 'dockerfile', 'ast-loader.ts');
/** What import.meta.url becomes in the bundle (set by the banner from the bundle's own path). */
const BUNDLE_URL = '__ctxcheckBundleUrl';

/** Each source module's import.meta.url, as the URL of its compiled file in dist/. */
const ownUrl = {
  name: 'own-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(SRC + sep)) return undefined;
      let text = readFileSync(args.path, 'utf8');
      if (args.path === AST_LOADER) {
        // A plain require() the bundler resolves to its bundled copy, still run on first use.
        const swapped = text.replace("createRequire(import.meta.url)('dockerfile-ast')", "require('dockerfile-ast')");
        if (swapped === text) throw new Error('ast-loader.ts: the require of dockerfile-ast to swap is gone');
        text = swapped;
      } else if (text.includes('import.meta.url')) {
        const compiled = relative(SRC, args.path).split(sep).join('/').replace(/\.ts$/, '.js');
        text = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(`../${compiled}`)}, import.meta.url).href`);
      }
      return { contents: text, loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

export async function bundleCli() {
  rmSync(join(DIST, 'cli-chunks'), { recursive: true, force: true });
  // No cache of an earlier build survives: training writes each one only when it succeeds.
  rmSync(CACHE_FILE, { force: true });
  rmSync(LIST_CACHE_FILE, { force: true });
  const id = randomBytes(12).toString('hex');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [join(SRC, 'cli', 'main.ts')],
    outfile: BUNDLE,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.19',
    tsconfig: join(ROOT, 'tsconfig.json'),
    external: EXTERNAL,
    // No "module" condition: CommonJS code (dockerfile-ast) then requires its dependencies' CommonJS
    // builds, not ES builds that esbuild would re-wrap on every require() (measured: ~5 ms a run).
    conditions: [],
    plugins: [ownUrl],
    define: { 'import.meta.url': BUNDLE_URL },
    // import() becomes require(): the bundle runs as a vm.Script, where import() would need
    // Node's experimental dynamic-import hook (and print its warning).
    supported: { 'dynamic-import': false },
    metafile: true,
    banner: { js: `// ctxcheck-bundle ${id}\nvar ${BUNDLE_URL} = require("node:url").pathToFileURL(__filename).href;` },
    sourcemap: 'linked',
    legalComments: 'eof',
    logLevel: 'warning',
  });
  const left = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path));
  if (left.length > 0) throw new Error(`${BUNDLE}: import() left in the bundle (${left.join(', ')}): it cannot run as a vm.Script`);
  for (const mode of ['report', 'list']) {
    const train = spawnSync(process.execPath, [fileURLToPath(new URL('train-code-cache.mjs', import.meta.url)), mode], { cwd: ROOT, encoding: 'utf8' });
    if (train.status === 0) continue;
    process.stderr.write(`bundle-cli: no ${mode} code cache (training failed: ${(train.stderr || train.error?.message || '').trim()}); the CLI works, compiling at start\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await bundleCli();
}
