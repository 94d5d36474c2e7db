import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitDiffNames, gitLog, gitLsTree, gitPathIn, gitShowFile, gitShowFiles, gitStatus } from '../../src/git.js';
import { classifyChurn } from '../../src/analyzers/churn.js';
import { isolateGitConfig, Repo } from './repo.js';

isolateGitConfig();

describe('gitStatus on a real repository', () => {
  let repo: Repo;
  beforeAll(async () => {
    repo = await Repo.create();
    await repo.commit('init', {
      '.gitignore': 'node_modules/\n*.log\n/app/build/\n',
      'app/Dockerfile': 'FROM alpine\nCOPY . .\n',
      'app/src/main.js': 'x',
      'app/keep.txt': 'x',
      'other/file.txt': 'x',
    });
    repo.write({
      'app/node_modules/a/index.js': 'x',
      'app/node_modules/b/index.js': 'x',
      'app/server.log': 'x',
      'app/src/debug.log': 'x',
      'app/build/out.bin': 'x',
      'app/new-feature.js': 'x',
      'app/drafts/a.md': 'x',
      'app/drafts/b.md': 'x',
      'other/stray.txt': 'x',
      'other/x.log': 'x',
    });
  });
  afterAll(() => repo.cleanup());

  it('lists ignored and untracked paths relative to the context, directories collapsed', async () => {
    const st = await gitStatus(join(repo.dir, 'app'));
    expect(st).not.toBeNull();
    expect(st!.root).toBe(realpathSync(repo.dir));
    expect(st!.prefix).toBe('app/');
    expect([...st!.ignored].sort()).toEqual(['build', 'node_modules', 'server.log', 'src/debug.log']);
    expect([...st!.untracked].sort()).toEqual(['drafts', 'new-feature.js']);
  });

  it('answers membership for files inside collapsed directories', async () => {
    const st = (await gitStatus(join(repo.dir, 'app')))!;
    expect(gitPathIn(st.ignored, 'node_modules/a/index.js')).toBe('node_modules');
    expect(gitPathIn(st.ignored, 'server.log')).toBe('server.log');
    expect(gitPathIn(st.ignored, 'src/main.js')).toBeNull();
    expect(gitPathIn(st.untracked, 'drafts/b.md')).toBe('drafts');
    expect(gitPathIn(st.untracked, 'keep.txt')).toBeNull();
  });

  it('works at the repository root', async () => {
    const st = (await gitStatus(repo.dir))!;
    expect(st.prefix).toBe('');
    expect([...st.ignored].sort()).toEqual(['app/build', 'app/node_modules', 'app/server.log', 'app/src/debug.log', 'other/x.log']);
    expect([...st.untracked].sort()).toEqual(['app/drafts', 'app/new-feature.js', 'other/stray.txt']);
  });

  it("marks the whole context when the context directory itself is ignored", async () => {
    const st = (await gitStatus(join(repo.dir, 'app', 'build')))!;
    expect(st.ignored.has('.')).toBe(true);
    expect(gitPathIn(st.ignored, 'out.bin')).toBe('.');
  });

  it('feeds classifyChurn', async () => {
    const st = (await gitStatus(join(repo.dir, 'app')))!;
    const files = ['Dockerfile', 'src/main.js', 'keep.txt', 'node_modules/a/index.js', 'node_modules/b/index.js', 'server.log', 'build/out.bin', 'new-feature.js', 'drafts/a.md', 'drafts/b.md'].map(
      (path) => ({ path, size: 1 }),
    );
    const groups = classifyChurn(files, { installs: new Set(), git: st });
    expect(groups.map((g) => [g.root, g.kind]).sort()).toEqual([
      ['build', 'build-output'],
      ['drafts', 'git-untracked'],
      ['new-feature.js', 'git-untracked'],
      ['server.log', 'log'],
    ]);
  });

  it('returns null outside a work tree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctxcheck-nogit-'));
    try {
      // A ceiling would hide an enclosing repository; tmpdir() is not inside one here.
      expect(await gitStatus(dir)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('history helpers', () => {
  let repo: Repo;
  const ids: string[] = [];
  beforeAll(async () => {
    repo = await Repo.create();
    ids.push(await repo.commit('first', { 'a.txt': 'one', 'dir/b.txt': 'b' }));
    ids.push(await repo.commit('second: edit a', { 'a.txt': 'two' }));
    repo.remove('dir/b.txt');
    ids.push(await repo.commit('third: move b', { 'dir/c.txt': 'b', 'weird name\twith tab.txt': 'w' }));
  });
  afterAll(() => repo.cleanup());

  it('gitLog: newest first, with parents and subjects', async () => {
    const log = await gitLog(repo.dir, 10);
    expect(log.map((c) => [c.commit, c.parents, c.subject])).toEqual([
      [ids[2], [ids[1]], 'third: move b'],
      [ids[1], [ids[0]], 'second: edit a'],
      [ids[0], [], 'first'],
    ]);
    expect((await gitLog(repo.dir, 2)).map((c) => c.commit)).toEqual([ids[2], ids[1]]);
  });

  it('gitDiffNames: content changes, renames as delete + add', async () => {
    expect(await gitDiffNames(repo.dir, ids[0]!, ids[1]!)).toEqual(['a.txt']);
    expect((await gitDiffNames(repo.dir, ids[1]!, ids[2]!)).sort()).toEqual(['dir/b.txt', 'dir/c.txt', 'weird name\twith tab.txt']);
  });

  it('gitShowFile: bytes at a revision, null when absent or a directory', async () => {
    expect((await gitShowFile(repo.dir, ids[0]!, 'a.txt'))!.toString()).toBe('one');
    expect((await gitShowFile(repo.dir, ids[1]!, 'a.txt'))!.toString()).toBe('two');
    expect(await gitShowFile(repo.dir, ids[2]!, 'dir/b.txt')).toBeNull();
    expect(await gitShowFile(repo.dir, ids[2]!, 'dir')).toBeNull();
  });

  it('gitShowFiles: many files in one batch, same answers as gitShowFile', async () => {
    const got = await gitShowFiles(repo.dir, [
      { rev: ids[0]!, path: 'a.txt' },
      { rev: ids[2]!, path: 'dir/b.txt' },
      { rev: ids[2]!, path: 'dir' },
      { rev: ids[1]!, path: 'a.txt' },
      { rev: ids[2]!, path: 'weird name\twith tab.txt' },
    ]);
    expect(got.map((b) => (b === null ? null : b.toString()))).toEqual(['one', null, null, 'two', 'w']);
  });

  it('gitLsTree: every file under a directory, with modes and ids', async () => {
    const all = await gitLsTree(repo.dir, ids[2]!, '');
    expect(all.map((e) => e.path).sort()).toEqual(['a.txt', 'dir/c.txt', 'weird name\twith tab.txt']);
    const dir = await gitLsTree(repo.dir, ids[0]!, 'dir');
    expect(dir).toHaveLength(1);
    expect(dir[0]).toMatchObject({ path: 'dir/b.txt', mode: '100644', type: 'blob' });
    expect(dir[0]!.oid).toMatch(/^[0-9a-f]{40}$/);
  });
});
