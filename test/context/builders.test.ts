// BuildKit semantics that cannot be checked against a live engine here, pinned from
// tonistiigi/fsutil (filter.go) and moby/buildkit dockerui behaviour.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain, listContext, analyze } from '../../src/index.js';
import { writeTree } from '../helpers/tree.js';

const TREE = {
  files: {
    'a.ts': 'x',
    'README.md': 'x',
    'src/b.ts': 'x',
    'src/deep/c.ts': 'x',
    'src/deep/c.js': 'x',
    'k8s/prod/values.yaml': 'x',
    'k8s/dev/values.yaml': 'x',
    Dockerfile: 'FROM scratch\n',
  },
};

const ls = (dir: string, builder: 'buildkit' | 'legacy', extra = {}): Promise<string[]> =>
  listContext({ context: dir, builder, ...extra });

describe('directory pruning: where the builders disagree', () => {
  it('a wildcard exception turns BuildKit pruning off, so nested matches come back', async () => {
    const dir = writeTree({ ...TREE, files: { ...TREE.files, '.dockerignore': '**\n!**/*.ts\n' } });
    expect(await ls(dir, 'buildkit')).toEqual(['a.ts', 'src/b.ts', 'src/deep/c.ts']);
    // The legacy walk prunes src/ (no exception text starts with "src/"): top level only.
    expect(await ls(dir, 'legacy')).toEqual(['.dockerignore', 'Dockerfile', 'a.ts']);
  });

  it('legacy keeps a directory open only for an exception spelled under it', async () => {
    const dir = writeTree({ ...TREE, files: { ...TREE.files, '.dockerignore': 'k8s\n!k8s/*/values.yaml\n' } });
    expect((await ls(dir, 'buildkit')).filter((p) => p.startsWith('k8s'))).toEqual(['k8s/dev/values.yaml', 'k8s/prod/values.yaml']);
    // Legacy walks into k8s/ but prunes k8s/prod and k8s/dev: their parent results say excluded.
    expect((await ls(dir, 'legacy')).filter((p) => p.startsWith('k8s'))).toEqual([]);
  });

  it('a prefix-only exception (trailing /** dropped) lets BuildKit prune everything else', async () => {
    const dir = writeTree({ ...TREE, files: { ...TREE.files, '.dockerignore': '*\n!src/**\n' } });
    expect(await ls(dir, 'buildkit')).toEqual(['src/b.ts', 'src/deep/c.js', 'src/deep/c.ts']);
  });

  it('why explains a pruned directory and names both answers', async () => {
    const dir = writeTree({ ...TREE, files: { ...TREE.files, '.dockerignore': '**\n!**/*.ts\n' } });
    const [e] = await explain(['src/deep/c.ts'], { context: dir });
    expect(e!.disagree).toBe(true);
    expect(e!.verdicts.buildkit).toMatchObject({ included: true, rule: { pattern: '!**/*.ts', line: 2 } });
    expect(e!.verdicts.legacy).toMatchObject({ included: false, prunedAt: 'src', rule: { pattern: '**', line: 1 } });
  });
});

describe('Dockerfile and .dockerignore themselves', () => {
  it('BuildKit leaves them out when excluded; the legacy CLI always sends them', async () => {
    const dir = writeTree({ ...TREE, files: { ...TREE.files, '.dockerignore': '*\n' } });
    expect(await ls(dir, 'buildkit')).toEqual([]);
    expect(await ls(dir, 'legacy')).toEqual(['.dockerignore', 'Dockerfile']);
  });
});

describe('which ignore file is used', () => {
  it('BuildKit prefers <Dockerfile>.dockerignore next to the -f Dockerfile', async () => {
    const dir = writeTree({
      files: {
        ...TREE.files,
        '.dockerignore': 'src\n',
        'build/api.Dockerfile': 'FROM scratch\n',
        'build/api.Dockerfile.dockerignore': 'k8s\nbuild\n',
      },
    });
    const dockerfile = join(dir, 'build/api.Dockerfile');
    const bk = await ls(dir, 'buildkit', { dockerfile });
    expect(bk).toContain('src/b.ts');
    expect(bk.some((p) => p.startsWith('k8s/'))).toBe(false);
    const report = await analyze({ context: dir, dockerfile, cwd: dir });
    expect(report.ignoreFile).toBe('build/api.Dockerfile.dockerignore');
    // The legacy CLI only ever reads <context>/.dockerignore.
    const legacy = await ls(dir, 'legacy', { dockerfile });
    expect(legacy).not.toContain('src/b.ts');
    expect(legacy).toContain('k8s/prod/values.yaml');
    expect((await analyze({ context: dir, dockerfile, cwd: dir, builder: 'legacy' })).ignoreFile).toBe('.dockerignore');
  });

  it('falls back to the context .dockerignore when the per-Dockerfile file is absent', async () => {
    const dir = writeTree({ files: { ...TREE.files, '.dockerignore': 'src\n', 'build/web.Dockerfile': 'FROM scratch\n' } });
    const report = await analyze({ context: dir, dockerfile: join(dir, 'build/web.Dockerfile'), cwd: dir });
    expect(report.ignoreFile).toBe('.dockerignore');
  });

  it('--ignore-file overrides both', async () => {
    const dir = writeTree({ files: { ...TREE.files, '.dockerignore': 'src\n', 'Dockerfile.dockerignore': 'a.ts\n', 'other.ignore': 'k8s\n' } });
    const got = await ls(dir, 'buildkit', { ignoreFile: join(dir, 'other.ignore') });
    expect(got).toContain('src/b.ts');
    expect(got).toContain('a.ts');
    expect(got.some((p) => p.startsWith('k8s/'))).toBe(false);
  });

  it('uses "dockerfile" when there is no "Dockerfile"', async () => {
    const dir = writeTree({ files: { dockerfile: 'FROM scratch\n', 'x.txt': 'x', '.dockerignore': '*\n' } });
    expect((await analyze({ context: dir, cwd: dir })).dockerfile).toBe('dockerfile');
    expect(await ls(dir, 'legacy')).toEqual(['.dockerignore', 'dockerfile']);
  });
});

describe('what is part of the context', () => {
  it('sends symlinks as links, empty dirs, and parents of re-included files', async () => {
    const dir = writeTree({
      files: { 'keep/deep/f.txt': 'x', 'drop/g.txt': 'x', '.dockerignore': 'keep\n!keep/deep/f.txt\n' },
      dirs: ['empty/inner'],
      links: { loop: 'loop', up: '..', out: '/etc' },
    });
    expect(await listContext({ context: dir, dirs: true })).toEqual([
      '.dockerignore',
      'drop/',
      'drop/g.txt',
      'empty/',
      'empty/inner/',
      'keep/',
      'keep/deep/',
      'keep/deep/f.txt',
      'loop',
      'out',
      'up',
    ]);
  });

  it('counts sizes, excluded bytes, and the exact legacy tar length', async () => {
    const dir = writeTree({ files: { 'a.bin': 'x'.repeat(1000), 'b.bin': 'y'.repeat(10), 'skip/c.bin': 'z'.repeat(5000), '.dockerignore': 'skip\n' } });
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    const r = await analyze({ context: dir, cwd: dir });
    expect(r.summary).toEqual({ files: 4, bytes: 1000 + 10 + 5 + 13, tarBytes: 512 + 1024 + 512 + 512 + 512 + 512 + 512 + 512 + 1024, excludedFiles: 1, excludedBytes: 5000, dirs: 0 });
    expect(r.largestFiles[0]).toEqual({ path: 'a.bin', bytes: 1000 });
  });
});
