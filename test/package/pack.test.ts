// What `npm publish` would ship: the CLI, the compiled library with its types, the report
// schema and the docs; nothing from development (sources, tests, fixtures, benchmarks, CI, maps).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface PackResult {
  name: string;
  files: { path: string; size: number; mode: number }[];
}

let files: string[] = [];

beforeAll(() => {
  // --ignore-scripts: list what is there without running `prepare` (the tests run on a fresh build).
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error', npm_config_update_notifier: 'false' },
    timeout: 120_000,
  });
  const [result] = JSON.parse(out) as PackResult[];
  files = result!.files.map((f) => f.path).sort();
}, 120_000);

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  main: string;
  types: string;
  exports: Record<string, string | Record<string, string>>;
};

describe('npm pack', () => {
  it.each([
    'bin/ctxcheck.js',
    // Makes the shim CommonJS (no ES loader start per run).
    'bin/package.json',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/cli/main.js',
    // The CLI bundle, its code cache and the launcher that joins them (issue #17: start-up).
    'dist/cli/main.cjs',
    'dist/cli/main.cjs.cache',
    'dist/cli/main.cjs.ls.cache',
    'dist/cli/launch.cjs',
    'schema/report.schema.json',
    'schema/prediction.schema.json',
    'README.md',
    'CHANGELOG.md',
    'package.json',
  ])('ships %s', (path) => {
    expect(files).toContain(path);
  });

  it.each([
    ['src/', (p: string) => p.startsWith('src/')],
    ['test/', (p: string) => p.startsWith('test/')],
    ['fixtures/', (p: string) => p.startsWith('fixtures/')],
    ['bench/', (p: string) => p.startsWith('bench/')],
    ['fuzz/', (p: string) => p.startsWith('fuzz/')],
    ['.ci/', (p: string) => p.startsWith('.ci/')],
    ['scripts/', (p: string) => p.startsWith('scripts/')],
    ['source maps', (p: string) => p.endsWith('.map')],
    ['TypeScript sources', (p: string) => p.endsWith('.ts') && !p.endsWith('.d.ts')],
    ['tsconfig / vitest config', (p: string) => /(^|\/)(tsconfig[^/]*\.json|vitest\.config\.[cm]?[jt]s)$/.test(p)],
    ['GitHub action and pre-commit metadata', (p: string) => p === 'action.yml' || p === '.pre-commit-hooks.yaml'],
    ['node_modules', (p: string) => p.includes('node_modules/')],
  ] as [string, (p: string) => boolean][])('ships no %s', (_what, bad) => {
    expect(files.filter(bad)).toEqual([]);
  });

  it('every compiled file comes from a current source (no stale dist/ output)', () => {
    const stale = files
      .filter((p) => p.startsWith('dist/') && (p.endsWith('.js') || p.endsWith('.d.ts')))
      .filter((p) => !existsSync(join(ROOT, 'src', p.slice('dist/'.length).replace(/(\.d)?\.ts$|\.js$/, '') + '.ts')));
    expect(stale, 'rm -rf dist && npm run build').toEqual([]);
  });

  it('everything package.json points at is in the tarball', () => {
    const targets = [
      ...Object.values(pkg.bin),
      pkg.main,
      pkg.types,
      ...Object.values(pkg.exports).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v))),
    ].map((p) => p.replace(/^\.\//, ''));
    for (const t of targets) expect(files, t).toContain(t);
  });
});

describe('package.json exports', () => {
  it('"." has types first, then import', () => {
    const dot = pkg.exports['.'];
    expect(typeof dot).toBe('object');
    const keys = Object.keys(dot as Record<string, string>);
    expect(keys[0]).toBe('types');
    expect((dot as Record<string, string>)['types']).toBe('./dist/index.d.ts');
    expect((dot as Record<string, string>)['import']).toBe('./dist/index.js');
  });

  it('exports the report schema', () => {
    expect(pkg.exports['./schema/report.schema.json']).toBe('./schema/report.schema.json');
  });
});
