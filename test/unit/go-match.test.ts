// goMatch must agree with Go's path/filepath.Match on Unix — both the boolean result and when
// it reports ErrBadPattern, since Docker rejects an ignore pattern exactly when
// filepath.Match(pattern, ".") returns an error. Every expected value below is what Go's own
// filepath.Match returned for the same arguments ('bad' = ErrBadPattern).
import { describe, expect, it } from 'vitest';
import { BadPatternError, goMatch } from '../../src/ignore/go-match.js';

type Expect = boolean | 'bad';

function run(pattern: string, name: string): Expect {
  try {
    return goMatch(pattern, name);
  } catch (err) {
    if (err instanceof BadPatternError) return 'bad';
    throw err;
  }
}

describe('goMatch agrees with Go filepath.Match', () => {
  const table: [string, string, Expect][] = [
    ["abc", "abc", true],
    ["*", "abc", true],
    ["*c", "abc", true],
    ["a*", "a", true],
    ["a*", "abc", true],
    ["a*", "ab/c", false],
    ["a*/b", "abc/b", true],
    ["a*/b", "a/c/b", false],
    ["a*b*c*d*e*/f", "axbxcxdxe/f", true],
    ["a*b*c*d*e*/f", "axbxcxdxexxx/f", true],
    ["a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false],
    ["a*b*c*d*e*/f", "axbxcxdxexxx/fff", false],
    ["a*b?c*x", "abxbbxdbxebxczzx", true],
    ["a*b?c*x", "abxbbxdbxebxczzy", false],
    ["ab[c]", "abc", true],
    ["ab[b-d]", "abc", true],
    ["ab[e-g]", "abc", false],
    ["ab[^c]", "abc", false],
    ["ab[^b-d]", "abc", false],
    ["ab[^e-g]", "abc", true],
    ["a\\*b", "a*b", true],
    ["a\\*b", "ab", false],
    ["a?b", "a☺b", true],
    ["a[^a]b", "a☺b", true],
    ["a???b", "a☺b", false],
    ["a[^a][^a][^a]b", "a☺b", false],
    ["[a-ζ]*", "α", true],
    ["*[a-ζ]", "A", false],
    ["a?b", "a/b", false],
    ["a*b", "a/b", false],
    ["[\\]a]", "]", true],
    ["[\\-]", "-", true],
    ["[x\\-]", "x", true],
    ["[x\\-]", "-", true],
    ["[x\\-]", "z", false],
    ["[\\-x]", "x", true],
    ["[\\-x]", "-", true],
    ["[\\-x]", "a", false],
    ["[]a]", "]", 'bad'],
    ["[-]", "-", 'bad'],
    ["[x-]", "x", 'bad'],
    ["[x-]", "-", 'bad'],
    ["[x-]", "z", 'bad'],
    ["[-x]", "x", 'bad'],
    ["[-x]", "-", 'bad'],
    ["[-x]", "a", 'bad'],
    ["\\", "a", 'bad'],
    ["[a-b-c]", "a", 'bad'],
    ["[", "a", 'bad'],
    ["[^", "a", 'bad'],
    ["[^bc", "a", 'bad'],
    ["a[", "a", 'bad'],
    ["a[", "ab", 'bad'],
    ["a[", "x", 'bad'],
    ["a/b[", "x", 'bad'],
    ["*x", "xxx", true],
    ["[z-a]", ".", false],
    ["[z-a]", "m", false],
    ["[a-z]", ".", false],
    ["[^a-z]", ".", true],
    ["[.]", ".", true],
    ["?", ".", true],
    ["*", ".", true],
    ["**", ".", true],
    [".", ".", true],
    ["..", ".", false],
    ["a", ".", false],
    ["x[", ".", 'bad'],
    [".[", ".", 'bad'],
    ["*[", ".", 'bad'],
    ["a\\", ".", 'bad'],
    ["\\", ".", 'bad'],
    [".\\", ".", 'bad'],
    ["[\\", ".", 'bad'],
    ["[\\]", ".", 'bad'],
    ["[a\\]", ".", 'bad'],
    ["[*]", ".", false],
    ["[*]", "*", true],
    ["[[:alpha:]]", ".", false],
    ["[[:alpha:]]*", ".", false],
    ["[[]", "[", true],
    ["[]]", "]", 'bad'],
    ["[^]]", "a", 'bad'],
    ["[!a]", "!", true],
    ["[!a]", "b", false],
    ["a^b*", ".", false],
    ["[\\d]", ".", false],
    ["[\\d]", "d", true],
    ["[é-ü]", "ö", true],
    ["[é-ü]", ".", false],
    ["é*", ".", false],
    ["[é", ".", 'bad'],
    ["*é[", ".", 'bad'],
    ["a\\ b", "a b", true],
    ["**/foo", "a/foo", true],
    ["**/foo", "foo", false],
    ["foo/**", "foo/a", true],
    ["foo/**", "foo/a/b", false],
    ["a/*/b", "a/x/b", true],
    ["a/*/b", "a/x/y/b", false],
    ["[a-]x", ".", 'bad'],
    ["*[a-]", ".", 'bad'],
    ["[\\-", ".", 'bad'],
    ["[a-\\", ".", 'bad'],
    ["[a-\\b]", "b", true],
    ["[a-\\b]", ".", false],
    ["\\[", "[", true],
    ["\\[a", ".", false],
    ["[x]]", "x]", true],
    ["*?", ".", true],
    ["?*?", ".", false],
    [".*", ".", true],
    ["*.", ".", true],
    ["[^.]", ".", false],
    ["\\.", ".", true],
    ["[\\.]", ".", true],
    ["[é]", "é", true],
    ["?", "é", true],
    ["??", "é", false],
    ["a[!]", ".", false],
    ["*/*", "a/b", true],
    ["*/*", "a", false],
    ["*", "a/b", false],
    ["a/b/c", "a/b/c", true],
    ["a/?/c", "a/b/c", true],
    ["a/[b]/c", "a/b/c", true],
    ["", "", true],
    ["", "a", false],
    ["*", "", true],
    ["a", "", false],
  ];
  it.each(table)('Match(%j, %j) = %j', (pattern, name, expected) => {
    expect(run(pattern, name)).toBe(expected);
  });
});

describe('goMatch: the validation Docker performs, Match(pattern, ".")', () => {
  const bad = ['[', '[^', '[^bc', 'a[', '\\', 'a\\', '[]a]', '[-]', '[x-]', '[a-]x', '[\\', '[\\]', '[a-\\', '[é', '*é[', '[a-b-c]', '*[', '.[', 'x['];
  it.each(bad)('rejects %j', (p) => {
    expect(() => goMatch(p, '.')).toThrow(BadPatternError);
  });

  const good = ['[z-a]', '[*]', '[[:alpha:]]*', '[\\d]', 'a^b*', '**', '***', 'a\\ b', '\\[a', ']', '[x]]', '[!a]', '[\\]a]', '[\\-x]', '?', '.', '..', 'é*'];
  it.each(good)('accepts %j', (p) => {
    expect(() => goMatch(p, '.')).not.toThrow();
  });

  it('throws an Error named BadPatternError with Go\'s message', () => {
    let caught: unknown;
    try {
      goMatch('[', '.');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe('BadPatternError');
    expect((caught as Error).message).toBe('syntax error in pattern');
  });
});

// path/filepath.Match returns (false, nil) as soon as a chunk after a star cannot match, without
// looking at the rest of the pattern (only package path's Match checks the remainder).
// Docker 28.2.2 accordingly accepts ".dockerignore" = "x\n!a*[z" and builds; ctxcheck rejects it.
describe('goMatch: a mismatch before a malformed chunk is not an error in filepath.Match', () => {
  const table: [string, string][] = [
    ['a*[z', '.'],
    ['a*b[', '.'],
    ['a*[z', 'x'],
    ['*a*[z', '.'],
    ['a[b]c*[', '.'],
    ['[a]*[', '.'],
    ['a*[]', '.'],
  ];
  it.each(table)('Match(%j, %j) = false, nil', (pattern, name) => {
    expect(run(pattern, name)).toBe(false);
  });
});
