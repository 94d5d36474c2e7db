// Header and archive sizes of the legacy builder's context tar (moby archive.TarWithOptions on
// Go archive/tar with Format = PAX). tarHeaderBytes expectations are the byte counts Go's
// tar.Writer produced for the same headers; the whole-archive totals are the lengths of the tars
// the real docker CLI 28.2.2 uploaded for the same trees.
import { describe, expect, it } from 'vitest';
import { legacyTarSize, tarHeaderBytes, type TarHeaderInput } from '../../src/context/tar-size.js';
import { walkContext, type ContextEntry, tarMeta } from '../../src/context/walk.js';
import { MemoryFS, type MemoryNode } from '../../src/fs/memory-fs.js';
import { Matcher } from '../../src/ignore/matcher.js';
import type { Stat } from '../../src/fs/types.js';

const MTIME = 1_700_000_000;
const hdr = (name: string, opts: Partial<TarHeaderInput> = {}): number =>
  tarHeaderBytes({ name, linkname: '', size: 0, mtime: MTIME, ...opts });
const r = (n: number, c = 'n'): string => c.repeat(n);

describe('tarHeaderBytes: names', () => {
  it('512 for a short ASCII name', () => {
    expect(hdr('a')).toBe(512);
    expect(hdr('dir/')).toBe(512);
  });

  it('512 for a name of exactly 100 bytes, 1536 (PAX) for a 101-byte single component', () => {
    expect(hdr(r(100))).toBe(512);
    expect(hdr(r(101))).toBe(1536);
    expect(hdr(r(99) + '/')).toBe(512);
    // A directory's trailing "/" counts: 100 chars + "/" cannot be split.
    expect(hdr(r(100) + '/')).toBe(1536);
  });

  it('512 for long ASCII paths that split into a ustar prefix (≤155) and name (≤100)', () => {
    expect(hdr(r(40, 'u') + '/' + r(60, 'v'))).toBe(512); // 101 bytes
    expect(hdr('x/' + r(100))).toBe(512);
    expect(hdr(r(155, 'a') + '/' + r(100, 'b'))).toBe(512); // 256 bytes, both fields full
    expect(hdr(r(50) + '/' + r(50) + '/' + r(50) + '/' + r(40, 'f'))).toBe(512);
  });

  it('1536 when no "/" gives a valid split', () => {
    expect(hdr(r(156, 'c') + '/d')).toBe(1536); // prefix would be 156
    expect(hdr(r(154, 's') + '/' + r(101, 't'))).toBe(1536); // name part 101
    expect(hdr(r(155, 'a') + '/')).toBe(1536); // directory: the trailing "/" cannot split
    expect(hdr('/' + r(100))).toBe(1536); // empty prefix is not allowed
  });

  it('PAX for any non-ASCII name, however short', () => {
    expect(hdr('é')).toBe(1536);
    expect(hdr('ü/')).toBe(1536);
    expect(hdr(r(101, 'é'))).toBe(1536);
  });

  it('grows the PAX data in 512-byte blocks', () => {
    // "path" record: len(key) + len(value) + 3 + digits of the total.
    expect(hdr(r(502))).toBe(1536); // 512-byte record
    expect(hdr(r(503))).toBe(2048); // 513-byte record
    expect(hdr(r(200, 'p') + '/' + r(200, 'q') + '/' + r(200, 'r'))).toBe(2048);
    expect(hdr(r(1019))).toBe(2560);
  });
});

describe('tarHeaderBytes: link targets, sizes and times', () => {
  it('PAX "linkpath" for a target over 100 bytes or non-ASCII', () => {
    expect(hdr('l', { linkname: r(100, 't') })).toBe(512);
    expect(hdr('l', { linkname: r(101, 't') })).toBe(1536);
    expect(hdr('l', { linkname: r(50, 'é') })).toBe(1536); // 100 bytes, not ASCII
    expect(hdr('hard', { linkname: 'orig' })).toBe(512);
  });

  it('puts path and linkpath records in one PAX header', () => {
    expect(hdr(r(101), { linkname: r(101, 't') })).toBe(1536);
  });

  it('counts the record length\'s own digits (99 → 101 bytes)', () => {
    // path "é"+89×n (91 bytes) → 101-byte record; linkpath 398 bytes → 412-byte record.
    // 513 bytes of records need two blocks; 512 fit in one.
    expect(hdr('é' + r(89), { linkname: r(398, 't') })).toBe(2048);
    expect(hdr('é' + r(89), { linkname: r(397, 't') })).toBe(1536);
  });

  it('PAX "size" from 8 GiB (11 octal digits hold 2^33 - 1)', () => {
    expect(hdr('big', { size: 2 ** 33 - 1 })).toBe(512);
    expect(hdr('big', { size: 2 ** 33 })).toBe(1536);
    expect(hdr('big', { size: 5 * 2 ** 40 })).toBe(1536);
  });

  it('a split-able long name still goes into the PAX record once PAX is needed', () => {
    expect(hdr(r(60, 'a') + '/' + r(60, 'b'), { size: 2 ** 33 })).toBe(1536);
  });

  it('PAX "mtime" for times before 1970 or from 2242 on', () => {
    expect(hdr('t', { mtime: 0 })).toBe(512);
    expect(hdr('t', { mtime: -1 })).toBe(1536);
    expect(hdr('t', { mtime: 2 ** 33 - 1 })).toBe(512);
    expect(hdr('t', { mtime: 2 ** 33 })).toBe(1536);
  });
});

const stat = (over: Partial<Stat>): Stat => ({
  type: 'file',
  size: 0,
  mode: 0o644,
  mtime: MTIME,
  uid: 0,
  gid: 0,
  nlink: 1,
  ino: 1,
  dev: 1,
  rdev: 0,
  ...over,
});
const entry = (path: string, over: Partial<Stat> = {}, extra: Partial<ContextEntry> = {}): ContextEntry => {
  const st = stat(over);
  return { path, type: st.type, size: st.type === 'dir' ? 0 : st.size, meta: tarMeta(st), ...extra };
};

describe('legacyTarSize', () => {
  it('an empty archive is the two zero blocks of the trailer', () => {
    expect(legacyTarSize([])).toEqual({ bytes: 1024, entries: 0 });
  });

  it('pads file data to 512 bytes', () => {
    expect(legacyTarSize([entry('a', { size: 0 })]).bytes).toBe(512 + 1024);
    expect(legacyTarSize([entry('a', { size: 1 })]).bytes).toBe(1024 + 1024);
    expect(legacyTarSize([entry('a', { size: 512 })]).bytes).toBe(1024 + 1024);
    expect(legacyTarSize([entry('a', { size: 513 })]).bytes).toBe(1536 + 1024);
  });

  it('writes a directory as "name/" without data', () => {
    expect(legacyTarSize([entry(r(100), { type: 'dir', size: 4096 })]).bytes).toBe(1536 + 1024);
    expect(legacyTarSize([entry(r(99), { type: 'dir', size: 4096 })]).bytes).toBe(512 + 1024);
  });

  it('writes a symlink without data, sized by its target', () => {
    expect(legacyTarSize([entry('l', { type: 'symlink', size: 3 }, { linkTarget: 'abc' })]).bytes).toBe(512 + 1024);
    const long = r(101, 't');
    expect(legacyTarSize([entry('l', { type: 'symlink', size: 101 }, { linkTarget: long })]).bytes).toBe(1536 + 1024);
  });

  it('8 GiB file: PAX size record and all the data', () => {
    expect(legacyTarSize([entry('big', { size: 2 ** 33 })])).toEqual({ bytes: 1536 + 2 ** 33 + 1024, entries: 1 });
  });

  it('hard links after the first are link entries without data', () => {
    const es = [entry('a', { size: 700, nlink: 2, ino: 42 }), entry('b', { size: 700, nlink: 2, ino: 42 }), entry('c', { size: 700, ino: 43 })];
    expect(legacyTarSize(es)).toEqual({ bytes: 512 + 1024 + 512 + (512 + 1024) + 1024, entries: 3 });
  });

  it('the link entry uses the first name as its (possibly long) link target', () => {
    const first = r(101, 'o');
    const es = [entry(first, { size: 1, nlink: 2, ino: 7 }), entry('x', { size: 1, nlink: 2, ino: 7 })];
    // first: PAX path + data; link: linkpath record (target over 100 bytes), no data.
    expect(legacyTarSize(es).bytes).toBe(1536 + 512 + 1536 + 1024);
  });

  it('does not treat directories with several links as hard links', () => {
    // Were "e" a link to the first, its link target (102 bytes) would need a PAX header.
    const es = [entry(r(101), { type: 'dir', nlink: 3, ino: 5 }), entry('e', { type: 'dir', nlink: 3, ino: 5 })];
    expect(legacyTarSize(es).bytes).toBe(1536 + 512 + 1024);
  });

  it('skips implicit directories, sockets, unknown types and unstatted entries', () => {
    const es: ContextEntry[] = [
      entry('implicit', { type: 'dir' }, { implicit: true }),
      entry('sock', { type: 'socket' }),
      entry('weird', { type: 'other' }),
      { path: 'nostat', type: 'file', size: 10, meta: null },
      entry('fifo', { type: 'fifo' }),
      entry('chr', { type: 'char', rdev: 0x0103 }),
    ];
    expect(legacyTarSize(es)).toEqual({ bytes: 512 + 512 + 1024, entries: 2 });
  });

  it('uses the lstat mtime for PAX decisions', () => {
    expect(legacyTarSize([entry('old', { mtime: -86400 })]).bytes).toBe(1536 + 1024);
  });
});

describe('legacyTarSize on a walked tree equals the tar docker 28.2.2 sent', () => {
  it('long names, a long and a non-ASCII symlink target, hard links, empty directories', () => {
    const same: MemoryNode = { type: 'file', content: new TextEncoder().encode('hello'), ino: 9001, nlink: 3 };
    const fs = new MemoryFS({
      files: {
        Dockerfile: 'FROM scratch\n',
        [r(200, 'p') + '/' + r(200, 'q') + '/' + r(200, 'r')]: 'x',
        [r(155, 'a') + '/' + r(100, 'b')]: 'x',
        [r(156, 'c') + '/d']: 'y',
        [r(154, 's') + '/' + r(101, 't')]: 'z',
        [r(40, 'u') + '/' + r(60, 'v')]: 'w',
        [r(50, 'o') + '/' + r(30, 'é')]: 'k',
      },
      links: { l1: r(101, 't'), l2: r(50, 'é') },
      dirs: [r(99, 'w'), r(100, 'y')],
      nodes: { orig: same, aa_hard: same, zz_hard: same },
    });
    const w = walkContext({ fs, matcher: Matcher.fromRaw([], 'f'), builder: 'legacy', stat: true });
    expect(legacyTarSize(w.entries)).toEqual({ bytes: 28672, entries: 21 });
  });

  it('a small tree with non-ASCII names', () => {
    const fs = new MemoryFS({ files: { Dockerfile: 'FROM scratch\n', '.dockerignore': '', é: '1', 'ü/ö': '22' } });
    const w = walkContext({ fs, matcher: Matcher.fromRaw([], 'f'), builder: 'legacy', stat: true });
    expect(legacyTarSize(w.entries)).toEqual({ bytes: 8192, entries: 5 });
  });
});
