// Variable expansion as BuildKit's frontend/dockerfile/shell/lex.go (ProcessWord) does it.
import { describe, expect, it } from 'vitest';
import { processWord, ShellLexError } from '../../src/dockerfile/shell-lex.js';

const env = new Map([
  ['A', 'alpha'],
  ['EMPTY', ''],
  ['PATHV', '/usr/local/bin/node'],
  ['FILE', 'archive.tar.gz'],
]);
const x = (word: string, escape = '\\'): string => processWord(word, env, { escape }).result;

describe('processWord', () => {
  it('expands $VAR and ${VAR}; unset variables become empty', () => {
    expect(x('$A/x')).toBe('alpha/x');
    expect(x('${A}x')).toBe('alphax');
    expect(x('$Ax')).toBe(''); // the name is "Ax"
    expect(x('src/$NOPE/f')).toBe('src//f');
  });

  it('keeps a lone or trailing $', () => {
    expect(x('a$')).toBe('a$');
    expect(x('$/x')).toBe('$/x');
  });

  it('handles the - and + modifiers with and without ":"', () => {
    expect(x('${NOPE:-def}')).toBe('def');
    expect(x('${EMPTY:-def}')).toBe('def');
    expect(x('${EMPTY-def}')).toBe(''); // set but empty: no ":" → keep empty
    expect(x('${A:-def}')).toBe('alpha');
    expect(x('${A:+alt}')).toBe('alt');
    expect(x('${EMPTY:+alt}')).toBe('');
    expect(x('${EMPTY+alt}')).toBe('alt');
    expect(x('${NOPE+alt}')).toBe('');
    expect(x('${NOPE:-$A}')).toBe('alpha'); // the default is itself expanded
  });

  it('fails on ${VAR:?} when unset, like BuildKit', () => {
    expect(() => x('${NOPE:?must be set}')).toThrow(ShellLexError);
    expect(() => x('${NOPE:?must be set}')).toThrow(/NOPE: must be set/);
    expect(x('${A:?}')).toBe('alpha');
  });

  it('trims prefixes and suffixes (shortest and longest)', () => {
    expect(x('${PATHV#*/}')).toBe('usr/local/bin/node');
    expect(x('${PATHV##*/}')).toBe('node');
    expect(x('${FILE%.*}')).toBe('archive.tar');
    expect(x('${FILE%%.*}')).toBe('archive');
  });

  it('replaces the first or every match', () => {
    expect(x('${FILE/a/A}')).toBe('Archive.tar.gz');
    expect(x('${FILE//a/A}')).toBe('Archive.tAr.gz');
  });

  it('removes quotes; single quotes stop expansion', () => {
    expect(x('"a b"')).toBe('a b');
    expect(x("'$A'")).toBe('$A');
    expect(x('"$A"x')).toBe('alphax');
    expect(() => x('"a')).toThrow(/matching double-quote/);
  });

  it('applies the escape token: backslash by default, backtick with # escape=`', () => {
    expect(x('\\$A')).toBe('$A');
    expect(x('a\\\\b')).toBe('a\\b');
    expect(x('a\\')).toBe('a'); // a trailing escape is dropped
    expect(x('c:\\dir\\$A', '`')).toBe('c:\\dir\\alpha'); // backslash is literal with `
    expect(x('`$A', '`')).toBe('$A');
  });

  it('rejects bad substitutions', () => {
    expect(() => x('${}')).toThrow(/bad substitution/);
    expect(() => x('${A')).toThrow();
    expect(() => x('${A:3}')).toThrow(/unsupported modifier/);
  });

  it('reports unmatched variables', () => {
    const r = processWord('$A/${NOPE:-x}/$OTHER', env);
    expect([...r.unmatched].sort()).toEqual(['NOPE', 'OTHER']);
    expect([...r.matched]).toEqual(['A']);
  });
});
