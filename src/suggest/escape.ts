// Writing a file name as an ignore pattern that matches exactly that name and nothing else.
//
// Docker's matcher (moby/patternmatcher, reimplemented in src/ignore/) gives meaning to more
// characters than the glob ones: `*`, `?`, `[`, `]` and `\` are glob syntax, and once a
// pattern is a regexp (any glob or escape in it) the characters patternmatcher forgets to escape
// reach Go's RE2 raw: `{`, `}`, `|` (its shouldEscape bitmap is indexed wrongly for bytes >= 64)
// and `^`. Older matchers leak more: moby's pkg/fileutils of the Docker 20.10 era (what
// BuildKit v0.8's fsutil filters with) escapes only `.` and `$`, so `+`, `(` and `)` reach RE2
// too (found on the real engine: `n.b+(in)$` excluded nothing there). Each of those is written
// with a backslash, which every version turns into a regexp escape of that character (RE2
// accepts `\` before any ASCII punctuation).
//
// Beyond the matcher, ignorefile.ReadAll shapes the line: a "#" in column 1 is a comment, a
// leading "!" is an exception, and Go's unicode.IsSpace characters at either end are trimmed.
// A leading "#"/"!" is escaped; an edge space is written as a one-character class ("[ ]"),
// which neither the trim nor filepath.Match's validation touches. A byte-order mark at the start
// is skipped by Go's text/scanner when the pattern compiles, so it becomes a class too.
//
// Names that cannot be written at all: a newline ends the line (bufio.ScanLines), and a name
// holding raw non-UTF-8 bytes (lone surrogates in ctxcheck's encoding) reaches Docker's matcher
// as U+FFFD runes, which no literal can select without also matching every other bad byte.

/** Characters escaped with a backslash wherever they appear. */
const SPECIAL = new Set(['*', '?', '[', ']', '\\', '{', '}', '|', '^', '+', '(', ')']);

// Go's unicode.IsSpace (the characters strings.TrimSpace removes).
function isGoSpace(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp <= 0xff) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  return cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type Literal = { ok: true; line: string } | { ok: false; reason: string };

/** A pattern for exactly this context-relative path (slash-separated). */
export function literalPattern(path: string): Literal {
  if (path.includes('\n')) return { ok: false, reason: 'its name holds a newline, which ends a line of the ignore file' };
  if (LONE_SURROGATE.test(path)) return { ok: false, reason: 'its name is not valid UTF-8, and Docker matches such bytes only as U+FFFD' };
  const chars = Array.from(path);
  let out = '';
  chars.forEach((ch, i) => {
    const atEdge = i === 0 || i === chars.length - 1;
    if (SPECIAL.has(ch)) out += `\\${ch}`;
    else if (i === 0 && (ch === '#' || ch === '!')) out += `\\${ch}`;
    else if ((atEdge && isGoSpace(ch)) || (i === 0 && ch === '\uFEFF') || ch === '\r') out += `[${ch}]`;
    else out += ch;
  });
  return { ok: true, line: out };
}

/** The literal pattern, or null when the name cannot be written. */
export function literalOrNull(path: string): string | null {
  const l = literalPattern(path);
  return l.ok ? l.line : null;
}
