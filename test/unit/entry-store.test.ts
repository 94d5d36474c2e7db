// The compact walk record: every question the analyses ask of it (path of an entry, entry of a
// path, children, subtree file sets) must give what a plain list of the same walk gives.
import { describe, expect, it } from 'vitest';
import { walkContext, type WalkResult } from '../../src/context/walk.js';
import { EntryStore } from '../../src/context/entry-store.js';
import { sortedPaths } from '../../src/context/list.js';
import { indexFromPaths, copiedFiles } from '../../src/dockerfile/copy-sources.js';
import type { CopyLike } from '../../src/dockerfile/model.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { MemoryFS } from '../../src/fs/memory-fs.js';
import { Matcher } from '../../src/ignore/matcher.js';
import { readIgnoreFile } from '../../src/ignore/parse.js';
import { compareBytes } from '../../src/paths.js';

const enc = new TextEncoder();

function walk(files: Record<string, string>, ignore = '', builder: 'buildkit' | 'legacy' = 'buildkit'): WalkResult {
  const fs = new MemoryFS({ files });
  const matcher = Matcher.fromRaw(readIgnoreFile(enc.encode(ignore), '.dockerignore'), '.dockerignore');
  return walkContext({ fs, matcher, builder, stat: true, stopOnMatchError: builder === 'legacy' });
}

/** A tree with a wide directory (binary-searched), deep paths, look-alike names and byte-order traps. */
function tricky(): Record<string, string> {
  const files: Record<string, string> = {
    'a.txt': '1',
    'a/b/c.txt': '22',
    'a/b.txt': '333',
    'a-b/x': '4444',
    'é/ü/ñ.txt': '55555',
    'z/😀/y': '6',
    'z/\uffff': '7',
    'deep/1/2/3/4/5/6/7/8/9/leaf': '88',
  };
  for (let i = 0; i < 300; i++) files[`wide/f${String(i).padStart(3, '0')}`] = 'w'.repeat(i % 7);
  for (let i = 0; i < 70; i++) files[`wide/d${i}/in`] = 'd';
  return files;
}

describe('EntryStore', () => {
  it('rebuilds every path, type and size, and finds every entry by path', () => {
    const w = walk(tricky());
    const list = w.entries.toArray();
    const ref = indexFromPaths(list);
    expect(list.length).toBe(w.entries.length);
    list.forEach((e, i) => {
      expect(w.entries.path(i)).toBe(e.path);
      expect(w.entries.indexOf(e.path)).toBe(i);
      expect(w.entries.get(e.path)).toBe(ref.get(e.path));
    });
    const dirs = ['.', ...list.filter((e) => e.type === 'dir').map((e) => e.path)];
    for (const d of dirs) expect(w.entries.children(d)).toEqual(ref.children(d));
    expect(w.entries.children('wide')).toHaveLength(370);
    expect(w.entries.get('wide/d69/in')).toBe('file');
  });

  it('answers undefined for what the walk did not send, however it is spelt', () => {
    const w = walk(tricky(), 'a/b\n');
    for (const p of ['a/b', 'a/b/c.txt', 'nope', 'a.txt/x', 'wide/f999', 'wide/f00', 'wide/', 'a//b.txt', 'deep/1/2/3/4/5/6/7/8/9/leaf/x']) {
      expect(w.entries.indexOf(p), p).toBeUndefined();
      expect(w.entries.get(p), p).toBeUndefined();
    }
    expect(w.entries.get('a/b.txt')).toBe('file');
    expect(w.entries.get('.')).toBe('dir');
    expect(w.entries.children('a.txt')).toEqual([]);
  });

  it('records implicit parents of re-included files where BuildKit sends them', () => {
    const w = walk({ 'logs/keep/me.txt': 'k', 'logs/drop.txt': 'd', 'x.txt': 'x' }, 'logs\n!logs/keep/me.txt\n');
    const list = w.entries.toArray();
    expect(list.map((e) => [e.path, e.implicit === true])).toEqual([
      ['logs', true],
      ['logs/keep', true],
      ['logs/keep/me.txt', false],
      ['x.txt', false],
    ]);
    expect(w.entries.end(w.entries.indexOf('logs')!)).toBe(3);
    expect(w.entries.children('logs')).toEqual(['keep']);
  });

  it('keeps COPY file sets as marks and agrees with a Set of paths', () => {
    const files = tricky();
    const w = walk(files, 'deep/1/2/3/4/5\n');
    const plain = indexFromPaths(w.entries.toArray());
    const copies = [
      'COPY . /app',
      'COPY wide /w',
      'COPY a a.txt z/😀 /x/',
      'COPY --exclude=*.txt --exclude=wide/f1* . /x',
      'COPY wide/d1* /x/',
      'COPY --parents ./a/./b /x/',
    ];
    for (const line of copies) {
      const instr = parseDockerfile(`FROM scratch\n${line}\n`).stages[0]!.instructions[0] as CopyLike;
      const compact = copiedFiles(instr, w.entries);
      const ref = copiedFiles(instr, plain);
      expect(compact).not.toBeInstanceOf(Set);
      expect(ref).toBeInstanceOf(Set);
      expect([...compact].sort(compareBytes), line).toEqual([...ref].sort(compareBytes));
      expect(compact.size, line).toBe(ref.size);
      for (const p of ['a.txt', 'a/b/c.txt', 'wide/f010', 'wide/d1/in', 'z/😀/y', 'missing', 'a']) expect(compact.has(p), `${line}: ${p}`).toBe(ref.has(p));
      const bytes = [...ref].reduce((n, p) => n + (files[p]?.length ?? 0), 0);
      expect(compact.bytes?.(), line).toBe(bytes);
    }
  });

  it('finds every name in a wide directory of mixed scripts, astral characters and raw bytes', () => {
    // The walk sorts siblings in byte order and lookups binary-search that order: both must
    // agree for names JS would order differently (astral vs U+E000-U+FFFF, lone surrogates
    // standing for non-UTF-8 bytes).
    let seed = 11;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const pieces = ['a', 'Z', '-', '.', '_', 'é', 'ß', '\ue000', '\uffff', '😀', '𝄞', '\udc80', '\udcff', ' ', '0'];
    const files: Record<string, string> = {};
    for (let k = 0; k < 3000; k++) {
      let name = '';
      for (let n = 1 + rnd(5); n > 0; n--) name += pieces[rnd(pieces.length)];
      if (name === '.' || name === '..') continue;
      files[`wide/${name}`] = 'x';
    }
    const w = walk(files);
    for (let i = 0; i < w.entries.length; i++) expect(w.entries.indexOf(w.entries.path(i))).toBe(i);
    expect(w.entries.children('wide').length).toBe(new Set(Object.keys(files)).size);
  });

  it('holds 800k entries in columns and finds them by path', () => {
    // The store alone, filled as a walk fills it (siblings in byte order). Peak memory of whole
    // runs is measured by `npm run bench`.
    const store = new EntryStore(false);
    const dir = store.push(-1, 'x', 'x', 'dir', 0, null);
    for (let i = 0; i < 800_000; i++) store.push(dir, `n${String(i).padStart(6, '0')}`, '', 'file', i, null);
    store.close(dir);
    expect(store.length).toBe(800_001);
    expect(store.size(store.indexOf('x/n799999')!)).toBe(799_999);
    expect(store.indexOf('x/n000000')).toBe(1);
    expect(store.indexOf('x/n800000')).toBeUndefined();
    expect(store.path(12_346)).toBe('x/n012345');
    expect(store.children('x')).toHaveLength(800_000);
  });
});

describe('sortedPaths', () => {
  it('lists whole paths in byte order, one at a time, for both builders, with and without directories', async () => {
    const files = { ...tricky(), 'a!/x': '1', 'a0': '2', 'ab/c': '3', 'a/!': '4', 'z/😀x': '5', 'z/\ue000': '6' };
    for (const builder of ['buildkit', 'legacy'] as const) {
      const w = walk(files, 'deep/1/2\n!deep/1/2/3/4\n', builder);
      for (const dirs of [false, true]) {
        const expected = w.entries
          .toArray()
          .filter((e) => dirs || e.type !== 'dir')
          // The legacy tar has no header for an excluded parent entered only for a re-included path.
          .filter((e) => !(builder === 'legacy' && e.type === 'dir' && e.implicit))
          .map((e) => (e.type === 'dir' ? `${e.path}/` : e.path))
          .sort(compareBytes);
        expect([...sortedPaths(w.entries, { dirs, builder })]).toEqual(expected);
      }
    }
  });
});
