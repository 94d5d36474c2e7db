// Optional HCL support for Bake files.
//
// Bake's HCL is read through hcl2json (HashiCorp's HCL v2 parser compiled to WebAssembly), which
// turns a file into JSON without evaluating expressions: `target "web" { ... }` becomes
// `{ target: { web: [ {...} ] } }` and every non-literal expression is kept as a "${...}" string.
// The package is an optional dependency: `@cdktn/hcl2json` (the maintained CDK Terrain fork) or
// `@cdktf/hcl2json` (HashiCorp's, archived in December 2025). It is loaded with a computed
// specifier, so ctxcheck compiles and runs without it; HCL files are then reported as errors.
import type { HclParser } from './types.js';

const CANDIDATES = ['@cdktn/hcl2json', '@cdktf/hcl2json'];

let loading: Promise<HclParser | null> | undefined;

/** The installed hcl2json parser, or null when none is installed. Loaded once. */
export function loadHclParser(): Promise<HclParser | null> {
  loading ??= (async () => {
    for (const spec of CANDIDATES) {
      try {
        const mod = (await import(spec)) as { parse?: unknown; default?: { parse?: unknown } };
        const parse = typeof mod.parse === 'function' ? mod.parse : mod.default?.parse;
        if (typeof parse === 'function') {
          const fn = parse as (file: string, text: string) => Promise<unknown>;
          return (file: string, text: string) => fn(file, text);
        }
      } catch {
        // not installed (or broken): try the next one
      }
    }
    return null;
  })();
  return loading;
}

/** Line of an hcl2json error message ("parse config: [file.hcl:12,3-8: Summary; Detail]"), if any. */
export function hclErrorLine(message: string): number | undefined {
  const m = /:(\d+),\d+(?:-\d+(?:,\d+)?)?:/.exec(message);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}
