// Installing the packed tarball as a user would, and running a fresh clone as README's quick
// start says (`npm ci && npx ctxcheck .`). Both use the npm registry (or npm's cache).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTree, removeTree } from '../helpers/tree.js';
import { afterAll } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NPM_ENV = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
const scratch: string[] = [];
afterAll(() => scratch.forEach(removeTree));

describe('the packed tarball, installed', () => {
  let project = '';
  let installLog = '';
  beforeAll(() => {
    const dest = makeTree({});
    project = makeTree({ files: { 'package.json': '{"name":"user-project","version":"1.0.0","private":true}\n' } });
    scratch.push(dest, project);
    // --ignore-scripts: `npm test` has just built dist/; prepack would rebuild it under other tests' feet.
    const name = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dest], { cwd: ROOT, env: NPM_ENV, encoding: 'utf8' }).trim();
    const r = spawnSync('npm', ['install', '--prefer-offline', join(dest, name)], { cwd: project, env: NPM_ENV, encoding: 'utf8', timeout: 300_000 });
    installLog = `${r.stdout}\n${r.stderr}`;
    expect(r.status, installLog).toBe(0);
  }, 320_000);

  it('prints no install-script warning: the published manifest has no install script', () => {
    expect(installLog).not.toMatch(/install-scripts|allowScripts/);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/ctxcheck/package.json'), 'utf8')) as { scripts?: Record<string, string>; dependencies: Record<string, string> };
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts?.[s], s).toBeUndefined();
    expect(manifest.dependencies['pretty-bytes']).toBeUndefined();
  });

  it('the installed bin runs', () => {
    const r = spawnSync(join(project, 'node_modules/.bin/ctxcheck'), ['--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\d+\.\d+\.\d+/);
  });

  it("require('ctxcheck') and import('ctxcheck') give the same library", () => {
    writeFileSync(
      join(project, 'check.cjs'),
      `const c = require('ctxcheck');
       import('ctxcheck').then((m) => {
         console.log(JSON.stringify({ cjs: Object.keys(c).sort(), esm: Object.keys(m).filter((k) => k !== 'default').sort(), inputError: new c.IgnoreFileError('f', 1, 'bad') instanceof c.InputError }));
       });\n`,
    );
    const r = spawnSync(process.execPath, ['check.cjs'], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { cjs: string[]; esm: string[]; inputError: boolean };
    expect(out.cjs).toEqual(out.esm);
    expect(out.cjs).toEqual(expect.arrayContaining(['analyze', 'listContext', 'explain', 'renderSarif', 'parseFailOn', 'applyBaseline']));
    expect(out.inputError).toBe(true);
  });
});

describe('a fresh clone', () => {
  it('`npm ci && npx ctxcheck .` works with nothing built beforehand', () => {
    const parent = makeTree({});
    scratch.push(parent);
    const clone = join(parent, 'ctxcheck');
    execFileSync('git', ['clone', '-q', ROOT, clone]);
    const ci = spawnSync('npm', ['ci', '--prefer-offline'], { cwd: clone, env: NPM_ENV, encoding: 'utf8', timeout: 300_000 });
    expect(ci.status, ci.stderr).toBe(0);
    const r = spawnSync('npx', ['ctxcheck', 'fixtures/shop-api', '--format', 'json'], { cwd: clone, env: { ...NPM_ENV, NO_COLOR: '1' }, encoding: 'utf8', timeout: 300_000 });
    // shop-api has error findings: exit 1, and a report on stdout.
    expect(r.status, r.stderr).toBe(1);
    expect((JSON.parse(r.stdout) as { context: string }).context).toBe('fixtures/shop-api');
  }, 600_000);
});
