// One compiled ignore pattern, reproducing moby/patternmatcher (v0.6) exactly: how the text is
// turned into an exact, prefix, suffix or regexp match, and when that fails.
import { goRegexp, GoRegexpError } from './go-regexp.js';

export type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

// Characters patternmatcher really escapes before building its regexp. Its shouldEscape lists
// `.+()|{}$`, but stores them in an 8-byte bitmap indexed by `1 << (b/8)`, which is 0 for any
// byte >= 64: so "{", "}" and "|" reach Go's regexp raw (repetition, alternation), as does "^".
const ESCAPED = new Set(['.', '+', '(', ')', '$']);

export interface CompiledPattern {
  type: MatchType;
  /** Go regexp source, for `why` explanations and debugging. */
  goSource: string;
  regexp: RegExp | null;
  /** Set when Go's regexp.Compile would fail: Docker then errors on the first match attempt. */
  error: string | null;
}

/** Build the match strategy for a cleaned pattern (patternmatcher's Pattern.compile). */
export function compilePattern(cleaned: string): CompiledPattern {
  let src = '^';
  let type: MatchType = 'exact';
  // Go's text/scanner skips a byte-order mark at the very start of its input.
  const chars = Array.from(cleaned.startsWith('\uFEFF') ? cleaned.slice(1) : cleaned);
  let pos = 0;
  for (let i = 0; pos < chars.length; i++) {
    const ch = chars[pos++]!;
    if (ch === '*') {
      if (chars[pos] === '*') {
        pos++;
        if (chars[pos] === '/') pos++; // "**/" is treated as "**"
        if (pos >= chars.length) {
          if (type === 'exact') type = 'prefix';
          else {
            src += '.*';
            type = 'regexp';
          }
        } else {
          src += '(.*/)?';
          type = 'regexp';
        }
        if (i === 0) type = 'suffix';
      } else {
        src += '[^/]*';
        type = 'regexp';
      }
    } else if (ch === '?') {
      src += '[^/]';
      type = 'regexp';
    } else if (ESCAPED.has(ch)) {
      src += '\\' + ch;
    } else if (ch === '\\') {
      if (pos < chars.length) {
        src += '\\' + chars[pos++]!;
        type = 'regexp';
      } else {
        src += '\\';
      }
    } else if (ch === '[' || ch === ']') {
      src += ch;
      type = 'regexp';
    } else {
      src += ch;
    }
  }
  if (type !== 'regexp') return { type, goSource: src, regexp: null, error: null };
  src += '$';
  try {
    return { type, goSource: src, regexp: goRegexp(src), error: null };
  } catch (err) {
    if (err instanceof GoRegexpError) return { type, goSource: src, regexp: null, error: err.message };
    throw err;
  }
}

export class PatternMatchError extends Error {
  constructor(
    readonly pattern: string,
    detail: string,
  ) {
    super(`syntax error in pattern ${JSON.stringify(pattern)}: ${detail}`);
    this.name = 'PatternMatchError';
  }
}

/** Does `path` (slash-separated, context-relative) match the cleaned pattern? */
export function matchCompiled(cleaned: string, c: CompiledPattern, path: string): boolean {
  switch (c.type) {
    case 'exact':
      return path === cleaned;
    case 'prefix':
      return path.startsWith(cleaned.slice(0, -2));
    case 'suffix': {
      const suffix = cleaned.slice(2);
      if (path.endsWith(suffix)) return true;
      return suffix.startsWith('/') && path === suffix.slice(1);
    }
    case 'regexp':
      if (!c.regexp) throw new PatternMatchError(cleaned, c.error ?? 'bad pattern');
      return c.regexp.test(path);
  }
}
