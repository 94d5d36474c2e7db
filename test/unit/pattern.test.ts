// compilePattern / matchCompiled = moby/patternmatcher's Pattern.compile and Pattern.match.
// Expected match types, regexp sources and match results come from patternmatcher's own compile
// and match code run under Go (regexp.Compile failures = 'error'). Behaviour that looked doubtful
// was also confirmed with the real docker CLI 28.2.2 (see comments).
import { describe, expect, it } from 'vitest';
import { compilePattern, matchCompiled, PatternMatchError, type MatchType } from '../../src/ignore/pattern.js';

type MatchExpect = string[] | 'error';

const PATHS: string[] = ["foo","foo/bar","foo/bar/baz","x/foo","xfoo","foox","a","ab","abc","a/b","a/x/b","a/x/y/b","ab/c","x.go","a/x.go","x.log","a/b/x.log","log","*","]","a]","a]x","x","ax","b/x","a b","a*","a\\","a.b","axb","a.bc","a+b","a+bc","(a)","(a)z","a$","a$z","aa","b",".","x.y","[a","é","éa","ö","öx","a1","aé","a^b","^","Abc","1bc","d1","dx","a/","a\nb","a/b\nc/x","\ufeffab","a.b$","a{b","a|b","a{2}","aa","a}","a_","a\\b"];

function matched(pattern: string): MatchExpect {
  const c = compilePattern(pattern);
  try {
    return PATHS.filter((p) => matchCompiled(pattern, c, p));
  } catch (err) {
    if (err instanceof PatternMatchError) return 'error';
    throw err;
  }
}

describe('compilePattern: match type and Go regexp source', () => {
  // [pattern, type, regexp source as patternmatcher builds it, regexp.Compile fails]
  const table: [string, MatchType, string, boolean][] = [
    ["foo", "exact", "^foo", false],
    ["foo/bar", "exact", "^foo/bar", false],
    ["*", "regexp", "^[^/]*$", false],
    ["*.go", "regexp", "^[^/]*\\.go$", false],
    ["a?c", "regexp", "^a[^/]c$", false],
    ["a/*/c", "regexp", "^a/[^/]*/c$", false],
    ["**", "suffix", "^", false],
    ["**/foo", "suffix", "^(.*/)?foo", false],
    ["**foo", "suffix", "^(.*/)?foo", false],
    ["foo**", "prefix", "^foo", false],
    ["foo/**", "prefix", "^foo/", false],
    ["a/**/b", "regexp", "^a/(.*/)?b$", false],
    ["***", "regexp", "^(.*/)?[^/]*$", false],
    ["***x", "regexp", "^(.*/)?[^/]*x$", false],
    ["*/**", "regexp", "^[^/]*/.*$", false],
    ["a*/**", "regexp", "^a[^/]*/.*$", false],
    ["**/*.log", "regexp", "^(.*/)?[^/]*\\.log$", false],
    ["**/**", "regexp", "^(.*/)?.*$", false],
    ["a/**/**/b", "regexp", "^a/(.*/)?(.*/)?b$", false],
    ["**/a/**", "regexp", "^(.*/)?a/.*$", false],
    ["[*]", "regexp", "^[[^/]*]$", false],
    ["[[:alpha:]]*", "regexp", "^[[:alpha:]][^/]*$", false],
    ["[\\d]x", "regexp", "^[\\d]x$", false],
    ["a^b*", "regexp", "^a^b[^/]*$", false],
    ["^", "exact", "^^", false],
    ["^*", "regexp", "^^[^/]*$", false],
    ["a^b", "exact", "^a^b", false],
    ["a\\ b", "regexp", "^a\\ b$", false],
    ["a\\*", "regexp", "^a\\*$", false],
    ["a\\", "exact", "^a\\", false],
    ["\\", "exact", "^\\", false],
    ["[z-a]", "regexp", "^[z-a]$", true],
    ["a\\Q.b", "regexp", "^a\\Q\\.b$", false],
    ["a\\Q*", "regexp", "^a\\Q[^/]*$", false],
    ["[a-z]", "regexp", "^[a-z]$", false],
    ["[^a]", "regexp", "^[^a]$", false],
    ["[!a]", "regexp", "^[!a]$", false],
    ["a.b", "exact", "^a\\.b", false],
    ["a.b*", "regexp", "^a\\.b[^/]*$", false],
    ["a+b*", "regexp", "^a\\+b[^/]*$", false],
    ["(a)*", "regexp", "^\\(a\\)[^/]*$", false],
    ["a$*", "regexp", "^a\\$[^/]*$", false],
    ["x\\.y", "regexp", "^x\\.y$", false],
    ["\\[a", "regexp", "^\\[a$", false],
    ["]", "regexp", "^]$", false],
    ["a]*", "regexp", "^a][^/]*$", false],
    ["?", "regexp", "^[^/]$", false],
    ["\ufeffa*", "regexp", "^a[^/]*$", false],
    ["\ufeffab", "exact", "^ab", false],
    ["é*", "regexp", "^é[^/]*$", false],
    ["[é-ü]x", "regexp", "^[é-ü]x$", false],
    ["a\\pL*", "regexp", "^a\\pL[^/]*$", false],
    ["a\\d", "regexp", "^a\\d$", false],
    ["a\\w", "regexp", "^a\\w$", false],
    ["a/**/", "prefix", "^a/", false],
    ["a?", "regexp", "^a[^/]$", false],
    ["?/?", "regexp", "^[^/]/[^/]$", false],
    ["*/b", "regexp", "^[^/]*/b$", false],
    ["a*b", "regexp", "^a[^/]*b$", false],
    ["a\\", "exact", "^a\\", false],
    ["a\\\\", "regexp", "^a\\\\$", false],
    ["a\\\\*", "regexp", "^a\\\\[^/]*$", false],
    ["\\*", "regexp", "^\\*$", false],
    ["[", "regexp", "^[$", true],
  ];
  it.each(table)('%j → %s %j (compile error: %s)', (pattern, type, source, fails) => {
    const c = compilePattern(pattern);
    expect(c.type).toBe(type);
    expect(c.goSource).toBe(source);
    expect(c.error !== null).toBe(fails);
    expect(c.regexp !== null).toBe(type === 'regexp' && !fails);
  });
});

describe('matchCompiled: which paths each pattern matches (no parent-directory logic)', () => {
  const table: [string, MatchExpect][] = [
    ["foo", ["foo"]],
    ["foo/bar", ["foo/bar"]],
    ["*", ["foo","xfoo","foox","a","ab","abc","x.go","x.log","log","*","]","a]","a]x","x","ax","a b","a*","a\\","a.b","axb","a.bc","a+b","a+bc","(a)","(a)z","a$","a$z","aa","b",".","x.y","[a","é","éa","ö","öx","a1","aé","a^b","^","Abc","1bc","d1","dx","a\nb","\ufeffab","a.b$","a{b","a|b","a{2}","aa","a}","a_","a\\b"]],
    ["*.go", ["x.go"]],
    ["a?c", ["abc"]],
    ["a/*/c", []],
    ["**", ["foo","foo/bar","foo/bar/baz","x/foo","xfoo","foox","a","ab","abc","a/b","a/x/b","a/x/y/b","ab/c","x.go","a/x.go","x.log","a/b/x.log","log","*","]","a]","a]x","x","ax","b/x","a b","a*","a\\","a.b","axb","a.bc","a+b","a+bc","(a)","(a)z","a$","a$z","aa","b",".","x.y","[a","é","éa","ö","öx","a1","aé","a^b","^","Abc","1bc","d1","dx","a/","a\nb","a/b\nc/x","\ufeffab","a.b$","a{b","a|b","a{2}","aa","a}","a_","a\\b"]],
    ["**/foo", ["foo","x/foo"]],
    ["**foo", ["foo","x/foo","xfoo"]],
    ["foo**", ["foo","foo/bar","foo/bar/baz","foox"]],
    ["foo/**", ["foo/bar","foo/bar/baz"]],
    ["a/**/b", ["a/b","a/x/b","a/x/y/b"]],
    ["***", ["foo","foo/bar","foo/bar/baz","x/foo","xfoo","foox","a","ab","abc","a/b","a/x/b","a/x/y/b","ab/c","x.go","a/x.go","x.log","a/b/x.log","log","*","]","a]","a]x","x","ax","b/x","a b","a*","a\\","a.b","axb","a.bc","a+b","a+bc","(a)","(a)z","a$","a$z","aa","b",".","x.y","[a","é","éa","ö","öx","a1","aé","a^b","^","Abc","1bc","d1","dx","a/","a\nb","\ufeffab","a.b$","a{b","a|b","a{2}","aa","a}","a_","a\\b"]],
    ["***x", ["foox","a]x","x","ax","b/x","öx","dx"]],
    ["*/**", ["foo/bar","foo/bar/baz","x/foo","a/b","a/x/b","a/x/y/b","ab/c","a/x.go","a/b/x.log","b/x","a/"]],
    ["a*/**", ["a/b","a/x/b","a/x/y/b","ab/c","a/x.go","a/b/x.log","a/"]],
    ["**/*.log", ["x.log","a/b/x.log"]],
    ["**/**", ["foo","foo/bar","foo/bar/baz","x/foo","xfoo","foox","a","ab","abc","a/b","a/x/b","a/x/y/b","ab/c","x.go","a/x.go","x.log","a/b/x.log","log","*","]","a]","a]x","x","ax","b/x","a b","a*","a\\","a.b","axb","a.bc","a+b","a+bc","(a)","(a)z","a$","a$z","aa","b",".","x.y","[a","é","éa","ö","öx","a1","aé","a^b","^","Abc","1bc","d1","dx","a/","\ufeffab","a.b$","a{b","a|b","a{2}","aa","a}","a_","a\\b"]],
    ["a/**/**/b", ["a/b","a/x/b","a/x/y/b"]],
    ["**/a/**", ["a/b","a/x/b","a/x/y/b","a/x.go","a/b/x.log","a/"]],
    ["[*]", ["]"]],
    ["[[:alpha:]]*", ["foo","xfoo","foox","a","ab","abc","x.go","x.log","log","a]","a]x","x","ax","a b","a*","a\\","a.b","axb","a.bc","a+b","a+bc","a$","a$z","aa","b","x.y","a1","aé","a^b","Abc","d1","dx","a\nb","a.b$","a{b","a|b","a{2}","aa","a}","a_","a\\b"]],
    ["[\\d]x", []],
    ["a^b*", []],
    ["^", ["^"]],
    ["^*", ["foo","xfoo","foox","a","ab","abc","x.go","x.log","log","*","]","a]","a]x","x","ax","a b","a*","a\\","a.b","axb","a.bc","a+b","a+bc","(a)","(a)z","a$","a$z","aa","b",".","x.y","[a","é","éa","ö","öx","a1","aé","a^b","^","Abc","1bc","d1","dx","a\nb","\ufeffab","a.b$","a{b","a|b","a{2}","aa","a}","a_","a\\b"]],
    ["a^b", ["a^b"]],
    ["a\\ b", ["a b"]],
    ["a\\*", ["a*"]],
    ["a\\", ["a\\"]],
    ["\\", []],
    ["[z-a]", 'error'],
    ["a\\Q.b", []],
    ["a\\Q*", []],
    ["[a-z]", ["a","x","b"]],
    ["[^a]", ["*","]","x","b",".","é","ö","^"]],
    ["[!a]", ["a"]],
    ["a.b", ["a.b"]],
    ["a.b*", ["a.b","a.bc","a.b$"]],
    ["a+b*", ["a+b","a+bc"]],
    ["(a)*", ["(a)","(a)z"]],
    ["a$*", ["a$","a$z"]],
    ["x\\.y", ["x.y"]],
    ["\\[a", ["[a"]],
    ["]", ["]"]],
    ["a]*", ["a]","a]x"]],
    ["?", ["a","*","]","x","b",".","é","ö","^"]],
    ["\ufeffa*", ["a","ab","abc","a]","a]x","ax","a b","a*","a\\","a.b","axb","a.bc","a+b","a+bc","a$","a$z","aa","a1","aé","a^b","a\nb","a.b$","a{b","a|b","a{2}","aa","a}","a_","a\\b"]],
    ["\ufeffab", ["\ufeffab"]],
    ["é*", ["é","éa"]],
    ["[é-ü]x", ["öx"]],
    ["a\\pL*", ["ab","abc","ax","axb","aa","aé","aa"]],
    ["a\\d", ["a1"]],
    ["a\\w", ["ab","ax","aa","a1","aa","a_"]],
    ["a/**/", []],
    ["a?", ["ab","a]","ax","a*","a\\","a$","aa","a1","aé","aa","a}","a_"]],
    ["?/?", ["a/b","b/x"]],
    ["*/b", ["a/b"]],
    ["a*b", ["ab","a b","a.b","axb","a+b","a^b","a\nb","a{b","a|b","a\\b"]],
    ["a\\", ["a\\"]],
    ["a\\\\", ["a\\"]],
    ["a\\\\*", ["a\\","a\\b"]],
    ["\\*", ["*"]],
    ["[", 'error'],
    ["a{b", ["a{b"]],
    ["a|b", ["a|b"]],
    ["a{2}", ["a{2}"]],
    ["a}", ["a}"]],
  ];
  it.each(table)('%j', (pattern, expected) => {
    expect(matched(pattern)).toEqual(expected);
  });
});

describe('compilePattern: "**" forms', () => {
  it('"foo/**" is a prefix match on "foo/", so it does not match "foo" itself', () => {
    // docker: with "foo/**", the directory "foo/" was still sent, only its contents left out.
    const c = compilePattern('foo/**');
    expect(c.type).toBe('prefix');
    expect(matchCompiled('foo/**', c, 'foo')).toBe(false);
    expect(matchCompiled('foo/**', c, 'foo/')).toBe(true);
    expect(matchCompiled('foo/**', c, 'foo/a/b')).toBe(true);
    expect(matchCompiled('foo/**', c, 'foobar')).toBe(false);
  });

  it('"foo**" is a prefix match on "foo" and crosses "/"', () => {
    const c = compilePattern('foo**');
    expect(c.type).toBe('prefix');
    expect(['foo', 'foobar', 'food/x', 'foo2/y/z', 'a/foo'].map((p) => matchCompiled('foo**', c, p))).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('"**foo" is a suffix match on "foo" (also "xfoo" and "a/xfoo")', () => {
    const c = compilePattern('**foo');
    expect(c.type).toBe('suffix');
    expect(['foo', 'xfoo', 'a/foo', 'a/xfoo', 'foo/x', 'foox'].map((p) => matchCompiled('**foo', c, p))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('"**/foo" is a suffix match on "/foo" that also matches "foo" itself', () => {
    const c = compilePattern('**/foo');
    expect(c.type).toBe('suffix');
    expect(['foo', 'x/foo', 'x/y/foo', 'xfoo', 'foo/y'].map((p) => matchCompiled('**/foo', c, p))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('"***" is the regexp "(.*/)?" + "[^/]*", not a prefix match', () => {
    // docker: "***" excluded every file of the context.
    const c = compilePattern('***');
    expect(c.type).toBe('regexp');
    expect(c.goSource).toBe('^(.*/)?[^/]*$');
    expect(['a', 'b/c', 'x/y/z', '.'].every((p) => matchCompiled('***', c, p))).toBe(true);
    // "(.*/)?" cannot cross a newline, so a path below a directory whose name has one is not
    // matched directly (its top directory is, which excludes it in Docker anyway).
    expect(matchCompiled('***', c, 'a/b\nc/x')).toBe(false);
  });

  it('"**" after a wildcard becomes ".*" in a regexp', () => {
    const c = compilePattern('*/**');
    expect(c.type).toBe('regexp');
    expect(c.goSource).toBe('^[^/]*/.*$');
    expect(matchCompiled('*/**', c, 'a')).toBe(false);
    expect(matchCompiled('*/**', c, 'a/')).toBe(true);
    expect(matchCompiled('*/**', c, 'a/b/c')).toBe(true);
    // ".*" stops at a newline, "[^/]*" does not.
    expect(matchCompiled('*/**', c, 'a/b\nc')).toBe(false);
    expect(matchCompiled('*/**', c, 'a\nb/c')).toBe(true);
  });

  it('"a/**/b" matches any number of directories in between, including none', () => {
    const c = compilePattern('a/**/b');
    expect(c.goSource).toBe('^a/(.*/)?b$');
    expect(['a/b', 'a/x/b', 'a/x/y/b', 'ab', 'a/xb', 'a/b/c'].map((p) => matchCompiled('a/**/b', c, p))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('compilePattern: characters copied into the regexp', () => {
  it('"?" and "*" never match "/"', () => {
    const q = compilePattern('a?b');
    expect(matchCompiled('a?b', q, 'a/b')).toBe(false);
    expect(matchCompiled('a?b', q, 'axb')).toBe(true);
    const s = compilePattern('a*b');
    expect(matchCompiled('a*b', s, 'a/b')).toBe(false);
    expect(matchCompiled('a*b', s, 'ab')).toBe(true);
  });

  it('"?" matches one character, also a non-ASCII one', () => {
    const c = compilePattern('?');
    expect(['é', '\u{1F600}', 'ée', ''].map((p) => matchCompiled('?', c, p))).toEqual([true, true, false, false]);
  });

  it('a "^" outside a class is a Go start-of-text anchor', () => {
    // docker: "a^b*" excluded nothing; "^b*" excluded "b" but not "^b".
    const ab = compilePattern('a^b*');
    expect(['ab', 'a^b', 'a^bc'].some((p) => matchCompiled('a^b*', ab, p))).toBe(false);
    const b = compilePattern('^b*');
    expect(['b', 'bc', '^b', '^bc', 'ab'].map((p) => matchCompiled('^b*', b, p))).toEqual([true, true, false, false, false]);
  });

  it('a "^" in an exact pattern is literal (no regexp is built)', () => {
    // docker: "a^b" excluded the file "a^b"; "^" excluded the file "^".
    expect(compilePattern('a^b').type).toBe('exact');
    expect(matchCompiled('a^b', compilePattern('a^b'), 'a^b')).toBe(true);
    expect(matchCompiled('^', compilePattern('^'), '^')).toBe(true);
  });

  it('"[*]" is the Go class "[[^/]" then "*" then "]"', () => {
    // docker: "[*]" excluded "]" and kept "*", "[", "a".
    const c = compilePattern('[*]');
    expect(['*', '[', ']', 'a', '[]'].map((p) => matchCompiled('[*]', c, p))).toEqual([false, false, true, false, true]);
  });

  it('"[[:alpha:]]*" uses the POSIX class', () => {
    // docker: excluded "abc", "Zed/q"; kept "1bc", "_x", ":x".
    const c = compilePattern('[[:alpha:]]*');
    expect(['abc', 'Zed', '1bc', '_x', ':x', 'é'].map((p) => matchCompiled('[[:alpha:]]*', c, p))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('"[\\d]x" and "a\\d" use the Perl digit class', () => {
    // docker: "[\d]x" excluded "1x" and kept "dx", "\x".
    const c = compilePattern('[\\d]x');
    expect(['1x', 'dx', '\\x'].map((p) => matchCompiled('[\\d]x', c, p))).toEqual([true, false, false]);
    const d = compilePattern('a\\d');
    expect(['a1', 'ad', 'a\\d'].map((p) => matchCompiled('a\\d', d, p))).toEqual([true, false, false]);
  });

  it('"a\\ b" matches "a b" through a regexp', () => {
    const c = compilePattern('a\\ b');
    expect(c.type).toBe('regexp');
    expect(['a b', 'a\\ b', 'ab'].map((p) => matchCompiled('a\\ b', c, p))).toEqual([true, false, false]);
  });

  it('a trailing backslash stays literal and keeps the pattern exact', () => {
    const c = compilePattern('a\\');
    expect(c.type).toBe('exact');
    expect(c.goSource).toBe('^a\\');
    expect(matchCompiled('a\\', c, 'a\\')).toBe(true);
  });

  it('"\\Q" quotes the rest of the regexp, so "a\\Q.b" matches nothing real', () => {
    // docker: "a\Q.b" excluded none of "a.b", "aQb", "a\Qb", "ab".
    const c = compilePattern('a\\Q.b');
    expect(c.goSource).toBe('^a\\Q\\.b$');
    expect(['a.b', 'aQb', 'a\\Qb', 'ab'].some((p) => matchCompiled('a\\Q.b', c, p))).toBe(false);
    expect(matchCompiled('a\\Q.b', c, 'a\\.b$')).toBe(true);
  });

  it('"[é-ü]" is a class of code points', () => {
    // docker: "[à-ÿ]" excluded "é" and "ü", kept "e", "ab", "ék".
    const c = compilePattern('[à-ÿ]');
    expect(['é', 'ü', 'e', 'ab', 'ék'].map((p) => matchCompiled('[à-ÿ]', c, p))).toEqual([true, true, false, false, false]);
  });

  it('a leading U+FEFF is skipped by text/scanner when building the regexp but not for exact matches', () => {
    expect(compilePattern('\uFEFFa*').goSource).toBe('^a[^/]*$');
    const exact = compilePattern('\uFEFFab');
    expect(exact.type).toBe('exact');
    expect(matchCompiled('\uFEFFab', exact, '\uFEFFab')).toBe(true);
    expect(matchCompiled('\uFEFFab', exact, 'ab')).toBe(false);
  });
});

describe('matchCompiled: errors are lazy', () => {
  it('"[z-a]" compiles with an error and throws PatternMatchError when used', () => {
    const c = compilePattern('[z-a]');
    expect(c.type).toBe('regexp');
    expect(c.regexp).toBeNull();
    expect(c.error).not.toBeNull();
    expect(() => matchCompiled('[z-a]', c, 'a')).toThrow(PatternMatchError);
  });

  it('exact, prefix and suffix patterns never throw', () => {
    for (const p of ['a', 'a/**', '**/a', '**a']) {
      const c = compilePattern(p);
      expect(() => matchCompiled(p, c, 'x/y')).not.toThrow();
    }
  });

  it('PatternMatchError keeps the pattern', () => {
    const c = compilePattern('a[');
    let caught: unknown;
    try {
      matchCompiled('a[', c, 'a');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PatternMatchError);
    expect((caught as PatternMatchError).pattern).toBe('a[');
  });
});

// patternmatcher's shouldEscape bitmap is [8]byte indexed by b%8 with bit b/8: for bytes >= 64
// the bit is shifted out of the byte, so only ". + ( ) $" are escaped, never "{", "}" or "|".
// Confirmed with docker 28.2.2: "a{2}?" excluded "aaa" but not "a{2}"; "a|?b" excluded "a",
// "a|b" and "xb"; "a{1}*" and "a|b*" excluded every top-level file; "a{2,1}?" and "*{2}" made the
// build fail with "syntax error in pattern". ctxcheck escapes the three characters.
describe('compilePattern: "{", "}" and "|" are not escaped by Docker', () => {
  const sources: [string, string][] = [
    ['a{1}*', '^a{1}[^/]*$'],
    ['a|b*', '^a|b[^/]*$'],
    ['a{2}?', '^a{2}[^/]$'],
    ['a|?b', '^a|[^/]b$'],
    ['a{2,1}?', '^a{2,1}[^/]$'],
    ['*{2}', '^[^/]*{2}$'],
    // Exact patterns only show the difference in the recorded source.
    ['a{2}', '^a{2}'],
    ['a|b', '^a|b'],
  ];
  it.each(sources)('%j → %j', (pattern, source) => {
    expect(compilePattern(pattern).goSource).toBe(source);
  });

  it('exact patterns keep "{", "}" and "|" in their source, as in Go', () => {
    // Only the source text differs; exact matching compares the pattern itself.
    expect(compilePattern('a|b').type).toBe('exact');
    expect(compilePattern('a{2}').type).toBe('exact');
    expect(matchCompiled('a|b', compilePattern('a|b'), 'a|b')).toBe(true);
  });

  const S = ['a', 'aa', 'aaa', 'b', 'ab', 'a|b', 'xb', 'xa', 'a{1}', 'a{2}x', 'x', 'xx', 'aE', '{1}x', 'a/b'];
  const behaviour: [string, string[] | 'error'][] = [
    ['a{1}*', ['a', 'aa', 'aaa', 'ab', 'a|b', 'a{1}', 'a{2}x', 'aE']],
    ['a|b*', ['a', 'aa', 'aaa', 'b', 'ab', 'a|b', 'xb', 'a{1}', 'a{2}x', 'aE', 'a/b']],
    ['a{2}?', ['aaa']],
    ['a|?b', ['a', 'aa', 'aaa', 'ab', 'a|b', 'xb', 'a{1}', 'a{2}x', 'aE', 'a/b']],
    ['a{2,1}?', 'error'],
    ['*{2}', 'error'],
  ];
  it.each(behaviour)('%j matches like Go', (pattern, expected) => {
    const c = compilePattern(pattern);
    let got: string[] | 'error';
    try {
      got = S.filter((p) => matchCompiled(pattern, c, p));
    } catch {
      got = 'error';
    }
    expect(got).toEqual(expected);
  });
});

// "\E" outside "\Q" is rejected by Go's regexp parser; docker 28.2.2 fails the build for
// ".dockerignore" = "a\E" with files "a", "aE", "b" ("syntax error in pattern").
describe('compilePattern: "a\\E" fails to compile in Go', () => {
  it('records a compile error and throws on use', () => {
    const c = compilePattern('a\\E');
    expect(c.error).not.toBeNull();
    expect(() => matchCompiled('a\\E', c, 'a')).toThrow(PatternMatchError);
  });
});
