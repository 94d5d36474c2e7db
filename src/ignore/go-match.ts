// Docker validates every ignore pattern by calling Go's filepath.Match(pattern, ".") and
// rejecting the pattern when that returns ErrBadPattern. This reproduces exactly which
// patterns Go's Match (Unix) reports as malformed; the matching result itself is unused.

export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
    this.name = 'BadPatternError';
  }
}

interface Chunk {
  star: boolean;
  chunk: string[];
  rest: string[];
}

function scanChunk(pattern: string[]): Chunk {
  let i = 0;
  let star = false;
  while (i < pattern.length && pattern[i] === '*') {
    i++;
    star = true;
  }
  const p = pattern.slice(i);
  let inRange = false;
  let j = 0;
  scan: for (; j < p.length; j++) {
    switch (p[j]) {
      case '\\':
        if (j + 1 < p.length) j++;
        break;
      case '[':
        inRange = true;
        break;
      case ']':
        inRange = false;
        break;
      case '*':
        if (!inRange) break scan;
        break;
    }
  }
  return { star, chunk: p.slice(0, j), rest: p.slice(j) };
}

/** Go's getEsc: one (possibly escaped) class character; throws on malformed input. */
function getEsc(chunk: string[], at: number): { r: number; next: number } {
  const c = chunk[at];
  if (c === undefined || c === '-' || c === ']') throw new BadPatternError();
  let i = at;
  if (c === '\\') {
    i++;
    if (i >= chunk.length) throw new BadPatternError();
  }
  const r = chunk[i]!.codePointAt(0)!;
  // A lone surrogate stands in for invalid UTF-8, which Go rejects inside a class.
  if (r >= 0xd800 && r <= 0xdfff) throw new BadPatternError();
  if (i + 1 >= chunk.length) throw new BadPatternError();
  return { r, next: i + 1 };
}

/** Go's matchChunk against `s`; returns the rest of s on success, null on mismatch. */
function matchChunk(chunk: string[], s: string[]): string[] | null {
  let failed = false;
  let si = 0;
  let i = 0;
  while (i < chunk.length) {
    if (!failed && si >= s.length) failed = true;
    const c = chunk[i]!;
    if (c === '[') {
      let r = -1;
      if (!failed) r = s[si++]!.codePointAt(0)!;
      i++;
      let negated = false;
      if (chunk[i] === '^') {
        negated = true;
        i++;
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (chunk[i] === ']' && nrange > 0) {
          i++;
          break;
        }
        const lo = getEsc(chunk, i);
        i = lo.next;
        let hi = lo.r;
        if (chunk[i] === '-') {
          const h = getEsc(chunk, i + 1);
          hi = h.r;
          i = h.next;
        }
        if (lo.r <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c === '?') {
      if (!failed) {
        if (s[si] === '/') failed = true;
        si++;
      }
      i++;
    } else {
      if (c === '\\') {
        i++;
        if (i >= chunk.length) throw new BadPatternError();
      }
      if (!failed) {
        if (chunk[i] !== s[si]) failed = true;
        si++;
      }
      i++;
    }
  }
  return failed ? null : s.slice(si);
}

/** Go's path/filepath.Match (Unix). Throws BadPatternError where Go returns ErrBadPattern. */
export function goMatch(pattern: string, name: string): boolean {
  let pat = Array.from(pattern);
  let nm = Array.from(name);
  outer: while (pat.length > 0) {
    const { star, chunk, rest } = scanChunk(pat);
    pat = rest;
    if (star && chunk.length === 0) return !nm.includes('/');
    const t = matchChunk(chunk, nm);
    if (t !== null && (t.length === 0 || pat.length > 0)) {
      nm = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < nm.length && nm[i] !== '/'; i++) {
        const t2 = matchChunk(chunk, nm.slice(i + 1));
        if (t2 !== null) {
          if (pat.length === 0 && t2.length > 0) continue;
          nm = t2;
          continue outer;
        }
      }
    }
    // Unlike path.Match, filepath.Match returns at the first mismatch without checking the
    // rest of the pattern: Docker accepts "a*[z" (checked against the docker CLI).
    return false;
  }
  return nm.length === 0;
}
