// Compose's variable interpolation and its `.env` file syntax, as compose-go v2 implements them.
//
// Interpolation: `$$` is a literal "$"; `$NAME` and `${NAME}` substitute (an unset variable
// becomes "" and is reported in `unset`); `${NAME:-w}` / `${NAME-w}` default when unset or empty /
// unset; `${NAME:?e}` / `${NAME?e}` fail when unset or empty / unset; `${NAME:+w}` / `${NAME+w}`
// replace when set and non-empty / set. The word may itself hold interpolations. A "$" followed
// by anything else stays literal; a "${" that is not a valid form is an error.
//
// `.env`: `KEY=VALUE` or `KEY: VALUE`, optional `export ` prefix, `#` comment lines, blank lines.
// Unquoted values end at the line end, lose a ` #` comment and trailing space, and are
// interpolated. Single-quoted values are literal and may span lines. Double-quoted values may
// span lines, take the escapes \n \t \r \\ \" \$ (and \a \b \f \v), and are interpolated. A bare
// `KEY` line takes KEY from the environment. Interpolation inside the file sees the keys defined
// above it first, then the environment.

export class InterpolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterpolationError';
  }
}

export type Lookup = (name: string) => string | undefined;

export interface Substituted {
  value: string;
  /** Variables referenced without a default that were not set (Compose warns and uses ""). */
  unset: string[];
}

const NAME_START = /[_A-Za-z]/;
const NAME_CHAR = /[_A-Za-z0-9]/;

/** Interpolate one string. Throws InterpolationError for an invalid template or a missing required variable. */
export function substitute(template: string, lookup: Lookup): Substituted {
  const unset: string[] = [];
  const value = subst(template, lookup, unset, template);
  return { value, unset: [...new Set(unset)] };
}

function invalid(template: string): InterpolationError {
  return new InterpolationError(`invalid interpolation format: ${JSON.stringify(template)}; you may need to escape any $ with another $`);
}

function subst(s: string, lookup: Lookup, unset: string[], whole: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = s[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let j = i + 2;
      while (j < s.length && NAME_CHAR.test(s[j] ?? '')) j++;
      const name = s.slice(i + 1, j);
      const v = lookup(name);
      if (v === undefined) unset.push(name);
      out += v ?? '';
      i = j;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(s, i + 2);
      if (end < 0) throw invalid(whole);
      out += braced(s.slice(i + 2, end), lookup, unset, whole);
      i = end + 1;
      continue;
    }
    // A lone "$" (end of string, digit, space, punctuation) is kept as it is.
    out += '$';
    i++;
  }
  return out;
}

/** Index of the "}" closing a "${" whose content starts at `from`, or -1. Nested "${...}" and "$$" are skipped. */
function closingBrace(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '$') {
      if (s[i + 1] === '$') {
        i++;
      } else if (s[i + 1] === '{') {
        depth++;
        i++;
      }
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function braced(body: string, lookup: Lookup, unset: string[], whole: string): string {
  if (!NAME_START.test(body[0] ?? '')) throw invalid(whole);
  let j = 1;
  while (j < body.length && NAME_CHAR.test(body[j] ?? '')) j++;
  const name = body.slice(0, j);
  const rest = body.slice(j);
  const value = lookup(name);
  if (rest === '') {
    if (value === undefined) unset.push(name);
    return value ?? '';
  }
  const m = /^(:?)([-?+])/.exec(rest);
  if (m === null) throw invalid(whole);
  const colon = m[1] === ':';
  const op = m[2];
  const word = rest.slice(m[0].length);
  const present = value !== undefined && (!colon || value !== '');
  switch (op) {
    case '-':
      return present ? (value ?? '') : subst(word, lookup, unset, whole);
    case '+':
      return present ? subst(word, lookup, unset, whole) : (value ?? '');
    default: {
      // '?'
      if (present) return value ?? '';
      const reason = subst(word, lookup, unset, whole);
      throw new InterpolationError(reason === '' ? `required variable ${name} is missing a value` : `required variable ${name} is missing a value: ${reason}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// .env files

export class DotenvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'DotenvError';
  }
}

const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
const INLINE_SPACE = /[\t\v\f\r \u0085\u00a0]/;

/**
 * Parse a Compose `.env` file. `environment` is consulted for bare `KEY` lines and, after the
 * keys defined earlier in the file, for interpolation. Throws DotenvError with a 1-based line.
 */
export function parseDotenv(text: string, environment: Lookup): Map<string, string> {
  const out = new Map<string, string>();
  const lookup: Lookup = (k) => out.get(k) ?? environment(k);
  let i = 0;
  let line = 1;
  const n = text.length;
  const interpolate = (v: string, at: number): string => {
    try {
      return substitute(v, lookup).value;
    } catch (e) {
      throw new DotenvError((e as Error).message, at);
    }
  };
  while (i < n) {
    // Skip whitespace (counting lines) and comment lines.
    const c = text[i] ?? '';
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const stmtLine = line;
    if (/^export[\t ]+/.test(text.slice(i, i + 16))) {
      i += 6;
      while (i < n && INLINE_SPACE.test(text[i] ?? '')) i++;
    }
    // Key, up to "=", ":" or the end of the line (a bare key).
    let key = '';
    let terminator = '';
    while (i < n) {
      const k = text[i] ?? '';
      if (k === '=' || k === ':' || k === '\n') {
        terminator = k;
        i++;
        break;
      }
      if (INLINE_SPACE.test(k)) {
        key += k;
        i++;
        continue;
      }
      if (!KEY_CHAR.test(k)) throw new DotenvError(`unexpected character ${JSON.stringify(k)} in variable name`, stmtLine);
      key += k;
      i++;
    }
    key = key.trim();
    if (key.includes(' ') || key.includes('\t')) throw new DotenvError('key cannot contain a space', stmtLine);
    if (terminator === '\n' || terminator === '') {
      if (terminator === '\n') line++;
      if (key !== '') {
        const v = environment(key);
        if (v !== undefined) out.set(key, v);
      }
      continue;
    }
    if (key === '') throw new DotenvError('missing variable name', stmtLine);
    while (i < n && INLINE_SPACE.test(text[i] ?? '')) i++;
    const q = text[i];
    if (q === '"' || q === "'") {
      let raw = '';
      let escaped = false;
      let closed = false;
      let j = i + 1;
      for (; j < n; j++) {
        const ch = text[j] ?? '';
        if (ch === '\n') line++;
        if (escaped) {
          escaped = false;
          if (ch !== q) raw += '\\';
          raw += ch;
          continue;
        }
        if (ch === '\\') {
          escaped = true;
          continue;
        }
        if (ch === q) {
          closed = true;
          break;
        }
        raw += ch;
      }
      if (!closed) throw new DotenvError(`unterminated quoted value for ${key}`, stmtLine);
      i = j + 1;
      out.set(key, q === '"' ? interpolate(unescapeDouble(raw), stmtLine) : raw);
      continue;
    }
    let end = text.indexOf('\n', i);
    if (end < 0) end = n;
    let value = text.slice(i, end);
    const hash = value.indexOf(' #');
    if (hash >= 0) value = value.slice(0, hash);
    value = value.replace(/\s+$/u, '');
    i = end;
    out.set(key, interpolate(value, stmtLine));
  }
  return out;
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\', $: '$$' };

function unescapeDouble(raw: string): string {
  return raw.replace(/\\([abfnrtv"\\$])/g, (_m, ch: string) => ESCAPES[ch] ?? ch);
}
