// Literal patterns round-trip through the real matcher (src/ignore/: moby/patternmatcher with its
// leaked RE2 syntax) and ReadAll's line handling: each hostile name is matched by its own
// pattern, alone and under a directory, and by no other name.
import { describe, expect, it } from 'vitest';
import { Matcher } from '../../src/ignore/matcher.js';
import { readIgnoreFile } from '../../src/ignore/parse.js';
import { literalPattern } from '../../src/suggest/escape.js';

// Every character the matcher or ReadAll treats specially, at the start, middle and end.
export const HOSTILE = [
  'a|b', '|', '{x}', 'a{2}', 'aa', 'x{1,3}y', '^caret', 'mid^dle', '$dollar', '[x]', 'x', '[!a]', '*star', 'star*', '**', 'q?', 'qq',
  'back\\slash', 'trail\\', '#hash', 'not#hash', '!bang', 'not!bang', ' lead', 'trail ', '\ttab', 'tab\t', 'a b', 'a.b+c(d)$e', 'a.b',
  '\uFEFFbom', 'ünï', 'a\u00a0', '\u3000wide', '(group)', 'plus+', 'dot.', '.hidden', '-dash', 'a]b', ']', 'a\rb', 'cr\r', 'x*|y', 'x', 'y', '{a}?', '^[z]', 'z', 'a|', 'b|c{0}',
];

function matcher(line: string): Matcher {
  return Matcher.fromRaw(readIgnoreFile(new TextEncoder().encode(`${line}\n`), '.dockerignore'), '.dockerignore');
}

describe('literalPattern', () => {
  it.each(HOSTILE)('%j matches itself and nothing else', (name) => {
    const l = literalPattern(name);
    expect(l.ok).toBe(true);
    if (!l.ok) return;
    const m = matcher(l.line);
    expect(m.rules).toHaveLength(1);
    expect(m.rules[0]!.exception).toBe(false);
    expect(m.matchesOrParentMatches(name).excluded).toBe(true);
    expect(m.matchesOrParentMatches(`${name}/inside`).excluded).toBe(true);
    for (const other of HOSTILE) if (other !== name) expect(m.matchesOrParentMatches(other).excluded, `${JSON.stringify(l.line)} vs ${JSON.stringify(other)}`).toBe(false);
    // Under a directory, and with an exception in front (the "!" form parses to the same rule).
    const nested = literalPattern(`dir/${name}`);
    expect(nested.ok && matcher(nested.line).matchesOrParentMatches(`dir/${name}`).excluded).toBe(true);
    // "**/" makes every pattern a regexp, where `| { } ^` would leak into RE2 unescaped.
    const deep = matcher(`**/${l.line}`);
    expect(deep.rules[0]!.compiled.type).not.toBe('exact');
    expect(deep.matchesOrParentMatches(`deep/${name}`).excluded).toBe(true);
    for (const other of HOSTILE) if (other !== name) expect(deep.matchesOrParentMatches(`deep/${other}`).excluded, `**/${l.line} vs ${JSON.stringify(other)}`).toBe(false);
    const exc = matcher(`!${l.line}`);
    expect(exc.rules[0]!.exception).toBe(true);
    expect(exc.rules[0]!.pattern).toBe(m.rules[0]!.pattern);
  });

  it('skips names it cannot write, saying why', () => {
    expect(literalPattern('new\nline')).toMatchObject({ ok: false, reason: expect.stringMatching(/newline/) });
    expect(literalPattern('bad\uDC80byte')).toMatchObject({ ok: false, reason: expect.stringMatching(/UTF-8/) });
  });
});
