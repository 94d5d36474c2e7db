// Build step after tsc (`npm run build`): bundle the CLI into dist/cli/main.js, so that a run
// loads a handful of files instead of a hundred-odd modules one by one (issue #17: a full report
// on a small context within 2x of `node -e 0`). Not shipped; needs the esbuild devDependency.
//
//   node scripts/bundle-cli.mjs
//
// - The entry is src/cli/main.ts; the output replaces tsc's dist/cli/main.js (the module
//   bin/ctxcheck.js imports). Without this step that file is tsc's and works the same, slower.
// - Modules the CLI imports lazily (`await import()`) stay lazy: they become chunks in
//   dist/cli-chunks/, loaded only by the commands that need them. The directory is emptied first,
//   so no chunk of an earlier build is left to ship.
// - cac and picocolors are bundled; dockerfile-ast (many CommonJS files) is bundled on its own into
//   dist/cli-chunks/dockerfile-ast.cjs, required when a Dockerfile is first parsed (not by `ls`);
//   the other dependencies (yaml, hcl2json: Compose and Bake only) stay packages, imported from
//   node_modules as before.
// - import.meta.url in a bundled module becomes the URL that module has in tsc's dist/, so what it
//   finds next to itself (worker scripts run by URL, ../../package.json) is found there. Every
//   output file sits one directory below dist/, so one relative path serves entry and chunks.
// The library (dist/index.js and the rest of tsc's output) is left as tsc wrote it.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
const CHUNKS = 'cli-chunks';
/** Packages left to node_modules: loaded only by `--all` (Compose, Bake, HCL). */
const EXTERNAL = ['yaml', '@cdktn/hcl2json', '@cdktf/hcl2json'];
/** Loads dockerfile-ast with createRequire, which a bundler cannot follow: swapped (see above). */
const AST_LOADER = join(SRC, 'dockerfile', 'ast-loader.ts');
/** dockerfile-ast and its dependencies as one CommonJS file in dist/cli-chunks/ (the swapped loader requires it). */
const AST_BUNDLE = 'dockerfile-ast.cjs';

/** Each source module's import.meta.url, as the URL of its compiled file in dist/. */
const ownUrl = {
  name: 'own-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(SRC + sep)) return undefined;
      let text = readFileSync(args.path, 'utf8');
      if (args.path === AST_LOADER) {
        // Without a preload (ast-preload.ts), the copy bundled into one CommonJS file next to the
        // chunks (AST_BUNDLE) is required on first use: in a chunk of its own it would make every
        // command compile its 300 kB.
        text = text.replace("createRequire(import.meta.url)('dockerfile-ast')", `createRequire(import.meta.url)('./${AST_BUNDLE}')`);
        if (!text.includes(AST_BUNDLE)) throw new Error('ast-loader.ts: the require of dockerfile-ast to swap is gone');
      } else if (text.includes('import.meta.url')) {
        const compiled = relative(SRC, args.path).split(sep).join('/').replace(/\.ts$/, '.js');
        text = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(`../${compiled}`)}, import.meta.url).href`);
      }
      return { contents: text, loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

export async function bundleCli() {
  rmSync(join(DIST, CHUNKS), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { 'cli/main': join(SRC, 'cli', 'main.ts') },
    outdir: DIST,
    chunkNames: `${CHUNKS}/[name]-[hash]`,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    tsconfig: join(ROOT, 'tsconfig.json'),
    external: EXTERNAL,
    // No "module" condition: CommonJS code (dockerfile-ast) then requires its dependencies' CommonJS
    // builds, not ES builds that esbuild would re-wrap on every require() (measured: ~5 ms a run).
    conditions: [],
    plugins: [ownUrl],
    sourcemap: 'linked',
    legalComments: 'eof',
    logLevel: 'warning',
    metafile: true,
  });
  // dockerfile-ast in one file, loaded by the swapped ast-loader when a Dockerfile is parsed:
  // the forty-odd files of the package and its language-server dependencies in one read.
  await build({
    absWorkingDir: ROOT,
    stdin: { contents: "module.exports = require('dockerfile-ast');", resolveDir: ROOT, loader: 'js' },
    outfile: join(DIST, CHUNKS, AST_BUNDLE),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.19',
    conditions: [],
    legalComments: 'eof',
    logLevel: 'warning',
  });
  // A require() left for run time would throw in an ES module: every one must have been bundled.
  for (const [file, out] of Object.entries(result.metafile.outputs)) {
    const left = out.imports.filter((i) => i.kind === 'require-call' && i.external);
    if (left.length) throw new Error(`${file}: require() of ${left.map((i) => i.path).join(', ')} left unbundled`);
  }
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await bundleCli();
}
