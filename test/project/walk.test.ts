import { execFile } from 'node:child_process';
import { chmodSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, test } from 'vitest';

import { isDockerfileName } from '../../src/project/names.js';
import { walkTree } from '../../src/project/walk.js';
import { discover } from '../../src/project/index.js';
import { gitInit, tempTrees } from './fixture.js';

const exec = promisify(execFile);
/** Fixture trees, removed after each test. */
const tree = tempTrees().dir;

async function git(dir: string, ...args: string[]): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  await exec('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { env });
}

const SIGNATURE = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag.\n';

describe('Dockerfile names', () => {
  test.each([
    ['Dockerfile', true],
    ['Containerfile', true],
    ['api.Dockerfile', true],
    ['Dockerfile.prod', true],
    ['Containerfile.dev', true],
    ['Dockerfile.dockerignore', false],
    ['api.Dockerfile.dockerignore', false],
    ['Dockerfile.prod.dockerignore', false],
    ['Containerfile.containerignore', false],
    ['.Dockerfile', false],
    ['Dockerfile.', false],
    ['dockerfile', false],
    ['Dockerfiles', false],
    ['MyDockerfile', false],
    ['README.md', false],
  ])('%s → %s', (name, expected) => {
    expect(isDockerfileName(name)).toBe(expected);
  });
});

describe('the walk', () => {
  test('dependency, cache and virtualenv directories are skipped; look-alikes are not', async () => {
    const root = tree({
      'Dockerfile': '',
      'node_modules/a/Dockerfile': '',
      'pkg/node_modules/b/Dockerfile': '',
      'bower_components/c/Dockerfile': '',
      '.venv/Dockerfile': '',
      'py/__pycache__/Dockerfile': '',
      'rust/target/CACHEDIR.TAG': SIGNATURE,
      'rust/target/debug/Dockerfile': '',
      'fake-cache/CACHEDIR.TAG': 'not the signature\n',
      'fake-cache/Dockerfile': '',
      'env/pyvenv.cfg': 'home = /usr/bin\n',
      'env/lib/Dockerfile': '',
      'go/vendor/modules.txt': '# example.com/x v1\n',
      'go/vendor/example.com/x/Dockerfile': '',
      'php/vendor/autoload.php': '<?php\n',
      'php/vendor/acme/Dockerfile': '',
      'tools/vendor/Dockerfile': '',
      '.devcontainer/Dockerfile': '',
      '.git/Dockerfile': '',
    });
    const w = await walkTree(root);
    expect(w.files).toEqual([
      { file: join(root, '.devcontainer/Dockerfile'), kind: 'dockerfile' },
      { file: join(root, 'Dockerfile'), kind: 'dockerfile' },
      { file: join(root, 'fake-cache/Dockerfile'), kind: 'dockerfile' },
      { file: join(root, 'tools/vendor/Dockerfile'), kind: 'dockerfile' },
    ]);
    expect(w.skippedDirs).toEqual(
      ['.venv', 'bower_components', 'env', 'go/vendor', 'node_modules', 'php/vendor', 'pkg/node_modules', 'py/__pycache__', 'rust/target'].map((p) => join(root, p)),
    );
    expect(w.truncated).toBe(false);
    expect(w.errors).toEqual([]);
  });

  test('the entry cap stops the walk and is reported as an error', async () => {
    const root = tree({ 'a/Dockerfile': '', 'b/Dockerfile': '', 'c/Dockerfile': '', 'c/x': '', 'c/y': '' });
    const full = await walkTree(root);
    expect(full.visited).toBe(8); // a b c at the root, then a/ (1), b/ (1), c/ (3)
    expect(full.files).toHaveLength(3);

    const capped = await walkTree(root, { maxEntries: 4 });
    expect(capped.truncated).toBe(true);
    expect(capped.files).toEqual([{ file: join(root, 'a/Dockerfile'), kind: 'dockerfile' }]);
    expect(capped.errors).toEqual([{ file: root, message: 'stopped after 4 directory entries (limit 4): build definitions in directories not reached are missing' }]);

    const d = await discover(root, { env: {}, maxEntries: 4 });
    expect(d.errors).toEqual(capped.errors);
  });

  test('symlinked directories are not followed; symlinked Dockerfiles count; dangling links are ignored', async () => {
    const root = tree({ 'real/Dockerfile': '', 'files/base.Dockerfile': '' });
    symlinkSync(join(root, 'real'), join(root, 'linked'));
    symlinkSync(join(root, 'files/base.Dockerfile'), join(root, 'files/Dockerfile'));
    symlinkSync(join(root, 'missing'), join(root, 'files/Dockerfile.gone'));
    const w = await walkTree(root);
    expect(w.files.map((f) => f.file)).toEqual([join(root, 'files/Dockerfile'), join(root, 'files/base.Dockerfile'), join(root, 'real/Dockerfile')]);
  });

  test('git: ignored directories and files are skipped, tracked files in ignored directories are not, nested repositories use their own rules', async () => {
    const root = tree({
      '.gitignore': 'dist/\nbuild/\n*.local\n',
      'Dockerfile.local': '',
      'Dockerfile': '',
      'dist/Dockerfile': '',
      'build/Dockerfile': '',
      'build/keep/Dockerfile': '',
      'sub/.gitignore': 'out/\n',
      'sub/out/Dockerfile': '',
      'sub/app/Dockerfile': '',
      'nested/.gitignore': 'gen/\n',
      'nested/gen/Dockerfile': '',
      'nested/src/Dockerfile': '',
      'nested/dist/Dockerfile': '',
    });
    await gitInit(root);
    await gitInit(join(root, 'nested'));
    await git(root, 'add', '-f', 'build/keep/Dockerfile');
    await git(root, 'commit', '-q', '-m', 'keep');

    const d = await discover(root, { env: {} });
    expect(d.found.map((f) => f.file)).toEqual(
      // nested/dist is ignored by the outer .gitignore only: the nested repository does not ignore it.
      ['Dockerfile', 'build/keep/Dockerfile', 'nested/dist/Dockerfile', 'nested/src/Dockerfile', 'sub/app/Dockerfile'].map((p) => join(root, p)),
    );
    expect(d.skippedDirs).toEqual(['dist', 'nested/gen', 'sub/out'].map((p) => join(root, p)));
    // build/ holds a tracked file, so git lists its ignored files one by one: the walk enters it.
    expect(d.notes).toEqual([
      { file: join(root, 'Dockerfile.local'), message: 'git ignores this file: not listed' },
      { file: join(root, 'build/Dockerfile'), message: 'git ignores this file: not listed' },
    ]);

    // Walking a subdirectory of the work tree applies the rules of the whole repository.
    const sub = await walkTree(join(root, 'sub'));
    expect(sub.files.map((f) => f.file)).toEqual([join(root, 'sub/app/Dockerfile')]);
    expect(sub.skippedDirs).toEqual([join(root, 'sub/out')]);
    expect(sub.notes).toEqual([]);
  });

  // root reads every directory whatever its mode: only an unprivileged user can see EACCES.
  test.skipIf(process.getuid?.() === 0)('an unreadable directory is an error, and the walk goes on', async () => {
    const root = tree({ 'ok/Dockerfile': '', 'locked/Dockerfile': '' });
    chmodSync(join(root, 'locked'), 0o000);
    try {
      const w = await walkTree(root);
      expect(w.errors).toEqual([{ file: join(root, 'locked'), message: 'cannot read directory: EACCES' }]);
      expect(w.files).toEqual([{ file: join(root, 'ok/Dockerfile'), kind: 'dockerfile' }]);
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
    }
  });
});
