// walkContext on in-memory trees. The legacy expectations are the exact entry lists (and tar
// lengths) that the real docker CLI 28.2.2 sent for the same trees and ignore files; the
// BuildKit ones follow tonistiigi/fsutil's filterFS (excluded directories kept open are sent
// when something inside is re-included).
import { describe, expect, it } from 'vitest';
import { walkContext, type ContextEntry, type WalkResult } from '../../src/context/walk.js';
import { legacyTarSize } from '../../src/context/tar-size.js';
import type { Builder } from '../../src/context/builders.js';
import type { ExcludedCounter } from '../../src/context/excluded-counter.js';
import { MemoryFS, type MemoryNode } from '../../src/fs/memory-fs.js';
import type { ContextFS } from '../../src/fs/types.js';
import { Matcher } from '../../src/ignore/matcher.js';
import { readIgnoreFile } from '../../src/ignore/parse.js';

const enc = new TextEncoder();

function matcherOf(ignore: string, extra: string[] = []): Matcher {
  const rules = readIgnoreFile(enc.encode(ignore), '.dockerignore');
  const m = Matcher.fromRaw(rules, '.dockerignore');
  return extra.length ? m.withExtra(extra.map((text) => ({ text, line: 0, raw: text })), '(cli)') : m;
}

/** Tree the way the docker probe built it: Dockerfile, .dockerignore, files containing "x". */
function dockerTree(files: string[], ignore: string, dirs: string[] = []): MemoryFS {
  const f: Record<string, string> = { Dockerfile: 'FROM scratch\n', '.dockerignore': ignore };
  for (const p of files) f[p] = 'x';
  return new MemoryFS({ files: f, dirs });
}

const sent = (w: WalkResult): string[] => w.entries.toArray().filter((e) => !e.implicit).map((e) => (e.type === 'dir' ? `${e.path}/` : e.path));
const listed = (w: WalkResult): string[] => w.entries.toArray().map((e) => (e.type === 'dir' ? `${e.path}/` : e.path) + (e.implicit ? ' (implicit)' : ''));

interface DockerCase {
  name: string;
  files: string[];
  dirs?: string[];
  ignore: string;
  /** Exceptions the docker CLI appends (TrimBuildFilesFromExcludes). */
  cliExtra?: string[];
  docker: string[];
  bytes: number;
}

const dockerCases: DockerCase[] = [
  {
    name: 'byte order, depth first',
    files: ['a/x', 'a.txt', 'a-b', 'B', '_u', 'é', '\uE000', '\u{1F600}', 'a0'],
    ignore: '',
    docker: ['.dockerignore', 'B', 'Dockerfile', '_u', 'a/', 'a/x', 'a-b', 'a.txt', 'a0', 'é', '\uE000', '\u{1F600}'],
    bytes: 15360,
  },
  {
    name: 'parent results: "a/b" then "!a" keeps a/b out',
    files: ['a/b', 'a/c', 'd/e'],
    ignore: 'a/b\n!a\n',
    docker: ['.dockerignore', 'Dockerfile', 'a/', 'a/c', 'd/', 'd/e'],
    bytes: 6144,
  },
  {
    name: 're-included directory is sent, its excluded parent is not',
    files: ['a/b/y', 'a/c', 'a/b/x'],
    ignore: 'a\n!a/b\n',
    docker: ['.dockerignore', 'Dockerfile', 'a/b/', 'a/b/x', 'a/b/y'],
    bytes: 5632,
  },
  {
    name: 'wildcard exception with a literal prefix',
    files: ['a/b.txt', 'a/c.md', 'a/d/e.txt'],
    ignore: 'a\n!a/*.txt\n',
    docker: ['.dockerignore', 'Dockerfile', 'a/b.txt'],
    bytes: 4096,
  },
  {
    name: 'wildcard exception without a prefix: the excluded directory is pruned',
    files: ['a/b.txt', 'a/c.md', 'a/d/e.txt', 'f.txt'],
    ignore: 'a\n!**/*.txt\n',
    docker: ['.dockerignore', 'Dockerfile', 'f.txt'],
    bytes: 4096,
  },
  {
    name: '"*" with a deep exception',
    files: ['a/b', 'c', 'a/x'],
    ignore: '*\n!a/b\n',
    cliExtra: ['!.dockerignore', '!Dockerfile'],
    docker: ['.dockerignore', 'Dockerfile', 'a/b'],
    bytes: 4096,
  },
  {
    name: 'exclusion after an exception',
    files: ['a/b/c', 'a/b/d'],
    ignore: 'a\n!a/b\na/b/c\n',
    docker: ['.dockerignore', 'Dockerfile', 'a/b/', 'a/b/d'],
    bytes: 4608,
  },
  {
    name: 'chain of kept-open directories',
    files: ['a/x', 'a.txt', 'a-b/y', 'b/c/d', 'b/c/e', 'b/f'],
    ignore: 'b\n!b/c/d\n',
    docker: ['.dockerignore', 'Dockerfile', 'a/', 'a/x', 'a-b/', 'a-b/y', 'a.txt', 'b/c/d'],
    bytes: 8192,
  },
  {
    name: '"foo/**" keeps the directory foo itself',
    files: ['foo/x', 'foo/y/z', 'foobar'],
    dirs: ['foo/empty'],
    ignore: 'foo/**\n',
    docker: ['.dockerignore', 'Dockerfile', 'foo/', 'foobar'],
    bytes: 4608,
  },
  {
    name: '"**/" excludes everything (the CLI re-adds its own files)',
    files: ['a', 'b/c'],
    ignore: '**/\n',
    cliExtra: ['!.dockerignore', '!Dockerfile'],
    docker: ['.dockerignore', 'Dockerfile'],
    bytes: 3072,
  },
  {
    name: '"a/**/" is "a/**": a itself stays',
    files: ['a/x', 'a/y/z', 'ab'],
    ignore: 'a/**/\n',
    docker: ['.dockerignore', 'Dockerfile', 'a/', 'ab'],
    bytes: 4608,
  },
  {
    name: 'node_modules everywhere except one package',
    files: ['node_modules/x', 'web/node_modules/keep/k', 'web/node_modules/other/o', 'web/src/a.ts'],
    ignore: '**/node_modules\n!web/node_modules/keep\n',
    docker: ['.dockerignore', 'Dockerfile', 'web/', 'web/node_modules/keep/', 'web/node_modules/keep/k', 'web/src/', 'web/src/a.ts'],
    bytes: 6656,
  },
  {
    name: 'empty directories are sent',
    files: ['a/b'],
    dirs: ['e', 'a/f', 'g/h'],
    ignore: 'g/h\n',
    docker: ['.dockerignore', 'Dockerfile', 'a/', 'a/b', 'a/f/', 'e/', 'g/'],
    bytes: 6144,
  },
  {
    name: 'top-level-only "*.log" and an excluded directory',
    files: ['x.log', 'keep.log', 'logs/keep.log', 'sub/keep.log', 'sub/y.log'],
    ignore: '*.log\n!keep.log\nlogs\n',
    docker: ['.dockerignore', 'Dockerfile', 'keep.log', 'sub/', 'sub/keep.log', 'sub/y.log'],
    bytes: 6656,
  },
];

describe('walkContext (legacy) sends what docker 28.2.2 sent', () => {
  it.each(dockerCases)('$name', ({ files, dirs, ignore, cliExtra, docker, bytes }) => {
    const w = walkContext({ fs: dockerTree(files, ignore, dirs), matcher: matcherOf(ignore, cliExtra), builder: 'legacy', stat: true });
    expect(sent(w)).toEqual(docker);
    expect(legacyTarSize(w.entries).bytes).toBe(bytes);
    expect(w.problems).toEqual([]);
  });
});

describe('walkContext (buildkit)', () => {
  const run = (c: Pick<DockerCase, 'files' | 'dirs' | 'ignore'>, builder: Builder = 'buildkit'): WalkResult =>
    walkContext({ fs: dockerTree(c.files, c.ignore, c.dirs), matcher: matcherOf(c.ignore), builder });

  it('walks into an excluded directory when an exception has a wildcard, and sends its parents', () => {
    const w = run({ files: ['a/b.txt', 'a/c.md', 'a/d/e.txt', 'f.txt'], ignore: 'a\n!**/*.txt\n' });
    expect(listed(w)).toEqual([
      '.dockerignore',
      'Dockerfile',
      'a/ (implicit)',
      'a/b.txt',
      'a/d/ (implicit)',
      'a/d/e.txt',
      'f.txt',
    ]);
    expect(w.prunedDirs).toBe(0);
  });

  it('legacy prunes the same directory (the builders disagree)', () => {
    const w = run({ files: ['a/b.txt', 'a/c.md', 'a/d/e.txt', 'f.txt'], ignore: 'a\n!**/*.txt\n' }, 'legacy');
    expect(listed(w)).toEqual(['.dockerignore', 'Dockerfile', 'f.txt']);
    expect(w.prunedDirs).toBe(1);
  });

  it('emits each implicit parent once, before the first re-included entry', () => {
    const w = run({ files: ['b/c/d', 'b/c/e', 'b/c/d2', 'b/f'], ignore: 'b\n!b/c/d*\n' });
    expect(listed(w)).toEqual(['.dockerignore', 'Dockerfile', 'b/ (implicit)', 'b/c/ (implicit)', 'b/c/d', 'b/c/d2']);
  });

  it('does not emit an excluded directory when nothing inside comes back', () => {
    const w = run({ files: ['a/x.md', 'a/d/y.md', 'k.txt'], ignore: 'a\n!**/*.txt\n' });
    expect(listed(w)).toEqual(['.dockerignore', 'Dockerfile', 'k.txt']);
  });

  it('prunes with prefix-only exceptions, keeping open only the path to them', () => {
    const w = run({ files: ['a/b/c/d', 'a/b/e', 'a/f', 'x/y'], ignore: 'a\nx\n!a/b/c/**\n' });
    expect(listed(w)).toEqual(['.dockerignore', 'Dockerfile', 'a/ (implicit)', 'a/b/ (implicit)', 'a/b/c/ (implicit)', 'a/b/c/d']);
    expect(w.prunedDirs).toBe(1); // x (a/b/c is kept open, a/f is a file)
  });

  it('"!a/*/**" is prefix-only for buildkit, so it prunes a/b and loses a/b/x', () => {
    // fsutil: patternWithoutTrailingGlob("a/*/**") = "a" has no wildcard; "a/" does not start
    // with "a/b/", so the excluded directory a/b is skipped.
    const w = run({ files: ['a/b/x', 'a/c'], ignore: 'a\n!a/*/**\n' });
    expect(listed(w)).toEqual(['.dockerignore', 'Dockerfile']);
    expect(w.prunedDirs).toBe(1);
  });
});

describe('walkContext: entries', () => {
  const fs = new MemoryFS({
    files: { 'a/f.txt': 'hello', 'b.bin': new Uint8Array(3) },
    dirs: ['empty'],
    links: { 'a/link': '../b.bin' },
    nodes: { fifo: { type: 'fifo' }, sock: { type: 'socket' } },
  });
  const noRules = Matcher.fromRaw([], 'f');

  it('without stat: paths and types from readdir, no sizes', () => {
    const w = walkContext({ fs, matcher: noRules, builder: 'legacy' });
    expect(w.entries.toArray().map((e) => [e.path, e.type, e.size, e.meta])).toEqual([
      ['a', 'dir', 0, null],
      ['a/f.txt', 'file', 0, null],
      ['a/link', 'symlink', 0, null],
      ['b.bin', 'file', 0, null],
      ['empty', 'dir', 0, null],
      ['fifo', 'fifo', 0, null],
      ['sock', 'socket', 0, null],
    ]);
    expect(w.entries.toArray().some((e) => e.linkTarget !== undefined)).toBe(false);
  });

  it('with stat: file sizes, symlink sizes and targets, 0 for directories', () => {
    const w = walkContext({ fs, matcher: noRules, builder: 'legacy', stat: true });
    const byPath = new Map<string, ContextEntry>(w.entries.toArray().map((e) => [e.path, e]));
    expect(byPath.get('a/f.txt')?.size).toBe(5);
    expect(byPath.get('b.bin')?.size).toBe(3);
    expect(byPath.get('a/link')?.size).toBe(8); // "../b.bin"
    expect(byPath.get('a/link')?.linkTarget).toBe('../b.bin');
    expect(byPath.get('a')?.size).toBe(0);
    expect(byPath.get('empty')?.type).toBe('dir');
    expect(byPath.get('empty')?.meta).not.toBeNull();
  });

  it('does not follow a symlink to a directory', () => {
    const t = new MemoryFS({ files: { 'd/x': 'x' }, links: { l: 'd' } });
    const w = walkContext({ fs: t, matcher: noRules, builder: 'buildkit' });
    expect(w.entries.toArray().map((e) => e.path)).toEqual(['d', 'd/x', 'l']);
  });

  it('reports nothing excluded without rules', () => {
    const w = walkContext({ fs, matcher: noRules, builder: 'buildkit' });
    expect(w.prunedDirs).toBe(0);
    expect(w.ruleHits).toEqual([]);
  });
});

describe('walkContext: what is left out', () => {
  const fs = new MemoryFS({
    files: {
      'node_modules/a/index.js': '12345',
      'node_modules/b.js': '123',
      'src/app.ts': 'x',
      'src/app.log': '1234567',
      'debug.log': '12',
    },
  });

  /** Records the calls the walk makes on its excluded-entries counter. */
  function recorder(): { counter: ExcludedCounter; files: string[]; dirs: string[] } {
    const files: string[] = [];
    const dirs: string[] = [];
    const counter: ExcludedCounter = {
      file: (p) => files.push(p),
      dir: (p) => dirs.push(p),
      finish: () => Promise.resolve({ files: files.length, bytes: 0 }),
    };
    return { counter, files, dirs };
  }

  it('hands excluded files and pruned directories to the counter', () => {
    const rec = recorder();
    const w = walkContext({ fs, matcher: matcherOf('node_modules\n**/*.log\n'), builder: 'legacy', excluded: rec.counter });
    expect(sent(w)).toEqual(['src/', 'src/app.ts']);
    expect(w.prunedDirs).toBe(1);
    expect(rec.dirs).toEqual(['node_modules']);
    expect(rec.files).toEqual(['debug.log', 'src/app.log']);
  });

  it('does not hand over excluded entries inside a kept-open directory twice', () => {
    const rec = recorder();
    const w = walkContext({ fs, matcher: matcherOf('node_modules\n!node_modules/b.js\n'), builder: 'legacy', excluded: rec.counter });
    expect(sent(w)).toEqual(['debug.log', 'node_modules/b.js', 'src/', 'src/app.log', 'src/app.ts']);
    expect(w.prunedDirs).toBe(1); // node_modules/a
    expect(rec.dirs).toEqual(['node_modules/a']);
    expect(rec.files).toEqual([]);
  });

  it('counts, per rule, the paths it decided', () => {
    const w = walkContext({ fs, matcher: matcherOf('node_modules\n**/*.log\n!src/app.log\n'), builder: 'buildkit' });
    // node_modules → rule 0; debug.log → rule 1; src/app.log is decided by the exception
    // (the last rule that matched), not by rule 1.
    expect(w.ruleHits).toEqual([1, 1, 1]);
    expect(sent(w)).toEqual(['src/', 'src/app.log', 'src/app.ts']);
  });
});

describe('walkContext: problems', () => {
  const noRules = Matcher.fromRaw([], 'f');

  it('reports an unreadable included directory and goes on', () => {
    const fs = new MemoryFS({ files: { 'z/ok': 'x' }, nodes: { locked: { type: 'dir', readable: false } } });
    const w = walkContext({ fs, matcher: noRules, builder: 'legacy' });
    expect(w.problems).toEqual([{ kind: 'unreadable-dir', path: 'locked', code: 'EACCES' }]);
    expect(sent(w)).toEqual(['locked/', 'z/', 'z/ok']);
  });

  it('never reads a pruned directory', () => {
    const fs = new MemoryFS({ nodes: { locked: { type: 'dir', readable: false } } });
    const w = walkContext({ fs, matcher: matcherOf('locked\n'), builder: 'legacy' });
    expect(w.problems).toEqual([]);
    expect(w.prunedDirs).toBe(1);
  });

  it('tolerates an unreadable excluded directory that is kept open', () => {
    const fs = new MemoryFS({ nodes: { locked: { type: 'dir', readable: false } } });
    const w = walkContext({ fs, matcher: matcherOf('locked\n!locked/keep\n'), builder: 'legacy' });
    expect(w.problems).toEqual([]);
    expect(w.entries.toArray()).toEqual([]);
  });

  it('reports an unreadable included file when statting', () => {
    const fs = new MemoryFS({ nodes: { secret: { type: 'file', readable: false, content: new Uint8Array(4) } } });
    const w = walkContext({ fs, matcher: noRules, builder: 'legacy', stat: true });
    expect(w.problems).toEqual([{ kind: 'unreadable-file', path: 'secret', code: 'EACCES' }]);
    expect(sent(w)).toEqual(['secret']);
  });

  it('ignores an unreadable excluded file', () => {
    const fs = new MemoryFS({ nodes: { secret: { type: 'file', readable: false } } });
    const w = walkContext({ fs, matcher: matcherOf('secret\n'), builder: 'legacy', stat: true });
    expect(w.problems).toEqual([]);
  });
});

describe('walkContext: progress', () => {
  it('reports progress every 16384 entries, and the total once at the end', () => {
    const nodes: Record<string, MemoryNode> = {};
    for (let i = 0; i < 16384 + 5; i++) nodes[`f${i}`] = { type: 'file', size: 0 };
    const calls: number[] = [];
    walkContext({ fs: new MemoryFS({ nodes }), matcher: Matcher.fromRaw([], 'f'), builder: 'legacy', onProgress: (n) => calls.push(n) });
    expect(calls).toEqual([16384, 16389]);
  });
});

describe('walkContext: deep trees', () => {
  it('walks 10,000 levels without recursion', () => {
    const DEPTH = 10_000;
    // A chain d/d/d/.../f served without building the paths up front.
    const depthOf = (p: string): number => (p === '.' ? 0 : (p.length + 1) / 2);
    const deepFs: ContextFS = {
      readdir: (p) => (depthOf(p) < DEPTH ? [{ name: 'd', type: 'dir' }] : [{ name: 'f', type: 'file' }]),
      lstat: () => {
        throw new Error('not used');
      },
      readlink: () => '',
      readFile: () => new Uint8Array(0),
      canRead: () => true,
    };
    const w = walkContext({ fs: deepFs, matcher: matcherOf('**/f\n'), builder: 'buildkit' });
    expect(w.entries).toHaveLength(DEPTH);
    expect(w.entries.toArray().at(-1)?.path).toBe(Array.from({ length: DEPTH }, () => 'd').join('/'));
    expect(w.entries.toArray().every((e) => e.type === 'dir')).toBe(true);
  });
});
