// The CLI runs from one bundle with V8's code cache (src/cli/launch.cts, scripts/bundle-cli.mjs).
// The build's cache must be used by a plain run, and every way of not having a usable one (none,
// one from another build, corrupt data, no bundle at all) must give the same output, never an
// error. Each case runs a copy of the built package (bin/, dist/, package.json; node_modules
// linked) so that the repository's build is never touched.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/tree.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function packageCopy(): string {
  const dir = writeTree({});
  for (const part of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function run(pkg: string, args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  // NODE_OPTIONS would change V8's flags, and with them whether V8 takes the cache.
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', CTXCHECK_DEBUG_CACHE: '1', NODE_OPTIONS: undefined };
  const r = spawnSync(process.execPath, [join(pkg, 'bin', 'ctxcheck.js'), ...args], { cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const context = (): string =>
  writeTree({
    files: {
      Dockerfile: 'FROM scratch\nCOPY . /app\n',
      '.dockerignore': 'logs\n',
      'app.js': 'console.log(1);\n',
      '.env': `AWS_SECRET_ACCESS_KEY=${'wJalrXUtnFEMI/K7MDENG/bPxRfiCY'}Zq3x8Lm2pQ\n`,
      'logs/a.log': 'x\n',
    },
  });

const CACHE = join('dist', 'cli', 'main.cjs.cache');
const LIST_CACHE = join('dist', 'cli', 'main.cjs.ls.cache');
const stateOf = (stderr: string): string | undefined => /ctxcheck: code cache (\w+)/.exec(stderr)?.[1];

describe('CLI code cache', () => {
  it('the build writes a cache for its own bundle, and a plain run uses it', () => {
    const bundle = readFileSync(join(ROOT, 'dist', 'cli', 'main.cjs'), 'utf8');
    const id = /^\/\/ ctxcheck-bundle (\S+)\n/.exec(bundle)?.[1];
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const cache = readFileSync(join(ROOT, CACHE));
    expect(cache.toString('latin1', 0, cache.indexOf(10))).toBe(id);
    const ctx = context();
    const r = run(ROOT, ['.', '--format', 'json'], ctx);
    expect(r.code).toBe(1); // the .env key fails the default gate
    expect(stateOf(r.stderr)).toBe('accepted');
    // ls and why have their own, smaller cache of the same bundle.
    const list = readFileSync(join(ROOT, LIST_CACHE));
    expect(list.toString('latin1', 0, list.indexOf(10))).toBe(id);
    expect(list.length).toBeLessThan(cache.length);
    const ls = run(ROOT, ['ls', '.'], ctx);
    expect(stateOf(ls.stderr)).toBe('accepted');
    expect(ls.stdout).toBe('.dockerignore\n.env\nDockerfile\napp.js\n');
  });

  it('ls and why take the listing cache, every other command the report one', () => {
    const launch = createRequire(import.meta.url)(join(ROOT, 'dist', 'cli', 'launch.cjs')) as { cacheFileFor(argv: string[]): string };
    const of = (...args: string[]): string => relative(ROOT, launch.cacheFileFor(['node', 'ctxcheck', ...args]));
    expect([of('ls', '.'), of('why', 'a'), of('.'), of(), of('suggest', '.'), of('--help')]).toEqual([LIST_CACHE, LIST_CACHE, CACHE, CACHE, CACHE, CACHE]);
  });

  it.each([
    ['no cache file', (pkg: string) => rmSync(join(pkg, CACHE)), 'none'],
    ['a cache from another build', (pkg: string) => writeFileSync(join(pkg, CACHE), Buffer.concat([Buffer.from('0123456789abcdef01234567\n'), readFileSync(join(pkg, CACHE)).subarray(25)])), 'none'],
    ['corrupt cache data', (pkg: string) => writeFileSync(join(pkg, CACHE), Buffer.concat([readFileSync(join(pkg, CACHE)).subarray(0, 25), Buffer.alloc(4096, 7)])), 'rejected'],
  ])('%s: the same report and exit code, the cache not used', (_what, spoil, state) => {
    const ctx = context();
    const good = run(ROOT, ['.', '--format', 'json'], ctx);
    const pkg = packageCopy();
    spoil(pkg);
    const r = run(pkg, ['.', '--format', 'json'], ctx);
    expect(stateOf(r.stderr)).toBe(state);
    expect(r.code).toBe(good.code);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(good.stdout));
    const ls = run(pkg, ['ls', '.'], ctx);
    expect(ls.stdout).toBe('.dockerignore\n.env\nDockerfile\napp.js\n');
  });

  it('without the bundle, tsc’s modules run the same CLI', () => {
    const ctx = context();
    const good = run(ROOT, ['.', '--format', 'json'], ctx);
    const pkg = packageCopy();
    rmSync(join(pkg, 'dist', 'cli', 'main.cjs'));
    const r = run(pkg, ['.', '--format', 'json'], ctx);
    expect(stateOf(r.stderr)).toBeUndefined();
    expect(r.code).toBe(good.code);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(good.stdout));
  });
});
