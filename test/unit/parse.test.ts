// readIgnoreFile = moby/patternmatcher ignorefile.ReadAll. Doubtful cases were checked against
// the real docker CLI 28.2.2 (legacy builder): which files it then left out of the context.
import { describe, expect, it } from 'vitest';
import { goTrimSpace, IgnoreFileError, readIgnoreFile, type RawRule } from '../../src/ignore/parse.js';

const enc = new TextEncoder();
const bytes = (s: string): Uint8Array => enc.encode(s);
const texts = (s: string | Uint8Array): string[] =>
  readIgnoreFile(typeof s === 'string' ? bytes(s) : s, '.dockerignore').map((r) => r.text);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

describe('readIgnoreFile: lines and line numbers', () => {
  it('returns text, 1-based line and raw line for every rule', () => {
    const rules = readIgnoreFile(bytes('a\n\n# c\n  b/  \n!c\n'), 'x');
    expect(rules).toEqual<RawRule[]>([
      { text: 'a', line: 1, raw: 'a' },
      { text: 'b', line: 4, raw: '  b/  ' },
      { text: '!c', line: 5, raw: '!c' },
    ]);
  });

  it('reads a last line without a newline', () => {
    expect(texts('a\nb')).toEqual(['a', 'b']);
  });

  it('returns nothing for an empty file, blank lines and comments only', () => {
    expect(texts('')).toEqual([]);
    expect(texts('\n\n\n')).toEqual([]);
    expect(texts('# one\n#two\n   \n\t\n')).toEqual([]);
  });

  it('counts blank and comment lines in line numbers', () => {
    const rules = readIgnoreFile(bytes('\n#x\n\n\nz\n'), 'f');
    expect(rules.map((r) => r.line)).toEqual([5]);
  });
});

describe('readIgnoreFile: comments', () => {
  it('treats "#" as a comment only in column 1', () => {
    // docker: "  # foo" excluded the file "# foo"; "#bar" was a comment and excluded nothing.
    expect(texts('  # foo\n#bar\nfoo\n')).toEqual(['# foo', 'foo']);
  });

  it('keeps a tab-indented "#" line as a pattern', () => {
    expect(texts('\t#x\n')).toEqual(['#x']);
  });

  it('keeps "#" after other characters', () => {
    expect(texts('a#b\n!#c\n')).toEqual(['a#b', '!#c']);
  });
});

describe('readIgnoreFile: byte-order mark', () => {
  it('strips a UTF-8 BOM at the start of the file', () => {
    expect(texts(concat(BOM, bytes('a\nb')))).toEqual(['a', 'b']);
  });

  it('strips the BOM before the comment check ("\\uFEFF#a" is a comment)', () => {
    // docker: with BOM + "#a\nb" only "b" was excluded.
    expect(texts(concat(BOM, bytes('#a\nb')))).toEqual(['b']);
  });

  it('keeps a BOM that starts a later line (TrimSpace does not remove U+FEFF)', () => {
    // docker: "a\n\uFEFFb" excluded the file "\uFEFFb", not "b".
    expect(texts('a\n\uFEFFb\n')).toEqual(['a', '\uFEFFb']);
  });

  it('does not number the BOM as a line', () => {
    expect(readIgnoreFile(concat(BOM, bytes('x')), 'f')).toEqual([{ text: 'x', line: 1, raw: 'x' }]);
  });
});

describe('readIgnoreFile: line endings', () => {
  it('drops the CR of CRLF', () => {
    const rules = readIgnoreFile(bytes('a\r\nb\r\n'), 'f');
    expect(rules).toEqual([
      { text: 'a', line: 1, raw: 'a' },
      { text: 'b', line: 2, raw: 'b' },
    ]);
  });

  it('drops only one CR; TrimSpace then removes the other', () => {
    // docker: "a\r\r\n" excluded "a" and kept the file "a\r".
    const [r] = readIgnoreFile(bytes('a\r\r\nb\n'), 'f');
    expect(r).toEqual({ text: 'a', line: 1, raw: 'a\r' });
  });

  it('does not split on a lone CR', () => {
    // docker: "a\rb" excluded the file "a\rb" and neither "a" nor "b".
    expect(texts('a\rb\n')).toEqual(['a\rb']);
  });
});

describe('readIgnoreFile: whitespace (Go strings.TrimSpace)', () => {
  it('trims ASCII spaces and tabs on both sides', () => {
    expect(texts('  a  \n\tb\t\n \t c d \t \n')).toEqual(['a', 'b', 'c d']);
  });

  it('trims NBSP (U+00A0) and NEL (U+0085), which Go counts as space', () => {
    // docker: "\u00a0a" excluded "a" and kept the file "\u00a0a"; "a\u0085" excluded "a".
    expect(texts('\u00a0a\n')).toEqual(['a']);
    expect(texts('a\u0085\n')).toEqual(['a']);
  });

  it('trims U+3000 and U+2028 but not U+200B or U+FEFF', () => {
    expect(texts('\u3000a\u2028\n')).toEqual(['a']);
    expect(texts('\u200ba\u200b\n')).toEqual(['\u200ba\u200b']);
    expect(texts('x\n\uFEFFa\uFEFF\n')).toEqual(['x', '\uFEFFa\uFEFF']);
  });
});

describe('readIgnoreFile: "!" exceptions', () => {
  it('keeps a leading "!" and trims the space after it', () => {
    expect(texts('!a\n!  b\n! \tc/\n')).toEqual(['!a', '!b', '!c']);
  });

  it('cleans the pattern after the "!"', () => {
    expect(texts('!./a\n!a/../b\n!a//b/\n!../a\n')).toEqual(['!a', '!b', '!a/b', '!../a']);
  });

  it('drops one leading "/" after the "!"', () => {
    expect(texts('!/a\n!//a/b\n')).toEqual(['!a', '!a/b']);
  });

  it('returns a lone "!" unchanged (the matcher rejects it)', () => {
    expect(texts('!\n')).toEqual(['!']);
    expect(texts('!   \n')).toEqual(['!']);
  });

  it('keeps "!/" as "!/" (Clean("/") is "/", one character long)', () => {
    expect(texts('!/\n')).toEqual(['!/']);
  });

  it('keeps a second "!" as part of the pattern', () => {
    expect(texts('!!a\n')).toEqual(['!!a']);
  });
});

describe('readIgnoreFile: normalisation (filepath.Clean, one leading "/" dropped)', () => {
  const table: [string, string][] = [
    ['a/', 'a'],
    ['/a', 'a'],
    ['//a', 'a'],
    ['/a/b/', 'a/b'],
    ['/', '/'],
    ['//', '/'],
    ['.', '.'],
    ['./', '.'],
    ['a/..', '.'],
    ['./a/../b', 'b'],
    ['../a', '../a'],
    ['/../a', 'a'],
    ['x/../../a', '../a'],
    ['**/', '**'],
    ['a//b', 'a/b'],
    ['a\\b', 'a\\b'],
    ['*.go/', '*.go'],
  ];
  it.each(table)('%j → %j', (line, expected) => {
    expect(texts(line + '\n')).toEqual([expected]);
  });
});

describe('readIgnoreFile: 64 KiB line limit (bufio.Scanner)', () => {
  const expectTooLong = (data: Uint8Array, line: number): void => {
    let caught: unknown;
    try {
      readIgnoreFile(data, 'ctx/.dockerignore');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(IgnoreFileError);
    expect((caught as IgnoreFileError).file).toBe('ctx/.dockerignore');
    expect((caught as IgnoreFileError).line).toBe(line);
  };

  it('accepts a 65535-byte line and rejects a 65536-byte one (docker agrees)', () => {
    expect(texts('a'.repeat(65535) + '\nb\n')).toEqual(['a'.repeat(65535), 'b']);
    expectTooLong(bytes('a'.repeat(65536) + '\nb\n'), 1);
  });

  it('counts the CR of a CRLF line', () => {
    expect(texts('a'.repeat(65534) + '\r\nb\n')).toHaveLength(2);
    expectTooLong(bytes('a'.repeat(65535) + '\r\nb\n'), 1);
  });

  it('applies the limit to a last line without newline', () => {
    expect(texts('b\n' + 'a'.repeat(65535))).toHaveLength(2);
    expectTooLong(bytes('b\n' + 'a'.repeat(65536)), 2);
  });

  it('counts bytes, not characters', () => {
    expect(texts('é'.repeat(32767) + 'a\n')).toHaveLength(1); // 65535 bytes
    expectTooLong(bytes('é'.repeat(32768) + '\n'), 1); // 65536 bytes
  });

  it('reports the line number of the long line', () => {
    expectTooLong(bytes('a\n#c\n\n' + 'x'.repeat(70000) + '\n'), 4);
  });

  // Docker scans the line first and strips the BOM afterwards, so the BOM counts towards the
  // limit: docker 28.2.2 fails with "bufio.Scanner: token too long" for BOM + 65533 bytes.
  it('counts a leading BOM towards the limit of the first line (docker: token too long)', () => {
    expectTooLong(concat(BOM, bytes('a'.repeat(65533) + '\nb\n')), 1);
  });

  it('accepts BOM + 65532 bytes (docker agrees)', () => {
    expect(texts(concat(BOM, bytes('a'.repeat(65532) + '\nb\n')))).toHaveLength(2);
  });

  it('formats the error as file:line: message', () => {
    expect(() => readIgnoreFile(bytes('a'.repeat(65536)), 'sub/.dockerignore')).toThrow(/^sub\/\.dockerignore:1: /);
  });
});

describe('goTrimSpace (Go strings.TrimSpace)', () => {
  const table: [string, string][] = [
    [' a ', 'a'],
    ['\t\n\v\f\r a \r\n', 'a'],
    ['\u0085a\u0085', 'a'],
    ['\u00a0a\u00a0', 'a'],
    ['\ufeffa\ufeff', '\ufeffa\ufeff'],
    ['\u2028a\u2029', 'a'],
    ['\u3000a\u3000', 'a'],
    ['\u200ba\u200b', '\u200ba\u200b'],
    ['\u1680a\u202f', 'a'],
    ['\u205fa\u180e', 'a\u180e'],
    ['\u2000\u200aa\u200b', 'a\u200b'],
    ['', ''],
    ['   ', ''],
    ['a b', 'a b'],
    ['\x1ca\x1f', '\x1ca\x1f'],
    ['\u{1F600} ', '\u{1F600}'],
    [' \u{1F600}', '\u{1F600}'],
  ];
  it.each(table)('goTrimSpace(%j) = %j', (input, expected) => {
    expect(goTrimSpace(input)).toBe(expected);
  });
});
