// Docker's pattern matcher turns each ignore pattern into a Go (RE2) regular expression, and
// copies "[...]" classes and "\x" escapes from the pattern into it verbatim. So what a pattern
// really matches is whatever Go's regexp parser makes of that text — including oddities such as
// "[*]" becoming "[[^/]*]" or "[[:alpha:]]" being a POSIX class. This module parses the subset
// of Go regexp syntax that can reach it and emits an equivalent JavaScript RegExp (flag "u").
// Anything Go would reject becomes a GoRegexpError, because Docker then fails the build.

export class GoRegexpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoRegexpError';
  }
}

type Range = [number, number];

const ASCII_CLASSES: Record<string, Range[]> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

// Go's Perl classes are ASCII-only; note \s has no \v.
const PERL_CLASSES: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  s: [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]],
  w: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
};

const isOctal = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';
const isAlnum = (cp: number): boolean =>
  (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);

function cpHex(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function negate(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

function classSource(items: string[], negated: boolean): string {
  return `[${negated ? '^' : ''}${items.join('')}]`;
}

function rangesSource(ranges: Range[]): string[] {
  return ranges.map(([lo, hi]) => (lo === hi ? cpHex(lo) : `${cpHex(lo)}-${cpHex(hi)}`));
}

/** Go unicode class names: general categories pass through, anything else is a script. */
function unicodeProperty(name: string, negated: boolean): string {
  const prop = /^[A-Z][a-z]?$/.test(name) || name === 'Any' ? name : `Script=${name}`;
  const src = `\\${negated ? 'P' : 'p'}{${prop}}`;
  try {
    new RegExp(src, 'u');
  } catch {
    throw new GoRegexpError(`invalid character class range: \\p{${name}}`);
  }
  return src;
}

class Parser {
  private pos = 0;
  private readonly chars: string[];

  constructor(source: string) {
    this.chars = Array.from(source);
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  parse(): string {
    let out = '';
    // Tracks whether the last emitted item can take a quantifier, and whether it already has one.
    let lastAtom: 'none' | 'atom' | 'quantified' = 'none';
    let groupDepth = 0;
    while (this.pos < this.chars.length) {
      const c = this.chars[this.pos++]!;
      switch (c) {
        // Anchors are grouped: Go lets a quantifier follow them ("^{1}"), JS only allows that on a group.
        case '^':
          out += '(?:^)';
          lastAtom = 'atom';
          break;
        case '$':
          out += '(?:$)';
          lastAtom = 'atom';
          break;
        case '.':
          out += '[^\\n]';
          lastAtom = 'atom';
          break;
        case '(':
          // Only "(.*/)?" reaches here: Docker escapes every parenthesis from the pattern.
          out += '(?:';
          groupDepth++;
          lastAtom = 'none';
          break;
        case ')':
          if (groupDepth === 0) throw new GoRegexpError('unexpected )');
          groupDepth--;
          out += ')';
          lastAtom = 'atom';
          break;
        case '|':
          out += '|';
          lastAtom = 'none';
          break;
        case '*':
        case '+':
        case '?': {
          if (lastAtom === 'none') throw new GoRegexpError(`missing argument to repetition operator: ${c}`);
          let q = c;
          if (this.peek() === '?') {
            this.pos++;
            q += '?';
          }
          if (lastAtom === 'quantified') throw new GoRegexpError(`invalid nested repetition operator: ${q}`);
          out += q;
          lastAtom = 'quantified';
          break;
        }
        case '{': {
          // A well-formed {n}, {n,} or {n,m} is a repetition; anything else is a literal "{".
          const rep = this.parseRepeat();
          if (!rep) {
            out += cpHex(0x7b);
            lastAtom = 'atom';
            break;
          }
          if (rep.min > 1000 || rep.max > 1000 || (rep.max >= 0 && rep.min > rep.max)) {
            throw new GoRegexpError(`invalid repeat count: ${rep.text}`);
          }
          let q = rep.max === -2 ? `{${rep.min}}` : rep.max === -1 ? `{${rep.min},}` : `{${rep.min},${rep.max}}`;
          if (this.peek() === '?') {
            this.pos++;
            q += '?';
          }
          if (lastAtom === 'quantified') throw new GoRegexpError(`invalid nested repetition operator: ${rep.text}`);
          if (lastAtom === 'none') throw new GoRegexpError(`missing argument to repetition operator: ${rep.text}`);
          out += q;
          lastAtom = 'quantified';
          break;
        }
        case '[':
          out += this.parseClass();
          lastAtom = 'atom';
          break;
        case '\\': {
          const r = this.parseEscapeOutside();
          out += r.src;
          lastAtom = r.atom ? 'atom' : lastAtom;
          break;
        }
        default:
          out += cpHex(c.codePointAt(0)!);
          lastAtom = 'atom';
      }
    }
    if (groupDepth !== 0) throw new GoRegexpError('missing closing )');
    return out;
  }

  /** Go's parseRepeat after "{": min, max (-1 = unbounded, -2 = exactly min), or null. */
  private parseRepeat(): { min: number; max: number; text: string } | null {
    const start = this.pos;
    const int = (): number | null => {
      const from = this.pos;
      while (this.peek() !== undefined && this.peek()! >= '0' && this.peek()! <= '9') this.pos++;
      const digits = this.chars.slice(from, this.pos).join('');
      // Go refuses leading zeros ("{01}" is literal text) and caps huge values at -1 (error later).
      if (digits === '' || (digits.length > 1 && digits[0] === '0')) return null;
      return digits.length > 9 ? 1e9 : Number(digits);
    };
    const min = int();
    if (min === null) {
      this.pos = start;
      return null;
    }
    let max = -2;
    if (this.peek() === ',') {
      this.pos++;
      if (this.peek() === '}') max = -1;
      else {
        const m = int();
        if (m === null) {
          this.pos = start;
          return null;
        }
        max = m;
      }
    }
    if (this.peek() !== '}') {
      this.pos = start;
      return null;
    }
    this.pos++;
    return { min, max, text: `{${this.chars.slice(start, this.pos).join('')}` };
  }

  private parseEscapeOutside(): { src: string; atom: boolean } {
    const c = this.peek();
    if (c === undefined) throw new GoRegexpError('trailing backslash at end of expression');
    switch (c) {
      case 'A':
        this.pos++;
        return { src: '(?:^)', atom: true };
      case 'z':
        this.pos++;
        return { src: '(?:$)', atom: true };
      case 'b':
        this.pos++;
        return { src: '(?:\\b)', atom: true };
      case 'B':
        this.pos++;
        return { src: '(?:\\B)', atom: true };
      case 'Q': {
        // \Q...\E: everything up to \E (or the end) is literal.
        this.pos++;
        let lit = '';
        while (this.pos < this.chars.length) {
          if (this.peek() === '\\' && this.peek(1) === 'E') {
            this.pos += 2;
            break;
          }
          lit += cpHex(this.chars[this.pos++]!.codePointAt(0)!);
        }
        // No group: like Go, a following quantifier applies to the last literal only.
        return { src: lit, atom: lit !== '' };
      }
    }
    const cls = this.tryClassEscape();
    if (cls) return { src: cls.negated ? classSource(cls.items, true) : classSource(cls.items, false), atom: true };
    return { src: cpHex(this.parseEscapeChar()), atom: true };
  }

  /** \d \s \w (and negations), \pX \p{Name} \PX — at the current position after the backslash. */
  private tryClassEscape(): { items: string[]; negated: boolean } | null {
    const c = this.peek();
    if (c === undefined) return null;
    const lower = c.toLowerCase();
    if ((c === 'd' || c === 's' || c === 'w' || c === 'D' || c === 'S' || c === 'W') && PERL_CLASSES[lower]) {
      this.pos++;
      return { items: rangesSource(PERL_CLASSES[lower]!), negated: c !== lower };
    }
    if (c === 'p' || c === 'P') {
      this.pos++;
      let name = this.peek();
      if (name === undefined) throw new GoRegexpError('invalid character class range: \\p');
      this.pos++;
      if (name === '{') {
        const end = this.chars.indexOf('}', this.pos);
        if (end < 0) throw new GoRegexpError('invalid character class range: \\p{');
        name = this.chars.slice(this.pos, end).join('');
        this.pos = end + 1;
      }
      let negated = c === 'P';
      if (name.startsWith('^')) {
        negated = !negated;
        name = name.slice(1);
      }
      return { items: [unicodeProperty(name, negated)], negated: false };
    }
    return null;
  }

  /** A single escaped character (Go's parseEscape), position just after the backslash. */
  private parseEscapeChar(): number {
    const c = this.chars[this.pos++];
    if (c === undefined) throw new GoRegexpError('trailing backslash at end of expression');
    const cp = c.codePointAt(0)!;
    if (cp < 0x80 && !isAlnum(cp)) return cp;
    if (c >= '1' && c <= '7' && !isOctal(this.peek())) {
      throw new GoRegexpError(`invalid escape sequence: \\${c}`);
    }
    if (c >= '0' && c <= '7') {
      let r = cp - 0x30;
      for (let i = 1; i < 3 && isOctal(this.peek()); i++) r = r * 8 + (this.chars[this.pos++]!.codePointAt(0)! - 0x30);
      return r;
    }
    if (c === 'x') {
      if (this.peek() === '{') {
        const end = this.chars.indexOf('}', this.pos);
        const hex = end < 0 ? '' : this.chars.slice(this.pos + 1, end).join('');
        if (!/^[0-9a-fA-F]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) {
          throw new GoRegexpError('invalid escape sequence: \\x{');
        }
        this.pos = end + 1;
        return parseInt(hex, 16);
      }
      const h = (this.peek() ?? '') + (this.peek(1) ?? '');
      if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new GoRegexpError('invalid escape sequence: \\x');
      this.pos += 2;
      return parseInt(h, 16);
    }
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    const s = simple[c];
    if (s !== undefined) return s;
    throw new GoRegexpError(`invalid escape sequence: \\${c}`);
  }

  private parseClassChar(): number {
    const c = this.chars[this.pos];
    if (c === undefined) throw new GoRegexpError('missing closing ]');
    this.pos++;
    if (c === '\\') return this.parseEscapeChar();
    return c.codePointAt(0)!;
  }

  /** Position is just after "[". Mirrors Go's parseClass with Perl flags (ClassNL, PerlX). */
  private parseClass(): string {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const items: string[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new GoRegexpError('missing closing ]');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '[' && this.peek(1) === ':') {
        const rest = this.chars.slice(this.pos + 2).join('');
        const end = rest.indexOf(':]');
        if (end >= 0) {
          let name = rest.slice(0, end);
          let neg = false;
          if (name.startsWith('^')) {
            neg = true;
            name = name.slice(1);
          }
          const ranges = ASCII_CLASSES[name];
          if (!ranges) throw new GoRegexpError(`invalid character class range: [:${rest.slice(0, end)}:]`);
          items.push(...rangesSource(neg ? negate(ranges) : ranges));
          this.pos += 2 + Array.from(rest.slice(0, end)).length + 2;
          continue;
        }
      }
      if (c === '\\') {
        this.pos++;
        const cls = this.tryClassEscape();
        if (cls) {
          // A negated Perl class inside a bracket expression: spell out its complement.
          if (cls.negated) {
            const lower = this.chars[this.pos - 1]!.toLowerCase();
            items.push(...rangesSource(negate(PERL_CLASSES[lower]!)));
          } else {
            items.push(...cls.items);
          }
          continue;
        }
        this.pos--;
      }
      const lo = this.parseClassChar();
      let hi = lo;
      if (this.peek() === '-' && this.peek(1) !== undefined && this.peek(1) !== ']') {
        this.pos++;
        hi = this.parseClassChar();
        if (hi < lo) throw new GoRegexpError('invalid character class range');
      }
      items.push(lo === hi ? cpHex(lo) : `${cpHex(lo)}-${cpHex(hi)}`);
    }
    return classSource(items, negated);
  }
}

/** Translate Go regexp source (as Docker's pattern matcher builds it) into a JS RegExp. */
export function goRegexp(source: string): RegExp {
  const js = new Parser(source).parse();
  try {
    return new RegExp(js, 'u');
  } catch (err) {
    throw new GoRegexpError(`cannot translate ${JSON.stringify(source)}: ${(err as Error).message}`);
  }
}
