// Regular-language checks on the secret detectors' anchor regexes, for the pre-filter tests
// (test/secrets/prefilter.test.ts): is one anchor's lookbehind implied by another's, so that the
// combined regex may leave it out (Anchor.subsumed)?
//
// The regexes are parsed in the subset of JavaScript syntax the anchors use (literals, escapes,
// classes, groups, alternation, lookarounds, ^ $, ? * + {n,m}); anything else throws. Text is a
// latin1 view of bytes, so a character is a byte 0–255. Lookarounds are taken as matching
// everywhere and long counted repeats as unbounded: the language only grows, which is what the
// covered side may do; the covering side must be exact (`exact` says whether it is).

/** A set of bytes: 256 flags. */
type ByteSet = Uint8Array;

type Node =
  | { t: 'set'; s: ByteSet }
  | { t: 'empty' }
  | { t: 'look' }
  | { t: 'alt'; alts: Node[] }
  | { t: 'seq'; items: { atom: Node; min: number; max: number }[] };

const setOf = (codes: readonly number[]): ByteSet => {
  const s = new Uint8Array(256);
  for (const c of codes) s[c] = 1;
  return s;
};
const WHITESPACE = [9, 10, 11, 12, 13, 32, 160]; // \s within latin1
const DIGITS = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57];

function complement(s: ByteSet): ByteSet {
  const o = new Uint8Array(256);
  for (let c = 0; c < 256; c++) o[c] = s[c] ? 0 : 1;
  return o;
}

function escapeSet(c: string): ByteSet {
  switch (c) {
    case 't': return setOf([9]);
    case 'n': return setOf([10]);
    case 'r': return setOf([13]);
    case 's': return setOf(WHITESPACE);
    case 'S': return complement(setOf(WHITESPACE));
    case 'd': return setOf(DIGITS);
    default:
      if (/[A-Za-z0-9]/.test(c)) throw new Error(`unsupported escape \\${c}`);
      return setOf([c.charCodeAt(0)]);
  }
}

/** Parse the supported subset (see the file comment); throws on anything else. */
function parseRegex(src: string): Node {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at ${i} in /${src}/`);
  };

  function classAt(): ByteSet {
    i++; // [
    let negate = false;
    if (src[i] === '^') {
      negate = true;
      i++;
    }
    const s = new Uint8Array(256);
    let first = true;
    while (i < src.length && (src[i] !== ']' || first)) {
      first = false;
      if (src[i] === '\\') {
        const e = escapeSet(src[i + 1] ?? fail('dangling escape'));
        i += 2;
        const single = e.indexOf(1) === e.lastIndexOf(1);
        if (src[i] === '-' && src[i + 1] !== ']' && single) {
          i++;
          rangeTo(s, e.indexOf(1));
          continue;
        }
        for (let c = 0; c < 256; c++) if (e[c]) s[c] = 1;
        continue;
      }
      const lo = src.charCodeAt(i++);
      if (src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
        i++;
        rangeTo(s, lo);
      } else if (lo < 256) s[lo] = 1;
    }
    if (src[i] !== ']') fail('unterminated class');
    i++;
    return negate ? complement(s) : s;
  }

  function rangeTo(s: ByteSet, lo: number): void {
    let hi: number;
    if (src[i] === '\\') {
      const e = escapeSet(src[i + 1] ?? fail('dangling escape'));
      hi = e.indexOf(1);
      i += 2;
    } else hi = src.charCodeAt(i++);
    if (hi < lo) fail('reversed range');
    for (let c = lo; c <= Math.min(hi, 255); c++) s[c] = 1;
  }

  function alternation(): Node {
    const alts = [sequence()];
    while (src[i] === '|') {
      i++;
      alts.push(sequence());
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  function sequence(): Node {
    const items: { atom: Node; min: number; max: number }[] = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      const c = src[i]!;
      let atom: Node;
      if (c === '(') {
        const look = /^\(\?(?:<[=!]|[=!])/.exec(src.slice(i));
        if (look) {
          // A lookaround constrains bytes beyond this regex's own ones: zero width here (the
          // language grows; automaton() marks it inexact).
          i += look[0].length;
          alternation();
          atom = { t: 'look' };
        } else {
          if (src.startsWith('(?', i) && !src.startsWith('(?:', i)) fail('unsupported group');
          i += src.startsWith('(?:', i) ? 3 : 1;
          atom = alternation();
        }
        if (src[i] !== ')') fail('unclosed group');
        i++;
      } else if (c === '[') atom = { t: 'set', s: classAt() };
      else if (c === '\\') {
        atom = { t: 'set', s: escapeSet(src[i + 1] ?? fail('dangling escape')) };
        i += 2;
      } else if (c === '.') {
        i++;
        atom = { t: 'set', s: complement(setOf([10, 13])) };
      } else if (c === '^' || c === '$') {
        i++;
        atom = { t: 'look' };
      } else if ('*+?{'.includes(c)) return fail('quantifier without an atom');
      else {
        i++;
        atom = { t: 'set', s: setOf([c.charCodeAt(0)]) };
      }
      let min = 1;
      let max = 1;
      const q = /^(?:\*|\+|\?|\{(\d+)(?:(,)(\d*))?\})/.exec(src.slice(i));
      if (q) {
        i += q[0].length;
        if (q[0] === '*') [min, max] = [0, Infinity];
        else if (q[0] === '+') [min, max] = [1, Infinity];
        else if (q[0] === '?') [min, max] = [0, 1];
        else {
          min = Number(q[1]);
          max = q[2] ? (q[3] ? Number(q[3]) : Infinity) : min;
        }
        if (src[i] === '?') i++; // lazy: the same strings
      }
      items.push({ atom, min, max });
    }
    return { t: 'seq', items };
  }

  const node = alternation();
  if (i !== src.length) fail('unbalanced )');
  return node;
}

// ---- Thompson NFA, walked from one end ---------------------------------------------------------

interface Automaton {
  states: State[];
  start: number;
  accept: number;
  /** The automaton's language is the regex's (no lookaround, no approximated repeat). */
  exact: boolean;
}

interface State {
  eps: number[];
  edges: [ByteSet, number][];
}

/** Counted repeats beyond this are approximated by a loop (the language grows: inexact). */
const EXACT_REPEATS = 8;

function automaton(node: Node, reverse: boolean): Automaton {
  const states: State[] = [];
  let exact = true;
  const state = (): number => states.push({ eps: [], edges: [] }) - 1;
  const link = (a: number, b: number): void => void states[a]!.eps.push(b);

  function build(n: Node): [number, number] {
    switch (n.t) {
      case 'look':
        exact = false;
        return build({ t: 'empty' });
      case 'empty': {
        const s = state();
        return [s, s];
      }
      case 'set': {
        const a = state();
        const b = state();
        states[a]!.edges.push([n.s, b]);
        return [a, b];
      }
      case 'alt': {
        const a = state();
        const b = state();
        for (const x of n.alts) {
          const [s, e] = build(x);
          link(a, s);
          link(e, b);
        }
        return [a, b];
      }
      case 'seq': {
        const a = state();
        let cur = a;
        for (const it of reverse ? [...n.items].reverse() : n.items) {
          const [s, e] = repeat(it.atom, it.min, it.max);
          link(cur, s);
          cur = e;
        }
        return [a, cur];
      }
    }
  }

  function repeat(atom: Node, min: number, max: number): [number, number] {
    const a = state();
    let cur = a;
    const small = Number.isFinite(max) && max <= EXACT_REPEATS;
    // X{min,max} ⊆ X^m X* with m = min(min, EXACT_REPEATS): a superset.
    const m = small ? min : Math.min(min, EXACT_REPEATS);
    if (!small && (Number.isFinite(max) || min > EXACT_REPEATS)) exactAll = false;
    for (let k = 0; k < m; k++) {
      const [s, e] = build(atom);
      link(cur, s);
      cur = e;
    }
    if (small) {
      const end = state();
      for (let k = m; k < max; k++) {
        link(cur, end);
        const [s, e] = build(atom);
        link(cur, s);
        cur = e;
      }
      link(cur, end);
      return [a, end];
    }
    if (max > m) {
      const loop = state();
      link(cur, loop);
      const [s, e] = build(atom);
      link(loop, s);
      link(e, loop);
      cur = loop;
    }
    return [a, cur];
  }

  let exactAll = true;
  const [start, accept] = build(node);
  return { states, start, accept, exact: exact && exactAll };
}

function closure(states: State[], from: Iterable<number>): Set<number> {
  const seen = new Set(from);
  const stack = [...seen];
  while (stack.length > 0) {
    for (const t of states[stack.pop()!]!.eps) {
      if (!seen.has(t)) {
        seen.add(t);
        stack.push(t);
      }
    }
  }
  return seen;
}

/**
 * Does every string matching `covered` end with a string matching `by`? (So wherever a lookbehind
 * `(?<=covered)` holds, `(?<=by)` holds too.) `by` must be exact (see automaton); throws if not.
 * Walks the reversed automata together: `covered` one state at a time, `by` as a set of states;
 * a path that ends in `covered` before `by` has accepted is a counterexample.
 */
export function suffixCovers(covered: string, by: string): boolean {
  const a = automaton(parseRegex(covered), true);
  const b = automaton(parseRegex(by), true);
  if (!b.exact) throw new Error(`/${by}/ is not exact here: it cannot prove coverage`);
  // Bytes that no edge tells apart behave the same: one representative each.
  const classes = new Map<string, number>();
  const sets = [...a.states, ...b.states].flatMap((s) => s.edges.map((e) => e[0]));
  for (let c = 0; c < 256; c++) {
    const key = sets.map((s) => (s[c] ? 1 : 0)).join('');
    if (!classes.has(key)) classes.set(key, c);
  }
  const reps = [...classes.values()];
  const keyOf = (q: number, set: Set<number>): string => `${q}:${[...set].sort((x, y) => x - y).join(',')}`;
  const seen = new Set<string>();
  const queue: [number, Set<number>][] = [];
  const push = (qs: Iterable<number>, set: Set<number>): boolean => {
    if (set.has(b.accept)) return true; // covered on this path
    for (const q of closure(a.states, qs)) {
      if (q === a.accept) return false; // `covered` matched, `by` did not
      const k = keyOf(q, set);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push([q, set]);
      }
    }
    return true;
  };
  if (!push([a.start], closure(b.states, [b.start]))) return false;
  while (queue.length > 0) {
    const [q, set] = queue.shift()!;
    for (const [edge, to] of a.states[q]!.edges) {
      for (const c of reps) {
        if (!edge[c]) continue;
        const next = new Set<number>();
        for (const s of set) for (const [e, t] of b.states[s]!.edges) if (e[c]) next.add(t);
        if (!push([to], closure(b.states, next))) return false;
      }
    }
  }
  return true;
}
