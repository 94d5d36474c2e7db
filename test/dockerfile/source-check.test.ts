// How each builder resolves a COPY source on the daemon side (source-check.ts). The same
// behaviours are judged by a real engine in test/engine/copy-verdicts.test.ts; these tests pin
// them where no engine runs.
import { describe, expect, it } from 'vitest';
import { indexFromPaths } from '../../src/dockerfile/copy-sources.js';
import { checkBuildkitSource, checkLegacySource, legacySourcePath, resolveInContext, type SourceView } from '../../src/dockerfile/source-check.js';

function view(files: string[], links: Record<string, string> = {}, dirs: string[] = [], transferred?: (d: string) => boolean): SourceView {
  const index = indexFromPaths([
    ...files.map((path) => ({ path, type: 'file' })),
    ...dirs.map((path) => ({ path, type: 'dir' })),
    ...Object.keys(links).map((path) => ({ path, type: 'symlink' })),
  ]);
  return { sent: index, readlink: (p) => links[p] ?? null, ...(transferred ? { transferred } : {}) };
}

describe('symlinks are followed inside the context (containerd fs.RootPath, moby FollowSymlinkInScope)', () => {
  it('an absolute target starts at the context root, ".." stops there', () => {
    const v = view(['etc/hostname', 'a'], { abs: '/etc/hostname', up: '../../../../a', out: '/etc/passwd' });
    expect(resolveInContext('abs', v)).toMatchObject({ ok: true, path: 'etc/hostname' });
    expect(resolveInContext('up', v)).toMatchObject({ ok: true, path: 'a' });
    expect(resolveInContext('out', v)).toMatchObject({ ok: false, failure: { kind: 'absent', path: 'etc/passwd', via: [{ link: 'out', target: '/etc/passwd' }] } });
  });

  it('a relative target is resolved from the link’s directory; a directory link is walked through', () => {
    const v = view(['d/f', 'x/y'], { 'x/l': '../d', ld: 'd' });
    expect(resolveInContext('x/l/f', v)).toMatchObject({ ok: true, path: 'd/f' });
    expect(resolveInContext('ld/f', v)).toMatchObject({ ok: true, path: 'd/f' });
    expect(resolveInContext('ld/nope', v)).toMatchObject({ ok: false, failure: { kind: 'absent', path: 'd/nope' } });
  });

  it('a loop and a path through a file fail', () => {
    const v = view(['a'], { l1: 'l2', l2: 'l1' });
    expect(resolveInContext('l1', v)).toMatchObject({ ok: false, failure: { kind: 'loop' } });
    expect(resolveInContext('a/b', v)).toMatchObject({ ok: false, failure: { kind: 'not-dir', path: 'a' } });
  });
});

describe('BuildKit sources', () => {
  it('are cleaned into the context: "../a" and "/a" are "a"', () => {
    const v = view(['a']);
    for (const src of ['../a', '/a', 'd/../../a', './a', 'a/.']) expect(checkBuildkitSource(src, v, false).failure, src).toBeNull();
  });

  it('a dangling or excluded link target fails; a link inside a copied directory is not followed', () => {
    const v = view(['d/f'], { l: 'nothere', 'd/l': 'nothere' });
    expect(checkBuildkitSource('l', v, false).failure).toMatchObject({ kind: 'absent', path: 'nothere' });
    expect(checkBuildkitSource('d', v, false).failure).toBeNull();
  });

  it('an empty wildcard is no error, unless its directory is missing or not transferred (moby/buildkit#2933)', () => {
    expect(checkBuildkitSource('*.nomatch', view(['a']), false)).toEqual({ matches: 0, wildcard: true, failure: null });
    expect(checkBuildkitSource('nodir/*.txt', view(['a']), false).failure).toMatchObject({ kind: 'absent', path: 'nodir', wildcardBase: true });
    expect(checkBuildkitSource('d/*.txt', view(['d/a'], {}, [], () => false), false).failure).toEqual({ kind: 'not-transferred', path: 'd' });
    expect(checkBuildkitSource('d/*.txt', view(['d/a'], {}, [], () => true), false).failure).toBeNull();
  });

  it('a wildcard’s directory is followed through a link, and each match is followed', () => {
    expect(checkBuildkitSource('ld/*.txt', view(['d/a.txt'], { ld: 'd' }), false)).toEqual({ matches: 1, wildcard: true, failure: null });
    expect(checkBuildkitSource('*.txt', view(['a.txt'], { 'l.txt': 'nothere' }), false).failure).toMatchObject({ kind: 'absent', path: 'nothere' });
  });

  it('RUN --mount sources are literal (a "*" is a file name)', () => {
    expect(checkBuildkitSource('*.txt', view(['a.txt']), true).failure).toMatchObject({ kind: 'absent', path: '*.txt' });
  });
});

describe('legacy builder sources (moby builder/dockerfile/copy.go)', () => {
  it('drops one leading "/" and one "./" only', () => {
    expect(legacySourcePath('/a')).toBe('a');
    expect(legacySourcePath('./a')).toBe('a');
    expect(legacySourcePath('/./a')).toBe('a');
    expect(legacySourcePath('././a')).toBe('./a');
    expect(legacySourcePath('/')).toBe('/');
  });

  it('a path that climbs out is forbidden; one that stays inside is cleaned', () => {
    const v = view(['a', 'd/f']);
    expect(checkLegacySource('../a', v).failure).toEqual({ kind: 'outside', path: '../a' });
    expect(checkLegacySource('d/../../a', v).failure).toEqual({ kind: 'outside', path: '../a' });
    expect(checkLegacySource('/../a', v).failure).toEqual({ kind: 'outside', path: '../a' });
    expect(checkLegacySource('d/../a', v).failure).toBeNull();
    expect(checkLegacySource('', v).failure).toBeNull(); // the whole context
  });

  it('wildcards are matched against uncleaned context paths, without entering symlinked directories', () => {
    const v = view(['a.txt', 'd/b.txt'], { ld: 'd' });
    expect(checkLegacySource('*.txt', v).matches).toBe(1);
    expect(checkLegacySource('d/../*.txt', v).matches).toBe(0);
    expect(checkLegacySource('ld/*.txt', v).matches).toBe(0);
    expect(checkLegacySource('*/b.txt', v).matches).toBe(1);
    expect(checkLegacySource('d/*.txt', v).matches).toBe(1);
    expect(checkLegacySource('./d/b.txt', v).failure).toBeNull();
  });

  it('a wildcard match that is a dangling link fails', () => {
    expect(checkLegacySource('*.txt', view(['a.txt'], { 'l.txt': 'nothere' })).failure).toMatchObject({ kind: 'absent', path: 'nothere' });
  });
});
