// Go's path/filepath semantics (Linux) for Clean and Dir, and UTF-8 byte order.
// Expected values were produced by Go's own filepath.Clean / filepath.Dir.
import { describe, expect, it } from 'vitest';
import { baseName, compareBytes, goClean, goDir, isInsideContext, joinRel, parentRel } from '../../src/paths.js';

describe('goClean (Go filepath.Clean)', () => {
  const table: [string, string][] = [
    ['', '.'],
    ['.', '.'],
    ['..', '..'],
    ['/', '/'],
    ['//', '/'],
    ['///', '/'],
    ['a', 'a'],
    ['a/', 'a'],
    ['a//b', 'a/b'],
    ['a/./b', 'a/b'],
    ['./a', 'a'],
    ['a/.', 'a'],
    ['a/..', '.'],
    ['a/../..', '..'],
    ['../a', '../a'],
    ['../../a/b', '../../a/b'],
    ['/..', '/'],
    ['/../a', '/a'],
    ['/a/../..', '/'],
    ['a/b/../../..', '..'],
    ['...', '...'],
    ['a/.../b', 'a/.../b'],
    ['.a/..b/', '.a/..b'],
    ['./', '.'],
    ['.//.', '.'],
    ['a/b/c/../d/./e//', 'a/b/d/e'],
    ['/a/b/', '/a/b'],
    ['abc/def/../../..', '..'],
    // Clean knows nothing about "!": these are what patternmatcher.New feeds it.
    ['!../a', '!../a'],
    ['!a/../b', 'b'],
    ['!/', '!'],
    ['!', '!'],
    ['!.', '!.'],
    ['.!', '.!'],
    // A backslash is an ordinary character on Unix.
    ['a\\b/../c', 'c'],
    ['*/../x', 'x'],
    ['**/', '**'],
    ['**/..', '.'],
    ['é/./ü/..', 'é'],
  ];
  it.each(table)('goClean(%j) = %j', (input, expected) => {
    expect(goClean(input)).toBe(expected);
  });

  it('is idempotent on its own output', () => {
    for (const [, out] of table) expect(goClean(out)).toBe(out);
  });
});

describe('goDir (Go filepath.Dir)', () => {
  const table: [string, string][] = [
    ['', '.'],
    ['.', '.'],
    ['/', '/'],
    ['a', '.'],
    ['a/b', 'a'],
    ['a/b/', 'a/b'],
    ['/a', '/'],
    ['a//b', 'a'],
    ['a/b/c', 'a/b'],
    ['../a', '..'],
    ['a/../b/c', 'b'],
    ['//a//b//c', '/a/b'],
    ['.a', '.'],
    ['x/.', 'x'],
  ];
  it.each(table)('goDir(%j) = %j', (input, expected) => {
    expect(goDir(input)).toBe(expected);
  });
});

describe('compareBytes (UTF-8 byte order, as Go sort.Strings)', () => {
  const utf8Order = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

  it('returns 0 only for equal strings and is antisymmetric', () => {
    expect(compareBytes('abc', 'abc')).toBe(0);
    expect(compareBytes('', '')).toBe(0);
    expect(Math.sign(compareBytes('a', 'b'))).toBe(-1);
    expect(Math.sign(compareBytes('b', 'a'))).toBe(1);
  });

  it('orders a prefix before its extensions', () => {
    expect(compareBytes('a', 'ab')).toBeLessThan(0);
    expect(compareBytes('ab', 'a')).toBeGreaterThan(0);
    expect(compareBytes('', 'a')).toBeLessThan(0);
  });

  it('puts upper case before "_" before lower case (ASCII order)', () => {
    const names = ['a', '_u', 'B', 'Z', 'z', '0'];
    expect([...names].sort(compareBytes)).toEqual(['0', 'B', 'Z', '_u', 'a', 'z']);
  });

  it('orders "-" < "." < "/" by byte value', () => {
    expect(['a/x', 'a.txt', 'a-b'].sort(compareBytes)).toEqual(['a-b', 'a.txt', 'a/x']);
  });

  it('orders astral characters after all BMP characters, as UTF-8 does', () => {
    // UTF-16 code units would put U+1F600 (D83D DE00) before U+E000 and U+FFFD.
    const grin = '\u{1F600}';
    expect(compareBytes(grin, '\uE000')).toBeGreaterThan(0);
    expect(compareBytes('\uE000', grin)).toBeLessThan(0);
    expect(compareBytes(grin, '\uFFFD')).toBeGreaterThan(0);
    expect(compareBytes('a' + grin, 'a\uFFFF')).toBeGreaterThan(0);
    // Two astral characters keep code point order.
    expect(compareBytes('\u{1F600}', '\u{1F601}')).toBeLessThan(0);
    expect(compareBytes('\u{10000}', '\u{1F600}')).toBeLessThan(0);
  });

  it('sorts the same as a byte-wise comparison of the UTF-8 encodings', () => {
    const names = ['é', 'e', 'z', '\uE000', '\u{1F600}', 'ö', 'Ω', '\uD7FF', '\u{10FFFF}', 'a\u{1F600}', 'a\uE000', 'a', 'Z', '~', '\u0080'];
    const expected = [...names].sort(utf8Order);
    expect([...names].sort(compareBytes)).toEqual(expected);
    // Sanity: this set really does distinguish UTF-8 order from JS string order.
    expect([...names].sort()).not.toEqual(expected);
  });

  it('matches the per-directory order the docker CLI used for a real context', () => {
    // Observed in the tar that docker 28.2.2 (legacy builder) sent for these root names.
    const root = ['a', 'a.txt', 'a-b', 'B', '_u', 'é', '\uE000', '\u{1F600}', 'a0'];
    expect([...root].sort(compareBytes)).toEqual(['B', '_u', 'a', 'a-b', 'a.txt', 'a0', 'é', '\uE000', '\u{1F600}']);
  });
});

describe('small path helpers', () => {
  it('joinRel joins to the root without a "./" prefix', () => {
    expect(joinRel('.', 'a')).toBe('a');
    expect(joinRel('a', 'b')).toBe('a/b');
    expect(joinRel('a/b', 'c d')).toBe('a/b/c d');
  });

  it('parentRel returns "." for top-level entries', () => {
    expect(parentRel('a')).toBe('.');
    expect(parentRel('a/b')).toBe('a');
    expect(parentRel('a/b/c')).toBe('a/b');
  });

  it('baseName returns the last element', () => {
    expect(baseName('a')).toBe('a');
    expect(baseName('a/b')).toBe('b');
    expect(baseName('a/b/.hidden')).toBe('.hidden');
  });

  it('isInsideContext rejects "..", "../x" and absolute paths only', () => {
    expect(isInsideContext('a')).toBe(true);
    expect(isInsideContext('.')).toBe(true);
    expect(isInsideContext('..a')).toBe(true);
    expect(isInsideContext('a/..b')).toBe(true);
    expect(isInsideContext('..')).toBe(false);
    expect(isInsideContext('../a')).toBe(false);
    expect(isInsideContext('/etc/passwd')).toBe(false);
  });
});
