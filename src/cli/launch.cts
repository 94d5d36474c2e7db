// How bin/ctxcheck.js starts the CLI (issue #17: start-up). The CLI runs from one CommonJS
// bundle, dist/cli/main.cjs (scripts/bundle-cli.mjs), compiled with V8's code cache from
// main.cjs.cache, which the build writes after running the CLI on a sample context: a run then
// deserializes compiled code instead of parsing and compiling ~850 kB of JavaScript. Node 20 has
// no compile cache for ES modules (module.enableCompileCache came with Node 22), hence CommonJS
// and vm.Script. Without a bundle (built without esbuild) tsc's modules run as they are; without
// a usable cache V8 compiles as usual. CommonJS itself (bin/ctxcheck.js is too): an ES entry
// module costs a run the start of Node's ES loader, ~7 ms on the 10-file report.
import fs = require('node:fs');
import nodeModule = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

type Main = (argv: readonly string[], out?: NodeJS.WritableStream) => Promise<void>;

/** What became of the code cache: used, refused by V8 (another Node or V8 flags), or none to use. */
type CacheState = 'accepted' | 'rejected' | 'none';

interface LoadedCli {
  main: Main;
  cache: CacheState;
  /** The compiled bundle (the build asks it for the cache to write). */
  script: vm.Script;
}

const BUNDLE = path.join(__dirname, 'main.cjs');
const CACHE_FILE = `${BUNDLE}.cache`;
/**
 * A smaller cache for the listing commands (`ls`, `why`): V8 deserializes all of a cache up front,
 * and `ls` runs a third of what the report does (the report's cache is ~660 kB, the listing one
 * ~280 kB). Any cache made from the same bundle is valid for it; this one only holds less.
 */
const LIST_CACHE_FILE = `${BUNDLE}.ls.cache`;

/** The cache file for a run of the CLI with this argv (see LIST_CACHE_FILE). */
function cacheFileFor(argv: readonly string[]): string {
  const command = argv[2];
  return command === 'ls' || command === 'why' ? LIST_CACHE_FILE : CACHE_FILE;
}

const ID_LINE = /^\/\/ ctxcheck-bundle (\S+)\n/;

/** The build id on the bundle's first line (`// ctxcheck-bundle <id>`), or null. */
function bundleId(source: string): string | null {
  return ID_LINE.exec(source)?.[1] ?? null;
}

/**
 * The cache for the bundle with this id: the file is `<id>\n` then V8's data. V8 checks a cache
 * against the source's length only, so data from another build must never reach it: a stale
 * cache (a rebuild that did not write one) is ignored here.
 */
function readCache(file: string, id: string): Buffer | undefined {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const nl = buf.indexOf(10);
  if (nl < 0 || buf.toString('latin1', 0, nl) !== id) return undefined;
  return buf.subarray(nl + 1);
}

/** The cache file's bytes for this build. */
function cacheBytes(id: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${id}\n`, 'latin1'), data]);
}

/**
 * Compile and run the bundle as a CommonJS module (the loader's wrapper, in strict mode as the ES
 * modules it was bundled from), with cached code when given.
 */
function loadBundle(file: string, source: string, cachedData?: Buffer): LoadedCli {
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {"use strict";${source}\n})`, {
    filename: file,
    // No importModuleDynamically: the bundle has no import() (scripts/bundle-cli.mjs makes them require()).
    ...(cachedData ? { cachedData } : {}),
  });
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dir: string) => void;
  const mod = { exports: {} as { main?: Main } };
  wrapper.call(mod.exports, mod.exports, nodeModule.createRequire(file), mod, file, path.dirname(file));
  if (typeof mod.exports.main !== 'function') throw new Error(`${file}: no main() exported`);
  return { main: mod.exports.main, cache: cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted', script };
}

async function launch(argv: readonly string[]): Promise<void> {
  let source: string;
  try {
    source = fs.readFileSync(BUNDLE, 'utf8');
  } catch {
    // tsc's ES modules (an import() from CommonJS).
    const { main } = (await import('./main.js')) as { main: Main };
    return main(argv);
  }
  const id = bundleId(source);
  const cli = loadBundle(BUNDLE, source, id === null ? undefined : readCache(cacheFileFor(argv), id));
  if (process.env['CTXCHECK_DEBUG_CACHE']) process.stderr.write(`ctxcheck: code cache ${cli.cache}\n`);
  await cli.main(argv);
}

export = { BUNDLE, CACHE_FILE, LIST_CACHE_FILE, cacheFileFor, bundleId, readCache, cacheBytes, loadBundle, launch };
