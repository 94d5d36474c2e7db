// prunePolicy: which excluded directories each builder skips without reading.
// legacy   = moby archive.TarWithOptions: keep walking an excluded dir only when some exception's
//            text + "/" starts with dir + "/" (checked against docker 28.2.2 in walk.test.ts).
// buildkit = tonistiigi/fsutil filterFS: any exception containing one of * [ ] ? ^ \ (after
//            dropping a trailing "/**" then "/*") disables pruning; otherwise the same prefix test
//            on the exception without its trailing glob.
import { describe, expect, it } from 'vitest';
import { BUILDERS, prunePolicy, type Builder } from '../../src/context/builders.js';
import { Matcher } from '../../src/ignore/matcher.js';

const matcher = (...texts: string[]): Matcher =>
  Matcher.fromRaw(
    texts.map((text, i) => ({ text, line: i + 1, raw: text })),
    '.dockerignore',
  );
const prunes = (builder: Builder, rules: string[], dir: string): boolean => prunePolicy(builder, matcher(...rules)).prunes(dir);

describe('prunePolicy', () => {
  it('knows both builders', () => {
    expect(BUILDERS).toEqual(['buildkit', 'legacy']);
  });

  it.each(BUILDERS)('%s: prunes every excluded directory when there are no exceptions', (b) => {
    expect(prunes(b, ['a', 'b/**'], 'a')).toBe(true);
    expect(prunes(b, ['a', 'b/**'], 'b/c')).toBe(true);
    expect(prunePolicy(b, matcher('a')).keptOpenBy('a')).toBeNull();
  });

  it.each(BUILDERS)('%s: keeps a directory open for an exception below it', (b) => {
    const policy = prunePolicy(b, matcher('a', '!a/b/c'));
    expect(policy.prunes('a')).toBe(false);
    expect(policy.prunes('a/b')).toBe(false);
    expect(policy.prunes('a/b/c')).toBe(false);
    expect(policy.prunes('a/x')).toBe(true);
    // A sibling sharing the text prefix is not kept open: the test is on "dir/".
    expect(policy.prunes('a/b/cd')).toBe(true);
    expect(policy.prunes('ab')).toBe(true);
    const rule = policy.keptOpenBy('a/b');
    expect(rule).not.toBeNull();
    expect(rule !== 'wildcard-exception' && rule?.pattern).toBe('a/b/c');
  });

  it.each(BUILDERS)('%s: an exception naming the directory itself keeps it open', (b) => {
    expect(prunes(b, ['*', '!a'], 'a')).toBe(false);
  });

  describe('legacy: the exception text is used literally', () => {
    it('"!a/*.txt" keeps "a" open ("a/*.txt/" starts with "a/")', () => {
      // docker: "a\n!a/*.txt" sent a/b.txt.
      expect(prunes('legacy', ['a', '!a/*.txt'], 'a')).toBe(false);
      expect(prunes('legacy', ['a', '!a/*.txt'], 'a/d')).toBe(true);
    });

    it('"!**/*.txt" keeps nothing open', () => {
      // docker: "a\n!**/*.txt" sent none of a/b.txt, a/d/e.txt.
      expect(prunes('legacy', ['a', '!**/*.txt'], 'a')).toBe(true);
    });

    it('"!a/**" keeps "a" open but not "a/b" (text "a/**/" does not start with "a/b/")', () => {
      expect(prunes('legacy', ['a', '!a/**'], 'a')).toBe(false);
      expect(prunes('legacy', ['a', '!a/**'], 'a/b')).toBe(true);
    });

    it('compares the whole text, trailing glob included ("!a/*" keeps a directory named "a/*" open)', () => {
      expect(prunes('legacy', ['a', '!a/*', 'a/*/'], 'a/*')).toBe(false);
      // BuildKit drops the trailing "/*" first: "a/" does not start with "a/*/".
      expect(prunes('buildkit', ['a', '!a/*', 'a/*/'], 'a/*')).toBe(true);
    });

    it('never reports a wildcard exception', () => {
      expect(prunePolicy('legacy', matcher('a', '!**/*.txt')).keptOpenBy('a')).toBeNull();
    });
  });

  describe('buildkit: wildcard exceptions disable pruning', () => {
    it.each(['!**/*.txt', '!a/*.txt', '!a/?', '!a/[bc]', '!a^b', '!a\\b', '!x]'])('%j disables pruning everywhere', (exc) => {
      const policy = prunePolicy('buildkit', matcher('a', 'zzz', exc));
      expect(policy.prunes('a')).toBe(false);
      expect(policy.prunes('zzz')).toBe(false);
      expect(policy.keptOpenBy('zzz')).toBe('wildcard-exception');
    });

    it('a trailing "/**" or "/*" is not a wildcard', () => {
      for (const exc of ['!a/b/**', '!a/b/*', '!a/b/*/**']) {
        const policy = prunePolicy('buildkit', matcher('a', 'x', exc));
        expect(policy.prunes('a'), exc).toBe(false);
        expect(policy.prunes('x'), exc).toBe(true);
      }
    });

    it('"/**" is dropped before "/*", not the other way round', () => {
      // "a/*/**" → "a/*" → "a": prefix only, so "a" stays open but "a/b" is pruned.
      const policy = prunePolicy('buildkit', matcher('a', '!a/*/**'));
      expect(policy.prunes('a')).toBe(false);
      expect(policy.prunes('a/b')).toBe(true);
      // "a/**/*" → "a/**" still has a wildcard.
      expect(prunePolicy('buildkit', matcher('a', '!a/**/*')).prunes('zzz')).toBe(false);
    });

    it('"!a/b/**" keeps "a/b" open for buildkit, unlike legacy', () => {
      expect(prunes('buildkit', ['a', '!a/b/**'], 'a/b')).toBe(false);
      expect(prunes('legacy', ['a', '!a/b/**'], 'a/b')).toBe(false);
      // legacy uses the raw text "a/b/**/": "a/b/c" is pruned by both.
      expect(prunes('buildkit', ['a', '!a/b/**'], 'a/b/c')).toBe(true);
      expect(prunes('legacy', ['a', '!a/b/**'], 'a/b/c')).toBe(true);
    });

    it('wildcards in exclusion rules do not matter', () => {
      expect(prunes('buildkit', ['**/*.log', 'a*', '!x/y'], 'ab')).toBe(true);
      expect(prunes('buildkit', ['**/*.log', 'a*', '!x/y'], 'x')).toBe(false);
    });
  });
});
