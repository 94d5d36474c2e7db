// Seeded generators for the differential fuzzer: a deterministic PRNG, random context trees
// full of awkward names and symlinks, and random .dockerignore files whose patterns are mostly
// derived from the tree so that they actually hit things. Everything here is pure: the same
// seed always yields the same case.

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/** splitmix32-style integer hash, used to spread adjacent seeds before mulberry32. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** mulberry32 over a mixed seed. Deterministic, 32-bit state, good enough for fuzzing. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = mix32(seed >>> 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[this.int(items.length)]!;
  }

  /** Pick by weight: [[weight, value], ...]. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [w] of choices) total += w;
    let r = this.next() * total;
    for (const [w, v] of choices) {
      r -= w;
      if (r < 0) return v;
    }
    return choices[choices.length - 1]![1];
  }
}

// ---------------------------------------------------------------------------
// Trees
// ---------------------------------------------------------------------------

export type TreeEntry =
  | { kind: 'file'; path: string; size: number }
  | { kind: 'dir'; path: string }
  | { kind: 'symlink'; path: string; target: string }
  | { kind: 'hardlink'; path: string; target: string }
  | { kind: 'fifo'; path: string };

/**
 * A context tree. Directories are implied by their children; `dir` entries exist so that empty
 * directories can be expressed. The root Dockerfile is not in `entries`: it is always written.
 */
export interface TreeSpec {
  entries: TreeEntry[];
}

export const DOCKERFILE = 'FROM scratch\nCOPY . /\n';

const LONG_NAME = `${'long-name-'.repeat(10)}x.txt`; // 105 bytes: needs PAX
const LONG_DIR = 'd'.repeat(60);

/** Names that make globs interesting: prefixes of each other, one letter apart. */
const BASIC_NAMES = [
  'a', 'ab', 'abc', 'b', 'ba', 'bc', 'c', 'x', 'xy', 'xyz', 'A', 'B', 'Ab', '1', '10', '2', 'a1',
  'foo', 'foobar', 'bar', 'src', 'lib', 'dist', 'build', 'test', 'tests', 'docs', 'node_modules',
  'vendor', 'tmp', 'log', 'logs',
];
const FILE_NAMES = [
  'a.txt', 'b.txt', 'ab.txt', 'a.md', 'README.md', 'x.log', 'app.log', 'foo.js', 'foo.test.js',
  'index.ts', 'data.json', 'a.b.c', 'Makefile', 'go.mod', 'x.tar.gz',
];
const DOT_NAMES = ['.env', '.env.local', '.git', '.hidden', '.a', '.ab', '..a', '...', 'a.', 'a..b', '.x.txt', '.gitignore'];
const TRICKY_NAMES = [
  'a b', 'a  b', ' lead', 'trail ', ' ', '  ', 'tab\tname', '\tt', 'a+b', '(p)', 'x(1)', '[x]', 'x[1]', '[', ']',
  '{c}', 'brace{a,b}', '^caret', 'car^et', 'dollar$', '$', 'pipe|', 'que?', '?', 'star*', '*', '**', 'a*b',
  'back\\slash', '\\', 'a\\*', '#hash', '#', 'a#b', '!bang', '!', 'a!b', '!a', '100%', '-dash', '~tilde',
  "quote'", 'dq"', 'comma,', 'semi;', 'amp&', 'at@', 'eq=', 'col:on', '[a-c]', '[!a]', '[^a]', 'x.y',
];
const UNICODE_NAMES = [
  'ü', 'über', 'Über', 'Ü', 'ünï', 'cödé.txt', '日本', '日本語.txt', 'ファイル', '中', '😀', 'emoji😀.txt', '😀😀',
  'é', 'e\u0301', 'ß', 'Å', 'ñ', 'Ω', 'ǅ', 'İ', 'ı', 'a\u00a0b', 'x\u3000y', 'ﬁ',
];
const SPECIAL_NAMES = ['Dockerfile', 'dockerfile', '.dockerignore', 'Dockerfile.dev', 'new\nline', 'cr\rname', LONG_NAME, LONG_DIR];

/** A fresh name for a child of a directory that already holds `taken`. */
function genName(rng: Rng, taken: ReadonlySet<string>, atRoot: boolean): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pool = rng.weighted<readonly string[]>([
      [40, BASIC_NAMES],
      [18, FILE_NAMES],
      [10, DOT_NAMES],
      [18, TRICKY_NAMES],
      [10, UNICODE_NAMES],
      [4, SPECIAL_NAMES],
    ]);
    let name = rng.pick(pool);
    if (rng.chance(0.08)) name = name + rng.pick(['1', '.txt', 'x', '~', ' ', '.bak']);
    if (atRoot && (name === 'Dockerfile' || name === '.dockerignore')) continue;
    if (!taken.has(name)) return name;
  }
  // Always terminates: numbered names never collide with the pools above.
  let i = 0;
  while (taken.has(`n${i}`)) i++;
  return `n${i}`;
}

const FILE_SIZES = [0, 1, 5, 17, 100, 511, 512, 513, 1000, 1024, 2048, 4095, 10_000];

function posixRelative(fromDir: string, to: string): string {
  const a = fromDir === '' ? [] : fromDir.split('/');
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  const rel = [...up, ...b.slice(i)].join('/');
  return rel === '' ? '.' : rel;
}

const parentOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};
const depthOf = (p: string): number => (p === '' ? 0 : p.split('/').length);

/** A random tree of a few dozen entries, nesting up to 5 levels. */
export function genTree(rng: Rng): TreeSpec {
  const entries: TreeEntry[] = [];
  const children = new Map<string, Set<string>>([['', new Set(['Dockerfile', '.dockerignore'])]]);
  const dirs: string[] = [''];
  const files: string[] = [];
  const subdirs = (): string[] => dirs.filter((d) => d !== '');
  const count = rng.range(8, 45);

  const add = (parent: string, atRoot: boolean): string => {
    const taken = children.get(parent)!;
    const name = genName(rng, taken, atRoot);
    taken.add(name);
    return parent === '' ? name : `${parent}/${name}`;
  };

  for (let n = 0; n < count; n++) {
    // Prefer recently created directories so that some chains get deep.
    let parent = rng.chance(0.5) ? dirs[Math.max(0, dirs.length - 1 - rng.int(3))]! : rng.pick(dirs);
    if (depthOf(parent) >= 5) parent = parentOf(parent);
    const path = add(parent, parent === '');
    const kind = rng.weighted<TreeEntry['kind']>([
      [52, 'file'],
      [28, 'dir'],
      [13, 'symlink'],
      [files.length > 0 ? 5 : 0, 'hardlink'],
      [1, 'fifo'],
    ]);
    switch (kind) {
      case 'file':
        entries.push({ kind, path, size: rng.chance(0.7) ? rng.pick(FILE_SIZES.slice(0, 5)) : rng.pick(FILE_SIZES) });
        files.push(path);
        break;
      case 'dir':
        entries.push({ kind, path });
        dirs.push(path);
        children.set(path, new Set());
        break;
      case 'hardlink':
        entries.push({ kind, path, target: rng.pick(files) });
        break;
      case 'fifo':
        entries.push({ kind, path });
        break;
      case 'symlink': {
        const here = parentOf(path);
        const name = path.slice(here === '' ? 0 : here.length + 1);
        const target = rng.weighted<() => string>([
          [4, () => (subdirs().length > 0 ? posixRelative(here, rng.pick(subdirs())) : '.')],
          [3, () => (files.length > 0 ? posixRelative(here, rng.pick(files)) : 'nope')],
          [2, () => rng.pick(['..', '.', '../..', '../../..', './'])],
          [2, () => rng.pick(['nope', 'missing/x', 'does-not-exist.txt', 'nope/'])],
          [2, () => name], // self loop
          [2, () => rng.pick(['/etc', '/nonexistent', '/tmp', '/', '/etc/hostname'])],
          [1, () => (subdirs().length > 0 ? `${posixRelative(here, rng.pick(subdirs()))}/` : 'x/')],
          [1, () => 'loop-b'],
        ])();
        entries.push({ kind, path, target });
        if (target === 'loop-b') {
          // A two-link loop: <here>/loop-b -> <name>.
          const loopPath = here === '' ? 'loop-b' : `${here}/loop-b`;
          if (!children.get(here)!.has('loop-b')) {
            children.get(here)!.add('loop-b');
            entries.push({ kind: 'symlink', path: loopPath, target: name });
          }
        }
        break;
      }
    }
  }
  return { entries };
}

// ---------------------------------------------------------------------------
// .dockerignore files
// ---------------------------------------------------------------------------

export interface IgnoreLine {
  text: string;
  eol: '\n' | '\r\n' | '\r' | '';
}

export interface IgnoreSpec {
  bom: boolean;
  lines: IgnoreLine[];
}

export function renderIgnore(spec: IgnoreSpec): string {
  return (spec.bom ? '\uFEFF' : '') + spec.lines.map((l) => l.text + l.eol).join('');
}

const GLOB_META = /[*?[\]\\]/g;

/** Replace one code point (by index) with `with`. */
function replaceAt(chars: string[], i: number, withText: string): string {
  return [...chars.slice(0, i), withText, ...chars.slice(i + 1)].join('');
}

/** A character class that contains `c` (or, for negated forms, one that excludes it). */
function classFor(rng: Rng, c: string): string {
  const cp = c.codePointAt(0) ?? 0x61;
  const esc = (s: string): string => (s === ']' || s === '\\' || s === '^' || s === '-' ? `\\${s}` : s);
  const lo = String.fromCodePoint(Math.max(0x21, cp - rng.int(3)));
  const hi = String.fromCodePoint(cp + rng.int(3));
  return rng.weighted<() => string>([
    [4, () => `[${esc(c)}]`],
    [4, () => `[${esc(lo)}-${esc(hi)}]`],
    [2, () => `[^${c === 'z' ? 'y' : 'z'}]`],
    [2, () => `[!${esc(c)}]`], // "!" is a literal in Go classes
    [1, () => `[^${esc(c)}]`],
    [2, () => rng.pick(['[[:alpha:]]', '[[:alnum:]]', '[[:lower:]]', '[[:upper:]]', '[[:digit:]]', '[[:punct:]]', '[[:space:]]', '[[:^alpha:]]'])],
    [1, () => rng.pick(['[\\]]', '[]a]', '[a-]', '[-a]', '[\\d]', '[\\w]', '[\\pL]', '[\\x61-\\x7a]', '[à-ÿ]', '[一-龯]', '[😀]', '[^/]'])],
  ])();
}

/**
 * Knobs for hunting past known disagreements: `avoidChars` are deleted from every generated
 * ignore line; `noInvalid` stops deliberately malformed patterns (unclosed "[", trailing "\\",
 * lone "!", bad regexp escapes). Defaults generate everything.
 */
export interface GenOptions {
  avoidChars?: string;
  noInvalid?: boolean;
}

/** Turn a real name into a pattern component that (usually) still matches it. */
function mutateComponent(rng: Rng, name: string, o: GenOptions): string {
  const chars = Array.from(name);
  const n = chars.length;
  return rng.weighted<() => string>([
    [40, () => name],
    [10, () => name.replace(GLOB_META, (m) => `\\${m}`)],
    [3, () => name.replace(/ /g, '\\ ').replace(/\t/g, '\\t')],
    [9, () => chars.slice(0, rng.int(n + 1)).join('') + '*'],
    [6, () => '*' + chars.slice(rng.int(n + 1)).join('')],
    [3, () => {
      const i = rng.int(n + 1);
      return '*' + chars.slice(i, i + 1 + rng.int(2)).join('') + '*';
    }],
    [6, () => (n > 0 ? replaceAt(chars, rng.int(n), '?') : '?')],
    [2, () => name + '?'],
    [7, () => (n > 0 ? (() => { const i = rng.int(n); return replaceAt(chars, i, classFor(rng, chars[i]!)); })() : classFor(rng, 'a'))],
    [5, () => '*'],
    [3, () => '**'],
    [2, () => (rng.chance(0.5) ? name.toUpperCase() : name.toLowerCase())],
    [2, () => name + '**'],
    [2, () => '**' + name],
    [o.noInvalid ? 0 : 1, () => name + '\\'],
    [1, () => `${name}*${rng.pick(['', '.txt', 'x'])}`],
  ])();
}

const GENERIC_SEGMENTS = [
  '*', '**', '?', '??', '??*', '*?', 'a*', '*a', '*b*', 'a?', '?b', '[a-c]*', '[^a]*', '[!a]*', '[\\]]*', '[[:alpha:]]*',
  '[[:upper:]]*', '[[:digit:]]*', '[[:space:]]*', '[à-ü]*', '[日-本]*', '\\*', '\\?', 'a\\ b', '\\\\*', '\\t*', '*\\t*',
  '\\#*', '\\!*', '*.txt', '*.*', '.*', '*.', '*.log', '*~', 'a', 'ab', 'abc', 'src', 'x', '😀*', '?.txt', '*😀*',
  '\\d*', '\\w*', '\\s*', '\\D', '\\pL*', '\\p{Han}*', '\\x61*', '\\Q*\\E', '\\b*', '\\A*', '*\\z', '^*', '*^*', '$*',
  'a{1}', '(a)', 'a|b', 'a+', '.', '..', '\\.', '\\/', '[.]*', '[/]', '*[/]*',
  // Go regexp syntax that reaches the compiled pattern: Docker escapes only . + ( ) $.
  '|', '|*', '*|', 'a||b', '?{2}', '?{2,}', 'a{2}', 'a{0}', 'a{,2}', '{', '}', '{2}', '[ab]{2}', '\\d{2}', '?{1000}',
  '\\pN*', '\\PL*', '\\p{Greek}*', '\\p{Lu}*', '\\p{^L}*', '[\\p{Lu}]*', '[^\\pL]*', '[[:word:]]*', '\\B*',
  '\\141*', '\\x{61}*', '\\x7a', '\\Qa*\\E', '\\Qab', '^a', '*^', '$', 'a$', '\\z', '\\A', '[[.a.]]', '[a-a]',
  '[\\x00-\\x{10FFFF}]', '[^\\x00-\\x{10FFFF}]', '[a&&b]', '[a--b]', '[a-\\]]',
];

/** Patterns Docker rejects (or may reject, lazily, only once a path reaches them). */
const INVALID = [
  '[', 'a[', '[a', '[]', '[^]', '[!]', '\\', 'a\\', '[a-', '[z-a]', '[[:foo:]]*', '[[:alpha:]', '\\q', 'a/\\q', '*\\q',
  '[\\', '!', '! ', '!\t', ' ! ', 'x[a-]y', '\\x', '\\p', '\\pZ', '\\8', '\\Q', '\\E', '\\C', '\\z*', '[\\q]', '[a-\\]',
  '*[', '**/[', 'a/[/b', '\\ ', '[^\\]', '[]]', '[\\d-z]', '\\p{Foo}', '\\x{110000}', 'a**[',
  'a{1001}', 'a{2,1}', '*{2}', '**{2}', '?{1001}', '\\d{1001}', 'a{1000}{2}', '\\pZ{', '[z-a]{2}', '\\0', '\\9',
  '\\Q\\E\\E', '\\x{', '\\x{zz}', '\\p{', '\\p{L', '[[:alpha:]-z]', '[\\pL-z]', 'a{99999}', '?{500}?{500}?{500}',
];

const SPECIAL_PATTERNS = [
  '*', '**', '.', '..', '/', './', '../', '**/', '*/', '*/*', '**/*', '.*', '**/.*', 'Dockerfile', '.dockerignore',
  '!Dockerfile', '!.dockerignore', '*/**', '**/**', '/**', '**/*/', '?*', '[^.]*', '!*', '!**', '!*/', '!**/*',
  '\\!*', '\\#*', '#*',
];

const ODD_SPACE = [' ', '  ', '\t', '\v', '\f', '\u00a0', '\u0085', '\u3000', '\u2028', '\u2000', '\uFEFF', '\r'];

function pathComponents(p: string): string[] {
  return p.split('/');
}

/** A pattern body derived from a real path so that it hits things. */
function derivedPattern(rng: Rng, tree: TreeSpec, o: GenOptions): string {
  const all = ['Dockerfile', '.dockerignore', ...tree.entries.map((e) => e.path)];
  const comps = pathComponents(rng.pick(all));
  const k = rng.chance(0.6) ? comps.length : 1 + rng.int(comps.length);
  let segs = comps.slice(0, k).map((c) => (rng.chance(0.35) ? mutateComponent(rng, c, o) : c));
  const r = rng.next();
  if (r < 0.08 && segs.length > 1) segs = ['**', ...segs.slice(1 + rng.int(segs.length - 1))];
  else if (r < 0.14) segs = ['**', ...segs];
  else if (r < 0.2 && segs.length > 1) {
    const i = 1 + rng.int(segs.length - 1);
    segs = [...segs.slice(0, i), '**', ...segs.slice(i + (rng.chance(0.5) ? 1 : 0))];
  } else if (r < 0.24) {
    // A ".." detour: a/x/../b cleans to a/b; x/../../b escapes the context.
    const i = rng.int(segs.length + 1);
    segs = [...segs.slice(0, i), rng.pick(['zz', ...comps]), '..', ...(rng.chance(0.2) ? ['..'] : []), ...segs.slice(i)];
  } else if (r < 0.27) {
    const i = rng.int(segs.length + 1);
    segs = [...segs.slice(0, i), '.', ...segs.slice(i)];
  } else if (r < 0.3) {
    segs = [...segs.slice(0, 1), '', ...segs.slice(1)]; // "a//b"
  }
  return segs.join('/');
}

function genericPattern(rng: Rng): string {
  const n = rng.weighted([[6, 1], [4, 2], [2, 3], [1, 4]] as const);
  const segs: string[] = [];
  for (let i = 0; i < n; i++) segs.push(rng.pick(GENERIC_SEGMENTS));
  return segs.join('/');
}

function genPatternLine(rng: Rng, tree: TreeSpec, o: GenOptions): string {
  const bad = o.noInvalid ? 0 : 1;
  let body = rng.weighted<() => string>([
    [62, () => derivedPattern(rng, tree, o)],
    [20, () => genericPattern(rng)],
    [9, () => rng.pick(SPECIAL_PATTERNS)],
    [2.5 * bad, () => rng.pick(INVALID)],
    [1.5 * bad, () => `${derivedPattern(rng, tree, o)}/${rng.pick(INVALID)}`],
    [1, () => rng.pick(['\u0000', 'a\u0000', '\u0001*', '\u007f', '\uFFFD', '\uFEFF*', 'a\uFEFFb'])],
    [1, () => 'x'.repeat(rng.pick([100, 255, 4096]))],
  ])();
  // Anchors and suffixes.
  body = rng.weighted<() => string>([
    [70, () => body],
    [8, () => '/' + body],
    [5, () => './' + body],
    [8, () => body + '/'],
    [5, () => body + '/**'],
    [3, () => body + '/*'],
    [1, () => '//' + body],
    [1, () => '../' + body],
    [1, () => body + '/.'],
    [1, () => body + '/..'],
  ])();
  // Exceptions.
  const bang = rng.weighted([
    [70, ''],
    [24, '!'],
    [2, '! '],
    [1, ' !'],
    [1, '!\t'],
    [1, '!!'],
    [1, '!/'],
  ] as const);
  let line = bang + body;
  // Odd whitespace.
  if (rng.chance(0.1)) line = rng.pick(ODD_SPACE) + line;
  if (rng.chance(0.12)) line = line + rng.pick(ODD_SPACE);
  if (rng.chance(0.03)) line = line + rng.pick([' #comment', '\t# c', o.noInvalid ? ' ' : ' \\']);
  if (rng.chance(0.01) && !o.noInvalid) line = line + '\\';
  return line;
}

/** A random .dockerignore for `tree`, or null for "no ignore file at all". */
export function genIgnore(rng: Rng, tree: TreeSpec, o: GenOptions = {}): IgnoreSpec | null {
  if (rng.chance(0.02)) return null;
  const n = rng.weighted([[1, 0], [10, 1], [14, 2], [14, 3], [10, 4], [6, 5], [4, 6], [3, 8], [1, 12]] as const);
  const lines: IgnoreLine[] = [];
  for (let i = 0; i < n; i++) {
    let text = rng.weighted<() => string>([
      [84, () => genPatternLine(rng, tree, o)],
      [6, () => '#' + (rng.chance(0.5) ? genPatternLine(rng, tree, o) : ' a comment')],
      [3, () => ' #' + genPatternLine(rng, tree, o)],
      [4, () => rng.pick(['', ' ', '\t', '  \t ', '\v', '\u00a0'])],
      [0.1, () => 'x'.repeat(65_536)], // longer than bufio.Scanner's 64 KiB token limit
      [2, () => genPatternLine(rng, tree, o) + rng.pick(['\r', '\r\r'])],
    ])();
    if (o.avoidChars) text = Array.from(text).filter((ch) => !o.avoidChars!.includes(ch)).join('');
    const eol = rng.weighted([
      [88, '\n'],
      [9, '\r\n'],
      [3, '\r'],
    ] as const);
    lines.push({ text, eol });
  }
  const last = lines[lines.length - 1];
  if (last && rng.chance(0.3)) last.eol = '';
  return { bom: rng.chance(0.04), lines };
}

export interface FuzzCase {
  seed: number;
  tree: TreeSpec;
  ignore: IgnoreSpec | null;
}

/** The case for one seed: same seed, same case. */
export function genCase(seed: number, o: GenOptions = {}): FuzzCase {
  const rng = new Rng(seed);
  const tree = genTree(rng);
  const ignore = genIgnore(rng, tree, o);
  return { seed, tree, ignore };
}
