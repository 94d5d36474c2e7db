// Issue #17 (start-up): a command loads only what it uses. `ctxcheck ls` must not load the
// analysis (report pipeline, secret detectors, reporters) nor dockerfile-ast; the report loads
// them. Checked by recording every module the built CLI loads: ES modules through a loader hook,
// CommonJS ones from require's cache at exit. For a bundled chunk, what it holds is read from
// esbuild's `// src/…` and `// node_modules/…` markers.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/tree.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'ctxcheck.js');

/** The source modules a CLI run loaded (src/… and node_modules/<package>), sorted. */
function loadedModules(args: string[], cwd: string): { code: number | null; modules: string[] } {
  const probeDir = writeTree({});
  const log = join(probeDir, 'loaded.txt');
  writeFileSync(log, '');
  const hooks = join(probeDir, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`);
  const probe = join(probeDir, 'probe.mjs');
  writeFileSync(
    probe,
    `import { register, createRequire } from 'node:module';\nimport { appendFileSync } from 'node:fs';\nimport { pathToFileURL } from 'node:url';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\nconst cache = createRequire(import.meta.url).cache;\nprocess.on('exit', () => appendFileSync(${JSON.stringify(log)}, Object.keys(cache).map((f) => pathToFileURL(f).href + '\\n').join('')));\n`,
  );
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(probe).href, BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  const modules = new Set<string>();
  for (const url of readFileSync(log, 'utf8').split('\n')) {
    if (!url.startsWith('file:')) continue;
    const file = fileURLToPath(url);
    const rel = relative(ROOT, file).split('\\').join('/');
    if (rel.startsWith('..') || rel.startsWith('bin/')) continue;
    const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel);
    if (pkg) {
      modules.add(`node_modules/${pkg[1]}`);
      continue;
    }
    if (rel.startsWith('dist/cli-chunks/') || rel === 'dist/cli/main.js') {
      // A bundled file: what it holds, from esbuild's path comments.
      for (const m of readFileSync(file, 'utf8').matchAll(/^\/\/ (src\/\S+|node_modules\/((?:@[^/]+\/)?[^/\s]+))/gm)) modules.add(m[2] ? `node_modules/${m[2]}` : m[1]!);
    } else if (rel.startsWith('dist/')) {
      modules.add(`src/${rel.slice('dist/'.length).replace(/\.js$/, '.ts')}`);
    }
  }
  return { code: r.status, modules: [...modules].sort() };
}

// The secret rules' registry (rules.ts) is not analysis: the config's allow entries are checked against it.
const ANALYSIS = [/^src\/pipeline\/report\.ts$/, /^src\/analyzers\/secrets\/(?!rules\.ts$)/, /^src\/report\/(text|json|sarif|markdown|github)\.ts$/, /^node_modules\/dockerfile-ast$/];
const analysisIn = (modules: string[]): string[] => modules.filter((m) => ANALYSIS.some((re) => re.test(m)));

describe('what each command loads', () => {
  // A fresh tree per test (temp trees are removed after each).
  const context = (): string => writeTree({ files: { Dockerfile: 'FROM scratch\nCOPY . /app\n', '.dockerignore': 'logs\n', 'app.js': 'x\n', 'logs/a.log': 'y\n' } });

  it('ctxcheck ls loads neither the analysis nor dockerfile-ast', () => {
    const r = loadedModules(['ls', '.'], context());
    expect(r.code).toBe(0);
    expect(r.modules).toContain('src/context/walk.ts');
    expect(analysisIn(r.modules)).toEqual([]);
  });

  it('the report loads them (the probe sees what it must not see in ls)', () => {
    const r = loadedModules(['.', '--format', 'json'], context());
    expect(r.code).toBe(0);
    expect(analysisIn(r.modules).length).toBeGreaterThanOrEqual(4);
    expect(r.modules).toContain('node_modules/dockerfile-ast');
  });
});
