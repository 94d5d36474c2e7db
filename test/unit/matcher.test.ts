// Matcher = moby/patternmatcher's PatternMatcher: New's validation, MatchesOrParentMatches and
// MatchesUsingParentResults. Walk tables were produced by patternmatcher's own code under Go
// (or = MatchesOrParentMatches, up = MatchesUsingParentResults with the parent directory's
// MatchInfo, info = the MatchInfo it returned). Error cases were checked with docker 28.2.2.
import { describe, expect, it } from 'vitest';
import { Matcher, type MatchInfo } from '../../src/ignore/matcher.js';
import { IgnoreFileError, readIgnoreFile, type RawRule } from '../../src/ignore/parse.js';

const raw = (...texts: string[]): RawRule[] => texts.map((text, i) => ({ text, line: i + 1, raw: text }));
const fromFile = (content: string): Matcher =>
  Matcher.fromRaw(readIgnoreFile(new TextEncoder().encode(content), '.dockerignore'), '.dockerignore');

function loadError(fn: () => unknown): IgnoreFileError {
  try {
    fn();
  } catch (err) {
    if (err instanceof IgnoreFileError) return err;
    throw err;
  }
  throw new Error('expected an IgnoreFileError');
}

describe('Matcher.fromRaw: rules', () => {
  it('splits off "!" and keeps line and source', () => {
    const m = Matcher.fromRaw(raw('*.log', '!keep.log', 'tmp/'), 'ctx/.dockerignore');
    expect(m.rules.map((r) => [r.pattern, r.exception, r.line, r.source])).toEqual([
      ['*.log', false, 1, 'ctx/.dockerignore'],
      ['keep.log', true, 2, 'ctx/.dockerignore'],
      ['tmp', false, 3, 'ctx/.dockerignore'],
    ]);
    expect(m.hasExceptions).toBe(true);
  });

  it('reports no exceptions when there are none', () => {
    expect(Matcher.fromRaw(raw('a', 'b'), 'f').hasExceptions).toBe(false);
    expect(Matcher.fromRaw([], 'f').rules).toEqual([]);
  });

  it('applies New\'s own TrimSpace and Clean, and skips blank texts', () => {
    const m = Matcher.fromRaw(raw('  a/b/  ', '', '   ', './c/../d', '!e/'), 'f');
    expect(m.rules.map((r) => (r.exception ? '!' : '') + r.pattern)).toEqual(['a/b', 'd', '!e']);
    expect(m.rules.map((r) => r.line)).toEqual([1, 4, 5]);
  });

  it('strips only the first "!" ("!!a" excludes the file "!a" from exclusion)', () => {
    const [r] = Matcher.fromRaw(raw('!!a'), 'f').rules;
    expect(r?.exception).toBe(true);
    expect(r?.pattern).toBe('!a');
  });

  it('compiles each rule once', () => {
    const [a, b] = Matcher.fromRaw(raw('a', '**/*.go'), 'f').rules;
    expect(a?.compiled.type).toBe('exact');
    expect(b?.compiled.type).toBe('regexp');
  });
});

describe('Matcher.fromRaw: errors Docker reports', () => {
  it('rejects a lone "!" with its line', () => {
    // docker: "a\n!\n" → illegal exclusion pattern: "!"
    const err = loadError(() => fromFile('a\n!\n'));
    expect(err.file).toBe('.dockerignore');
    expect(err.line).toBe(2);
    expect(err.message).toContain('illegal exclusion pattern: "!"');
  });

  it('rejects "!/" because New cleans "!/" to "!"', () => {
    // docker: "a\n!/\n" → illegal exclusion pattern: "!"
    const err = loadError(() => fromFile('a\n!/\n'));
    expect(err.line).toBe(2);
    expect(err.message).toContain('illegal exclusion pattern');
  });

  it('rejects "! " (TrimSpace leaves a lone "!")', () => {
    expect(loadError(() => fromFile('#c\n!  \n')).line).toBe(2);
  });

  it.each([
    ['[', 1],
    ['a\n[^', 2],
    ['a\\', 1],
    ['ok\n\n[a-]', 3],
    ['[]a]', 1],
    ['!x[', 1],
  ])('rejects the malformed pattern in %j at line %i', (content, line) => {
    // docker: "[", "a\", "[a-]", "[]a]" → "syntax error in pattern"
    const err = loadError(() => fromFile(content));
    expect(err.line).toBe(line);
    expect(err.message).toContain('syntax error in pattern');
  });

  it('accepts patterns that only fail in Go\'s regexp compiler ("[z-a]")', () => {
    expect(() => fromFile('[z-a]\n')).not.toThrow();
  });

  it('fails lazily: a regexp error only surfaces once a path reaches the rule', () => {
    // docker: "x\n![z-a]" with files a, b → builds; with a file "x" → syntax error in pattern.
    const m = fromFile('x\n![z-a]\n');
    expect(m.matchesOrParentMatches('a').excluded).toBe(false);
    expect(m.matchesUsingParentResults('b', null).excluded).toBe(false);
    const err = loadError(() => m.matchesOrParentMatches('x'));
    expect(err.line).toBe(2);
    expect(() => m.matchesUsingParentResults('x', null)).toThrow(IgnoreFileError);
  });

  it('fails on the first path for a broken first rule', () => {
    const m = fromFile('[z-a]\n');
    expect(() => m.matchesOrParentMatches('anything')).toThrow(IgnoreFileError);
  });

  // Docker validates with path/filepath.Match, which stops at the first chunk that cannot
  // match "." and does not look at the rest. docker 28.2.2 built a context with
  // ".dockerignore" = "x\n!a*[z" (files a, az: both sent); ctxcheck refuses the file.
  it('accepts "!a*[z" when no path reaches it, like docker', () => {
    const m = fromFile('x\n!a*[z\n');
    expect(m.matchesOrParentMatches('a').excluded).toBe(false);
  });
});

interface Scenario {
  rules: string[];
  /** [path (dirs end in "/"), MatchesOrParentMatches, MatchesUsingParentResults, MatchInfo] */
  walk: [string, boolean, boolean, boolean[]][];
}

const scenarios: Scenario[] = [
  {
    rules: ["a/b","!a"],
    walk: [
      ["a/", false, false, [false,false]],
      ["a/b/", false, true, [true,false]],
      ["a/b/x", false, true, [true,false]],
      ["a/c", false, false, [false,false]],
    ],
  },
  {
    rules: ["a","!a/b"],
    walk: [
      ["a/", true, true, [true,false]],
      ["a/b/", false, false, [true,true]],
      ["a/b/x", false, false, [true,true]],
      ["a/c", true, true, [true,false]],
      ["ab", false, false, [false,false]],
    ],
  },
  {
    rules: ["*","!a/b"],
    walk: [
      ["a/", true, true, [true,false]],
      ["a/b", false, false, [true,true]],
      ["a/x", true, true, [true,false]],
      ["c", true, true, [true,false]],
    ],
  },
  {
    rules: ["*.log","!keep.log","logs"],
    walk: [
      ["x.log", true, true, [true,false,false]],
      ["keep.log", false, false, [true,true,false]],
      ["logs/", true, true, [false,false,true]],
      ["logs/keep.log", true, true, [false,false,true]],
      ["sub/", false, false, [false,false,false]],
      ["sub/keep.log", false, false, [false,false,false]],
      ["sub/y.log", false, false, [false,false,false]],
    ],
  },
  {
    rules: ["a","!a/b","a/b/c"],
    walk: [
      ["a/", true, true, [true,false,false]],
      ["a/b/", false, false, [true,true,false]],
      ["a/b/c/", true, true, [true,true,true]],
      ["a/b/c/d", true, true, [true,true,true]],
      ["a/b/d", false, false, [true,true,false]],
    ],
  },
  {
    rules: ["**/node_modules","!web/node_modules/keep"],
    walk: [
      ["node_modules/", true, true, [true,false]],
      ["node_modules/x", true, true, [true,false]],
      ["web/", false, false, [false,false]],
      ["web/node_modules/", true, true, [true,false]],
      ["web/node_modules/keep", false, false, [true,true]],
      ["web/node_modules/other", true, true, [true,false]],
    ],
  },
  {
    rules: ["x","!a"],
    walk: [
      ["a/", false, false, [false,false]],
      ["a/b", false, false, [false,false]],
      ["x/", true, true, [true,false]],
      ["x/a", true, true, [true,false]],
    ],
  },
  {
    rules: ["a/b","!a","a/b/c"],
    walk: [
      ["a/", false, false, [false,false,false]],
      ["a/b/", false, true, [true,false,false]],
      ["a/b/c", true, true, [true,false,false]],
      ["a/b/d", false, true, [true,false,false]],
    ],
  },
  {
    rules: ["docs/*.md","!docs/README.md"],
    walk: [
      ["docs/", false, false, [false,false]],
      ["docs/a.md", true, true, [true,false]],
      ["docs/README.md", false, false, [true,true]],
      ["docs/sub/", false, false, [false,false]],
      ["docs/sub/b.md", false, false, [false,false]],
    ],
  },
  {
    rules: ["**","!src","src/**/*.test.ts"],
    walk: [
      ["a", true, true, [true,false,false]],
      ["src/", false, false, [true,true,false]],
      ["src/x.ts", false, false, [true,true,false]],
      ["src/x.test.ts", true, true, [true,true,true]],
      ["src/deep/", false, false, [true,true,false]],
      ["src/deep/y.test.ts", true, true, [true,true,true]],
    ],
  },
];

describe('Matcher: agrees with patternmatcher on walk scenarios', () => {
  it.each(scenarios)('rules $rules', ({ rules, walk }) => {
    const m = Matcher.fromRaw(raw(...rules), 'f');
    const infos = new Map<string, MatchInfo>();
    for (const [entry, or, up, info] of walk) {
      const isDir = entry.endsWith('/');
      const path = isDir ? entry.slice(0, -1) : entry;
      const slash = path.lastIndexOf('/');
      const parent = slash < 0 ? null : (infos.get(path.slice(0, slash)) ?? null);
      expect(m.matchesOrParentMatches(path).excluded, `or ${path}`).toBe(or);
      const d = m.matchesUsingParentResults(path, parent);
      expect(d.excluded, `up ${path}`).toBe(up);
      expect(d.info, `info ${path}`).toEqual(info);
      if (isDir) infos.set(path, d.info);
    }
  });
});

describe('Matcher: parent results versus textual parent matching', () => {
  it('"a/b" then "!a": with parent results a/b stays excluded', () => {
    const m = Matcher.fromRaw(raw('a/b', '!a'), 'f');
    // MatchesOrParentMatches tests "!a" against the parent text "a" and re-includes a/b.
    expect(m.matchesOrParentMatches('a/b')).toEqual({ excluded: false, ruleIndex: 1 });
    // In a walk, "!a" was skipped for the directory "a" (nothing to undo yet), so its bit is
    // false and a/b is only tested as "a/b".
    const a = m.matchesUsingParentResults('a', null);
    expect(a).toEqual({ excluded: false, ruleIndex: -1, info: [false, false] });
    const ab = m.matchesUsingParentResults('a/b', a.info);
    expect(ab).toEqual({ excluded: true, ruleIndex: 0, info: [true, false] });
  });

  it('without parent info, nested paths fall back to textual parent tests', () => {
    const m = Matcher.fromRaw(raw('a/b', '!a'), 'f');
    expect(m.matchesUsingParentResults('a/b', null)).toEqual({ excluded: false, ruleIndex: 1, info: [true, true] });
    expect(m.matchesUsingParentResults('a/b/c', null).excluded).toBe(false);
  });

  it('inherits a parent\'s match bit without re-testing the pattern', () => {
    const m = Matcher.fromRaw(raw('build'), 'f');
    const d = m.matchesUsingParentResults('build', null);
    expect(d.excluded).toBe(true);
    // "build" does not match "build/x" textually, but the bit is inherited.
    expect(m.matchesUsingParentResults('build/x', d.info)).toEqual({ excluded: true, ruleIndex: 0, info: [true] });
    // A made-up parent info is used as given.
    expect(m.matchesUsingParentResults('other/x', [true]).excluded).toBe(true);
    expect(m.matchesUsingParentResults('build/x', [false]).excluded).toBe(false);
  });

  it('records false for rules it skipped, even if they would match', () => {
    const m = Matcher.fromRaw(raw('*', 'a'), 'f');
    // "a" is not evaluated: the path is already excluded by "*".
    expect(m.matchesUsingParentResults('a', null).info).toEqual([true, false]);
    expect(m.matchesUsingParentResults('a', null).ruleIndex).toBe(0);
  });

  it('an exception first in the file can never apply', () => {
    const m = Matcher.fromRaw(raw('!a', 'a'), 'f');
    expect(m.matchesOrParentMatches('a').excluded).toBe(true);
    expect(m.matchesUsingParentResults('a', null)).toEqual({ excluded: true, ruleIndex: 1, info: [false, true] });
  });

  it('the last matching rule wins, exclusions and exceptions alternating', () => {
    const m = Matcher.fromRaw(raw('*.md', '!README.md', 'README.md'), 'f');
    expect(m.matchesOrParentMatches('README.md')).toEqual({ excluded: true, ruleIndex: 2 });
    expect(m.matchesOrParentMatches('a.md')).toEqual({ excluded: true, ruleIndex: 0 });
    expect(m.matchesOrParentMatches('a.txt')).toEqual({ excluded: false, ruleIndex: -1 });
  });

  it('matchesOrParentMatches tests every parent prefix, not only the first one', () => {
    const m = Matcher.fromRaw(raw('b/c'), 'f');
    expect(m.matchesOrParentMatches('b/c/d/e').excluded).toBe(true);
    expect(m.matchesOrParentMatches('a/b/c').excluded).toBe(false);
    const n = Matcher.fromRaw(raw('*/c'), 'f');
    expect(n.matchesOrParentMatches('a/c/d/e').excluded).toBe(true);
    expect(n.matchesOrParentMatches('a/b/c').excluded).toBe(false);
  });
});

describe('Matcher.withExtra', () => {
  it('appends rules with their own source and keeps the originals', () => {
    const base = Matcher.fromRaw(raw('*'), '.dockerignore');
    const m = base.withExtra([{ text: '!Dockerfile', line: 0, raw: '!Dockerfile' }], '(added)');
    expect(m.rules.map((r) => [r.pattern, r.exception, r.source])).toEqual([
      ['*', false, '.dockerignore'],
      ['Dockerfile', true, '(added)'],
    ]);
    expect(m.hasExceptions).toBe(true);
    expect(base.rules).toHaveLength(1);
    expect(m.matchesOrParentMatches('Dockerfile').excluded).toBe(false);
    expect(m.matchesOrParentMatches('other').excluded).toBe(true);
  });

  it('reports an added rule\'s line as null in errors', () => {
    const base = Matcher.fromRaw([], 'f');
    const err = loadError(() => base.withExtra([{ text: '!', line: 0, raw: '!' }], '(added)'));
    expect(err.line).toBeNull();
    expect(err.file).toBe('(added)');
  });
});
