// Which context files a COPY/ADD/RUN --mount reads, and what BuildKit asks the client to send.
//
// Facts this module encodes, from the BuildKit sources:
// * dockerfile2llb/convert_copy.go: a local COPY/ADD source becomes llb.Copy(context, src) with
//   AllowWildcard: true, AllowEmptyWildcard: true, FollowSymlinks: true, CopyDirContentsOnly: true;
//   --exclude becomes the copy's ExcludePatterns; --parents splits the source at "/./" into the
//   directory copied and an IncludePatterns entry (RequiredPaths when neither part has wildcards).
// * solver/llbsolver/file/backend.go (docopy) + tonistiigi/fsutil copy/copy.go: wildcards are
//   resolved by ResolveWildcards: the path is cleaned, split at the first component containing
//   `*`, `?` or `[` (a backslash escapes the next character); the fixed prefix is walked
//   (filepath.Walk, sorted, no symlink descent) and each path relative to it is matched with
//   filepath.Match against the rest; a matching directory is taken whole (SkipDir).
// * fsutil copy: include/exclude patterns use moby/patternmatcher (dockerignore syntax, `**`,
//   `!` exceptions), are matched against paths relative to each copied source (each wildcard
//   match), with parent-directory results inherited; the copied source itself is never tested
//   (so `COPY --exclude=a.txt *.txt /x` still copies a.txt: moby/buildkit#5489).
// * dockerfile2llb/convert.go: ctxPaths collects path.Join("/", src) for every local COPY source,
//   every ADD source not starting with http:// or https:// (git sources included), and every
//   RUN --mount without from= (tmpfs included; cache mounts get from=scratch, secret/ssh are
//   skipped); normalizeContextPaths turns them into FollowPaths, sorted, without the leading "/",
//   or sends no FollowPaths at all when the set is empty or contains "/".
import { compareBytes, goClean, joinRel } from '../paths.js';
import { BadPatternError, goMatch } from '../ignore/go-match.js';
import { Matcher, type MatchInfo } from '../ignore/matcher.js';
import type { RawRule } from '../ignore/parse.js';
import type { CopyLike, DockerfileModel, RunInstr } from './model.js';
import { contextUses, isContextMount, stagesToBuild } from './stages.js';

/** A view of the (ignore-filtered) build context: every path present, with its type. */
export interface ContextIndex {
  /** path → 'file' | 'dir' | 'symlink' | 'other'; paths are context-relative, posix, no leading './' or '/' */
  get(path: string): string | undefined;
  /** direct children names of a dir ('.' = root), sorted by byte order */
  children(dir: string): string[];
  /** A compact set of this index's files (walk-backed indexes have one); default a Set of paths. */
  newFileSet?(): FileSetBuilder;
}

/** Context files (non-directories) an instruction takes in. A Set<string> is one. */
export interface FileSet extends Iterable<string> {
  readonly size: number;
  has(path: string): boolean;
  /** Their total bytes, when the set knows sizes. */
  bytes?(): number;
}

export interface FileSetBuilder {
  add(path: string): void;
  /** `root` itself when it is not a directory, else every non-directory below it. */
  addTree(root: string): void;
  done(): FileSet;
}

/** Path → value, for anything keyed by context path (a Map is one). */
export interface PathLookup<T> {
  get(path: string): T | undefined;
}

function pathSetBuilder(index: ContextIndex): FileSetBuilder {
  const out = new Set<string>();
  const walk = (dir: string): void => {
    for (const name of index.children(dir)) {
      const p = joinRel(dir, name);
      if (index.get(p) === 'dir') walk(p);
      else out.add(p);
    }
  };
  return {
    add: (p) => void out.add(p),
    addTree: (root) => (index.get(root) === 'dir' ? walk(root) : void out.add(root)),
    done: () => out,
  };
}

function normalizeEntry(p: string): string {
  let s = p;
  for (;;) {
    if (s.startsWith('./')) s = s.slice(2);
    else if (s.startsWith('/')) s = s.slice(1);
    else break;
  }
  const c = goClean(s);
  return c.startsWith('/') ? c.slice(1) || '.' : c;
}

/** Build a ContextIndex from a flat listing. Missing parent directories are added as 'dir'. */
export function indexFromPaths(entries: readonly { path: string; type: string }[]): ContextIndex {
  const types = new Map<string, string>([['.', 'dir']]);
  const kids = new Map<string, Set<string>>();
  const addChild = (dir: string, name: string): void => {
    let s = kids.get(dir);
    if (!s) kids.set(dir, (s = new Set()));
    s.add(name);
  };
  for (const e of entries) {
    const p = normalizeEntry(e.path);
    if (p === '.' || p === '..' || p.startsWith('../')) continue;
    types.set(p, e.type);
    const parts = p.split('/');
    let dir = '.';
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i]!;
      const child = joinRel(dir, name);
      addChild(dir, name);
      if (i < parts.length - 1 && !types.has(child)) types.set(child, 'dir');
      dir = child;
    }
  }
  const sorted = new Map<string, string[]>();
  for (const [dir, set] of kids) sorted.set(dir, [...set].sort(compareBytes));
  return {
    get: (path) => types.get(path),
    children: (dir) => sorted.get(dir) ?? [],
  };
}

/** fsutil's containsWildcards (Unix): `*`, `?` or `[`, a backslash escaping the next character. */
export function containsWildcards(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === '\\') i++;
    else if (ch === '*' || ch === '?' || ch === '[') return true;
  }
  return false;
}

/** Clean a source relative to the context root: leading "/" and ".." clamp at the root. */
export function cleanSource(src: string): string {
  const abs = goClean('/' + src);
  return abs === '/' ? '.' : abs.slice(1);
}

/** splitWildcards: the fixed directory prefix ('.' = root) and the wildcard rest ('' = none). */
export function splitWildcards(src: string): { base: string; pattern: string } {
  const rel = cleanSource(src);
  const comps = rel === '.' ? [] : rel.split('/');
  const wi = comps.findIndex(containsWildcards);
  if (wi < 0) return { base: rel, pattern: '' };
  return { base: wi === 0 ? '.' : comps.slice(0, wi).join('/'), pattern: comps.slice(wi).join('/') };
}

/**
 * Resolve one COPY/ADD source (or RUN bind-mount source, with `literal`) against the context like
 * BuildKit: clean it relative to the context root, then resolve wildcards as fsutil's
 * ResolveWildcards does. Returns the matched top-level paths ('.' for the whole context), whether
 * the source had wildcards, and the fixed prefix directory the wildcard part is resolved in.
 * RUN --mount sources are never wildcard-expanded (llb.SourcePath), hence `literal`.
 */
export function resolveSource(
  src: string,
  index: ContextIndex,
  opts: { literal?: boolean } = {},
): { matches: string[]; wildcard: boolean; base: string } {
  const { base, pattern } = opts.literal ? { base: cleanSource(src), pattern: '' } : splitWildcards(src);
  if (pattern === '') return { matches: index.get(base) !== undefined ? [base] : [], wildcard: false, base };
  const matches: string[] = [];
  // fsutil walks the whole prefix directory, but a path can only match when it has no more
  // slashes than the pattern can consume: one per literal "/", at most one per character class
  // ("*" and "?" never match "/"). Deeper directories cannot hold a match: skip them.
  const maxSlashes = [...pattern].filter((c) => c === '/' || c === '[').length;
  const walk = (dir: string, relDir: string, slashes: number): void => {
    for (const name of index.children(dir)) {
      const path = joinRel(dir, name);
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      let m = false;
      try {
        m = goMatch(pattern, rel);
      } catch (err) {
        if (!(err instanceof BadPatternError)) throw err; // Go ignores Match errors here
      }
      if (m) matches.push(path); // a matching directory is taken whole
      else if (slashes < maxSlashes && index.get(path) === 'dir') walk(path, rel, slashes + 1);
    }
  };
  // filepath.Walk on a file visits only the root, which is never matched.
  if (index.get(base) === 'dir') walk(base, '', 0);
  return { matches, wildcard: true, base };
}

function patternMatcher(patterns: readonly string[], label: string): Matcher | null {
  if (patterns.length === 0) return null;
  const raw: RawRule[] = patterns.map((text, i) => ({ text, line: i + 1, raw: text }));
  return Matcher.fromRaw(raw, label);
}

/** Every non-directory path under `root` (itself included when it is not a directory). */
function filesUnder(root: string, index: ContextIndex, out: FileSetBuilder, include: Matcher | null, exclude: Matcher | null): void {
  // The copied source itself is never tested against include/exclude patterns.
  if (index.get(root) !== 'dir' || (!include && !exclude)) return out.addTree(root);
  const walk = (dir: string, relDir: string, incInfo: MatchInfo, excInfo: MatchInfo): void => {
    for (const name of index.children(dir)) {
      const path = joinRel(dir, name);
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      let included = true;
      let nextInc: MatchInfo = null;
      if (include) {
        const d = include.matchesUsingParentResults(rel, incInfo);
        included = d.excluded; // "excluded" is patternmatcher's "matched"
        nextInc = d.info;
      }
      let nextExc: MatchInfo = null;
      if (exclude) {
        const d = exclude.matchesUsingParentResults(rel, excInfo);
        if (d.excluded) included = false;
        nextExc = d.info;
      }
      // fsutil always descends (a later exception may re-include a child).
      if (index.get(path) === 'dir') walk(path, rel, nextInc, nextExc);
      else if (included) out.add(path);
    }
  };
  walk(root, '', null, null);
}

/**
 * All context file paths (non-directories) one instruction copies: matched files, and everything
 * under matched directories, minus --exclude patterns. For --parents the source is split at
 * "/./" and the part after it filters the copy like an include pattern. Remote sources, heredocs
 * and --from copies read nothing from the context. RUN contributes its bind mounts without from=.
 * Symlinks are reported as themselves (their targets are not resolved here).
 */
export function copiedFiles(instr: CopyLike | RunInstr, index: ContextIndex): FileSet {
  const out = index.newFileSet?.() ?? pathSetBuilder(index);
  if (instr.kind === 'RUN') {
    for (const m of instr.mounts) {
      if (!isContextMount(m)) continue;
      for (const match of resolveSource(m.source ?? '.', index, { literal: true }).matches) filesUnder(match, index, out, null, null);
    }
    return out.done();
  }
  if (instr.from !== null) return out.done();
  const exclude = patternMatcher(instr.exclude, '--exclude');
  instr.sources.forEach((src, i) => {
    if (instr.remote[i]) return;
    let source = src;
    let include: Matcher | null = null;
    if (instr.parents) {
      const pivot = src.indexOf('/./');
      const pattern = pivot < 0 ? src : src.slice(pivot + 3);
      source = pivot < 0 ? '/' : src.slice(0, pivot);
      const cleaned = cleanSource(pattern);
      if (cleaned !== '.') include = patternMatcher([cleaned], '--parents');
    }
    for (const match of resolveSource(source, index).matches) filesUnder(match, index, out, include, exclude);
  });
  return out.done();
}

/**
 * BuildKit's FollowPaths for the context: the include paths dockerfile2llb passes (ctxPaths of
 * the built stages), relative to the context root, sorted by byte order.
 * - null: BuildKit sets no FollowPaths, so the whole (ignore-filtered) context is sent. This is
 *   what `COPY . .` (ctxPath "/") produces; so does any bind mount of the context root, and any
 *   RUN --mount=type=tmpfs (its empty source also joins to "/").
 * - []: no built instruction reads the context, so the context is never transferred at all
 *   (BuildKit itself would also pass no FollowPaths, but nothing references the local source).
 * Wildcard sources are passed through as written (fsutil treats FollowPaths as include patterns).
 */
export function followPaths(model: DockerfileModel, target?: string): string[] | null {
  if (contextUses(model, target).length === 0) return [];
  const paths = new Set<string>();
  const add = (p: string): void => {
    paths.add(goClean('/' + p));
  };
  for (const i of stagesToBuild(model, target)) {
    for (const ins of model.stages[i]!.instructions) {
      if (ins.kind === 'COPY') {
        if (ins.from === null) ins.sources.forEach(add);
      } else if (ins.kind === 'ADD') {
        for (const s of ins.sources) if (!s.startsWith('http://') && !s.startsWith('https://')) add(s);
      } else if (ins.kind === 'RUN') {
        for (const m of ins.mounts) {
          if (m.type === 'secret' || m.type === 'ssh') continue;
          if (m.type === 'cache' && m.from === null) continue; // from=scratch
          if (m.from === null) add(m.source ?? '');
        }
      }
    }
  }
  if (paths.size === 0 || paths.has('/')) return null;
  return [...paths].map((p) => p.slice(1)).sort(compareBytes);
}

/**
 * Is a source that resolved to `matches` an error in BuildKit?
 * - A literal (wildcard-free) source that does not exist is an error: the cache-key checksum
 *   fails with `"/x": not found` (COPY --parents sets RequiredPaths for the same effect).
 * - A wildcard matching nothing is NOT an error: dockerfile2llb sets AllowEmptyWildcard, and
 *   docopy returns without copying. BUT fsutil's ResolveWildcards walks the fixed directory prefix
 *   first, and fails with "lstat <prefix>: no such file or directory" when that directory is
 *   absent from the transferred context (moby/buildkit#2933). Because FollowPaths only transfers
 *   paths matching the pattern, a prefix directory other than the root is absent exactly when
 *   nothing matched, unless another instruction transfers it. Pass `index` (the files actually
 *   transferred) to decide on that; without it a non-root prefix is assumed absent.
 */
export function isMissingSourceError(src: string, matches: string[], wildcard: boolean, index?: ContextIndex): boolean {
  if (matches.length > 0) return false;
  if (!wildcard) return true;
  const { base } = splitWildcards(src);
  if (base === '.') return false;
  if (index) return index.get(base) === undefined;
  return true;
}
