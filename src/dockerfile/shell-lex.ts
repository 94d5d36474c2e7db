// Variable expansion for Dockerfile words, following moby/buildkit frontend/dockerfile/shell/lex.go
// (Lex.ProcessWord): quotes, the escape token, $VAR, ${VAR}, ${VAR:-w}, ${VAR-w}, ${VAR:+w},
// ${VAR+w}, ${VAR:?w}, ${VAR?w}, ${VAR#p}, ${VAR##p}, ${VAR%p}, ${VAR%%p}, ${VAR/p/r}, ${VAR//p/r}.
// Independent implementation of the documented/observed semantics; error texts mirror BuildKit's.

export class ShellLexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellLexError';
  }
}

export interface LexOptions {
  /** The Dockerfile escape token: "\\" (default) or "`" (`# escape=\``). */
  escape?: string;
  /** Keep quote characters in the output (BuildKit's RawQuotes). */
  rawQuotes?: boolean;
  /** Keep escape characters in the output (BuildKit's RawEscapes). */
  rawEscapes?: boolean;
  /** Leave references to unset variables as written (BuildKit's SkipUnsetEnv). */
  skipUnsetEnv?: boolean;
}

export interface ProcessResult {
  result: string;
  /** Variable names that were looked up and found. */
  matched: Set<string>;
  /** Variable names that were looked up and not set. */
  unmatched: Set<string>;
}

export type Env = ReadonlyMap<string, string>;

const EOF = null;
type Ch = string | null;

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

function isSpecialParam(ch: string): boolean {
  return ch === '@' || ch === '*' || ch === '#' || ch === '?' || ch === '-' || ch === '$' || ch === '!' || ch === '0';
}

class Word {
  private readonly chars: string[];
  private pos = 0;
  private rawEscapes: boolean;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();

  constructor(
    word: string,
    private readonly env: Env,
    private readonly escape: string,
    private readonly rawQuotes: boolean,
    rawEscapes: boolean,
    private readonly skipUnsetEnv: boolean,
  ) {
    this.chars = Array.from(word);
    this.rawEscapes = rawEscapes;
  }

  private peek(): Ch {
    return this.pos < this.chars.length ? this.chars[this.pos]! : EOF;
  }

  private next(): Ch {
    return this.pos < this.chars.length ? this.chars[this.pos++]! : EOF;
  }

  private getEnv(name: string): [string, boolean] {
    // EqualEnvKeys is plain equality on Linux.
    const v = this.env.get(name);
    if (v !== undefined) {
      this.matched.add(name);
      return [v, true];
    }
    this.unmatched.add(name);
    return ['', false];
  }

  /** processStopOn: read until `stop` (consumed) or the end of input when `stop` is null. */
  processStopOn(stop: string | null, rawEscapes: boolean): string {
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      let result = '';
      while (this.peek() !== EOF) {
        const ch = this.peek()!;
        if (stop !== null && ch === stop) {
          this.next();
          return result;
        }
        if (ch === '$') {
          result += this.processDollar();
        } else if (ch === "'") {
          result += this.processSingleQuote();
        } else if (ch === '"') {
          result += this.processDoubleQuote();
        } else {
          let c = this.next()!;
          if (c === this.escape) {
            if (this.rawEscapes) result += c;
            const n = this.next();
            if (n === EOF) break;
            c = n;
          }
          result += c;
        }
      }
      if (stop !== null) throw new ShellLexError(`unexpected end of statement while looking for matching ${stop}`);
      return result;
    } finally {
      this.rawEscapes = saved;
    }
  }

  private processSingleQuote(): string {
    let result = '';
    const open = this.next()!;
    if (this.rawQuotes) result += open;
    for (;;) {
      const ch = this.next();
      if (ch === EOF) throw new ShellLexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") {
        if (this.rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }

  private processDoubleQuote(): string {
    let result = '';
    const open = this.next()!;
    if (this.rawQuotes) result += open;
    for (;;) {
      const p = this.peek();
      if (p === EOF) throw new ShellLexError('unexpected end of statement while looking for matching double-quote');
      if (p === '"') {
        const ch = this.next()!;
        if (this.rawQuotes) result += ch;
        return result;
      }
      if (p === '$') {
        result += this.processDollar();
        continue;
      }
      let ch = this.next()!;
      if (ch === this.escape) {
        if (this.rawEscapes) result += ch;
        const n = this.peek();
        if (n === EOF) continue; // the loop then reports the missing quote
        if (n === '"' || n === '$' || n === this.escape) ch = this.next()!;
      }
      result += ch;
    }
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== EOF) {
      const ch = this.peek()!;
      if (name === '' && DIGIT.test(ch)) {
        while (this.peek() !== EOF && DIGIT.test(this.peek()!)) name += this.next()!;
        return name;
      }
      if (name === '' && isSpecialParam(ch)) {
        this.next();
        return ch;
      }
      if (!LETTER.test(ch) && !DIGIT.test(ch) && ch !== '_') break;
      name += this.next()!;
    }
    return name;
  }

  private processDollar(): string {
    this.next(); // '$'
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const [value, found] = this.getEnv(name);
      if (!found && this.skipUnsetEnv) return '$' + name;
      return value;
    }
    this.next(); // '{'
    const p = this.peek();
    if (p === EOF) throw new ShellLexError("syntax error: missing '}'");
    if (p === '{' || p === '}' || p === ':') throw new ShellLexError('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    let chs = ch ?? '';
    let nullIsUnset = false;

    if (ch === '}') {
      const [value, set] = this.getEnv(name);
      if (!set && this.skipUnsetEnv) return `\${${name}}`;
      return value;
    }
    if (ch === ':') {
      nullIsUnset = true;
      ch = this.next();
      chs += ch ?? '';
    }
    if (nullIsUnset || ch === '+' || ch === '-' || ch === '?' || ch === '#' || ch === '%') {
      const rawEscapes = ch === '#' || ch === '%';
      let word: string;
      try {
        word = this.processStopOn('}', rawEscapes);
      } catch (err) {
        if (this.peek() === EOF) throw new ShellLexError("syntax error: missing '}'");
        throw err;
      }
      const [value, set] = this.getEnv(name);
      if (this.skipUnsetEnv && !set) return `\${${name}${chs}${word}}`;
      switch (ch) {
        case '-':
          return !set || (nullIsUnset && value === '') ? word : value;
        case '+':
          return !set || (nullIsUnset && value === '') ? '' : word;
        case '?':
          if (!set) throw new ShellLexError(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
          if (nullIsUnset && value === '') throw new ShellLexError(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
          return value;
        case '%':
        case '#': {
          let greedy = false;
          let pattern = word;
          if (pattern.length > 0 && pattern[0] === ch) {
            greedy = true;
            pattern = pattern.slice(1);
          }
          return ch === '%' ? trimSuffix(pattern, value, greedy) : trimPrefix(pattern, value, greedy);
        }
        default:
          throw new ShellLexError(`unsupported modifier (${chs}) in substitution`);
      }
    }
    if (ch === '/') {
      const replaceAll = this.peek() === '/';
      if (replaceAll) this.next();
      let pattern: string;
      let replacement: string;
      try {
        pattern = this.processStopOn('/', true);
      } catch (err) {
        if (this.peek() === EOF) throw new ShellLexError("syntax error: missing '/' in ${}");
        throw err;
      }
      try {
        replacement = this.processStopOn('}', true);
      } catch (err) {
        if (this.peek() === EOF) throw new ShellLexError("syntax error: missing '}'");
        throw err;
      }
      const [value, set] = this.getEnv(name);
      if (this.skipUnsetEnv && !set) return `\${${name}/${pattern}/${replacement}}`;
      const re = shellPatternToRegex(pattern, true, false, replaceAll);
      // The replacement is literal text here (Go would also expand "$1"-style references).
      if (replaceAll) return value.replace(re, () => replacement);
      const m = re.exec(value);
      if (m === null) return value;
      return value.slice(0, m.index) + replacement + value.slice(m.index + m[0].length);
    }
    throw new ShellLexError(`unsupported modifier (${chs}) in substitution`);
  }
}

/** BuildKit's convertShellPatternToRegex: `*` any run, `?` one character, no bracket classes. */
function shellPatternToRegex(pattern: string, greedy: boolean, anchored: boolean, global = false): RegExp {
  const toks = Array.from(pattern);
  let out = anchored ? '^' : '';
  const star = greedy ? '.*' : '.*?';
  for (let i = 0; i < toks.length; i++) {
    let tok = toks[i]!;
    switch (tok) {
      case '*':
        out += star;
        continue;
      case '?':
        out += '.';
        continue;
      case '\\': {
        const nextTok = toks[i + 1];
        // "}" and "/" need escaping inside ${}, but the escape is not part of the pattern.
        if (nextTok === '}' || nextTok === '/') continue;
        out += '\\';
        i++;
        tok = toks[i] ?? '';
        if (tok !== '*' && tok !== '?' && tok !== '\\') {
          throw new ShellLexError(`invalid pattern (${pattern}) in substitution: invalid escape '\\${tok}'`);
        }
        break;
      }
      case '[':
      case ']':
      case '{':
      case '}':
      case '.':
      case '+':
      case '(':
      case ')':
      case '|':
      case '^':
      case '$':
        out += '\\';
        break;
    }
    out += tok;
  }
  return new RegExp(out, global ? 'gu' : 'u');
}

function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const re = shellPatternToRegex(pattern, greedy, true);
  const m = re.exec(value);
  return m === null ? value : value.slice(m.index + m[0].length);
}

/** Reverse a pattern without reversing its escapes: a\*c → c\*a. */
function reversePattern(pattern: string): string {
  const runes = Array.from(pattern);
  const out = new Array<string>(runes.length).fill('');
  const last = runes.length - 1;
  for (let i = 0; i <= last; ) {
    const tok = runes[i]!;
    const outIdx = last - i;
    if (tok === '\\' && i !== last) {
      out[outIdx - 1] = tok;
      out[outIdx] = runes[i + 1]!;
      i += 2;
    } else {
      out[outIdx] = tok;
      i++;
    }
  }
  return out.join('');
}

function reverseString(s: string): string {
  return Array.from(s).reverse().join('');
}

function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  // A regexp cannot find the shortest rightmost match, so search the reversed strings.
  return reverseString(trimPrefix(reversePattern(pattern), reverseString(value), greedy));
}

/** BuildKit's Lex.ProcessWord: expand one word. Throws ShellLexError where BuildKit fails. */
export function processWord(word: string, env: Env, opts: LexOptions = {}): ProcessResult {
  const w = new Word(word, env, opts.escape ?? '\\', opts.rawQuotes ?? false, opts.rawEscapes ?? false, opts.skipUnsetEnv ?? false);
  let result: string;
  try {
    result = w.processStopOn(null, opts.rawEscapes ?? false);
  } catch (err) {
    if (err instanceof ShellLexError) throw new ShellLexError(`failed to process ${JSON.stringify(word)}: ${err.message}`);
    throw err;
  }
  return { result, matched: w.matched, unmatched: w.unmatched };
}
