// Does a COPY/ADD/RUN --mount source fail the build? Per builder, as each resolves it on the
// daemon side against what the client sent (checked against a real engine in
// test/engine/copy-verdicts.test.ts):
//
// BuildKit (dockerfile2llb: FollowSymlinks, AllowWildcard, AllowEmptyWildcard):
// * the source is cleaned relative to the context root ("../x" and "/x" are "x");
// * a literal source is resolved with symlinks followed inside the context (containerd
//   fs.RootPath: absolute targets start at the context root, ".." stops there), and the result
//   must have been sent: a link to a missing or excluded path fails like the path itself;
// * a wildcard's fixed prefix is resolved the same way and must have been transferred
//   (moby/buildkit#2933: "lstat <prefix>"); its matches (fsutil ResolveWildcards, a matching
//   directory taken whole) are each followed like a literal source; no match is no error.
//
// The legacy builder (moby builder/dockerfile/copy.go calcCopyInfo):
// * one leading "/" and then one "./" are dropped; nothing else is cleaned;
// * a source with wildcards is matched (filepath.Match) against every path of the uploaded
//   context (filepath.Walk: symlinked directories are not entered), so "d/../*.txt" or a
//   wildcard under a symlinked directory matches nothing; each match is then stat'ed with
//   symlinks followed in scope (a dangling match fails);
// * a literal source is joined to the context root (filepath.Join cleans it): a path that
//   climbs out is "forbidden path outside the build context"; otherwise it is followed in
//   scope like BuildKit's;
// * an instruction fails with "no source files were specified" when all its sources together
//   matched nothing (an empty wildcard alone).
import { joinRel } from '../paths.js';
import { BadPatternError, goMatch } from '../ignore/go-match.js';
import { goClean } from '../paths.js';
import { cleanSource, containsWildcards, splitWildcards, type ContextIndex } from './copy-sources.js';
import type { Builder } from '../context/builders.js';

/** What the builder has to resolve sources against. */
export interface SourceView {
  /** The context as the daemon has it (legacy: after its removals). */
  sent: ContextIndex;
  /** The symlink's target as stored, or null when it cannot be read. */
  readlink(path: string): string | null;
  /** BuildKit: is this (sent) directory part of the transfer? Default: yes. */
  transferred?(dir: string): boolean;
}

/** One symlink followed on the way: `link` (context path) points to `target` (as stored). */
export interface LinkHop {
  link: string;
  target: string;
}

export type SourceFailure =
  /** `path` (a context path) is not in the sent context; `rest` is what was still to resolve. */
  | { kind: 'absent'; path: string; rest: string; via: LinkHop[]; wildcardBase: boolean }
  /** A path component that is a file, not a directory (e.g. "a/b" with "a" a file). */
  | { kind: 'not-dir'; path: string; via: LinkHop[] }
  | { kind: 'loop'; path: string; via: LinkHop[] }
  /** Legacy: the cleaned path climbs out of the context. */
  | { kind: 'outside'; path: string }
  /** BuildKit: the wildcard's prefix directory exists but is not transferred. */
  | { kind: 'not-transferred'; path: string };

export interface SourceResult {
  /** How many copy sources it produced (a literal: 1; a wildcard: its matches). */
  matches: number;
  wildcard: boolean;
  failure: SourceFailure | null;
}

/** Linux's limit on symlinks followed in one lookup (containerd and moby use 255). */
const MAX_LINKS = 255;

type Resolved = { ok: true; path: string; via: LinkHop[] } | { ok: false; failure: SourceFailure };

/**
 * Resolve a cleaned context path with every symlink followed, scoped to the context root
 * (containerd fs.RootPath / moby FollowSymlinkInScope): an absolute target restarts at the
 * root, ".." never climbs above it.
 */
export function resolveInContext(path: string, view: SourceView): Resolved {
  const via: LinkHop[] = [];
  const queue = path === '.' ? [] : path.split('/');
  let cur = '.';
  while (queue.length > 0) {
    const c = queue.shift()!;
    if (c === '' || c === '.') continue;
    if (c === '..') {
      const slash = cur.lastIndexOf('/');
      cur = slash < 0 ? '.' : cur.slice(0, slash);
      continue;
    }
    const next = joinRel(cur, c);
    const type = view.sent.get(next);
    if (type === undefined) return { ok: false, failure: { kind: 'absent', path: next, rest: queue.filter((q) => q !== '' && q !== '.').join('/'), via, wildcardBase: false } };
    if (type === 'symlink') {
      if (via.length >= MAX_LINKS) return { ok: false, failure: { kind: 'loop', path: next, via } };
      const target = view.readlink(next);
      if (target === null) return { ok: false, failure: { kind: 'absent', path: next, rest: '', via, wildcardBase: false } };
      via.push({ link: next, target });
      if (target.startsWith('/')) cur = '.';
      queue.unshift(...target.split('/'));
      continue;
    }
    if (type !== 'dir' && queue.some((q) => q !== '' && q !== '.')) return { ok: false, failure: { kind: 'not-dir', path: next, via } };
    cur = next;
  }
  return { ok: true, path: cur, via };
}

function safeMatch(pattern: string, name: string): boolean {
  try {
    return goMatch(pattern, name);
  } catch (err) {
    if (!(err instanceof BadPatternError)) throw err;
    return false; // both builders ignore Match errors here
  }
}

/** Paths below `base` (context paths) whose path relative to `base` matches `pattern`. */
export function wildcardMatches(pattern: string, base: string, index: ContextIndex, skipMatchedDirs: boolean): string[] {
  return matchesUnder(pattern, base, '', index, skipMatchedDirs);
}

/**
 * The legacy builder's matches for a wildcard source: every context path (filepath.Walk from
 * the root, symlinks not entered) that filepath.Match accepts. Leading components without
 * wildcards, escapes or dots can only match themselves, so the walk starts below them.
 */
export function legacyWildcardMatches(pattern: string, index: ContextIndex): string[] {
  const comps = pattern.split('/');
  let k = 0;
  while (k < comps.length - 1 && /^[^*?[\\]+$/.test(comps[k]!) && comps[k] !== '.' && comps[k] !== '..') k++;
  if (k === 0) return matchesUnder(pattern, '.', '', index, false);
  const base = comps.slice(0, k).join('/');
  if (index.get(base) !== 'dir') return [];
  return matchesUnder(pattern, base, base, index, false);
}

function matchesUnder(pattern: string, base: string, relBase: string, index: ContextIndex, skipMatchedDirs: boolean): string[] {
  const out: string[] = [];
  // A path can only match with no more slashes than the pattern can consume: one per literal
  // "/", at most one per character class.
  const maxSlashes = [...pattern].filter((c) => c === '/' || c === '[').length;
  const walk = (dir: string, relDir: string, slashes: number): void => {
    for (const name of index.children(dir)) {
      const path = joinRel(dir, name);
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      const m = safeMatch(pattern, rel);
      if (m) out.push(path);
      if (m && skipMatchedDirs) continue;
      if (slashes < maxSlashes && index.get(path) === 'dir') walk(path, rel, slashes + 1);
    }
  };
  if (index.get(base) === 'dir') walk(base, relBase, relBase === '' ? 0 : relBase.split('/').length);
  return out;
}

function followMatch(path: string, view: SourceView): SourceFailure | null {
  const r = resolveInContext(path, view);
  return r.ok ? null : r.failure;
}

/** BuildKit: resolve one source (`literal`: a RUN --mount source, never wildcard-expanded). */
export function checkBuildkitSource(src: string, view: SourceView, literal: boolean): SourceResult {
  const { base, pattern } = literal ? { base: cleanSource(src), pattern: '' } : splitWildcards(src);
  if (pattern === '') {
    const r = resolveInContext(base, view);
    return { matches: r.ok ? 1 : 0, wildcard: false, failure: r.ok ? null : r.failure };
  }
  const b = resolveInContext(base, view);
  if (!b.ok) {
    const failure = b.failure.kind === 'absent' ? { ...b.failure, wildcardBase: true } : b.failure;
    return { matches: 0, wildcard: true, failure };
  }
  const matches = wildcardMatches(pattern, b.path, view.sent, true);
  if (matches.length === 0) {
    const sentDir = b.path === '.' || (view.transferred?.(b.path) ?? true);
    return { matches: 0, wildcard: true, failure: sentDir ? null : { kind: 'not-transferred', path: b.path } };
  }
  for (const m of matches) {
    const f = followMatch(m, view);
    if (f) return { matches: matches.length, wildcard: true, failure: f };
  }
  return { matches: matches.length, wildcard: true, failure: null };
}

/** The legacy builder's spelling of a source before it looks it up. */
export function legacySourcePath(src: string): string {
  let p = src;
  if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
  if (p.startsWith('./')) p = p.slice(2);
  return p;
}

/** Legacy builder: resolve one COPY/ADD source. */
export function checkLegacySource(src: string, view: SourceView): SourceResult {
  const p = legacySourcePath(src);
  if (containsWildcards(p)) {
    const matches = legacyWildcardMatches(p, view.sent);
    for (const m of matches) {
      const f = followMatch(m, view);
      if (f) return { matches: matches.length, wildcard: true, failure: f };
    }
    return { matches: matches.length, wildcard: true, failure: null };
  }
  const c = goClean(p === '' ? '.' : p);
  if (c === '..' || c.startsWith('../')) return { matches: 0, wildcard: false, failure: { kind: 'outside', path: c } };
  const r = resolveInContext(c.startsWith('/') ? c.slice(1) || '.' : c, view);
  return { matches: r.ok ? 1 : 0, wildcard: false, failure: r.ok ? null : r.failure };
}

export function checkSource(builder: Builder, src: string, view: SourceView, literal: boolean): SourceResult {
  return builder === 'legacy' && !literal ? checkLegacySource(src, view) : checkBuildkitSource(src, view, literal);
}
