// The builder's directory walk: depth-first, entries in byte order (Go's WalkDir), each path
// decided with its parent directory's match results, excluded directories pruned or kept
// open per builder. Iterative, so 10,000-deep trees cannot overflow the stack.
import { compareBytes, joinRel } from '../paths.js';
import { FsError, type ContextFS, type EntryType, type Stat } from '../fs/types.js';
import type { Matcher, MatchInfo } from '../ignore/matcher.js';
import { includePrunePolicy, prunePolicy, type Builder } from './builders.js';
import type { ExcludedCounter } from './excluded-counter.js';
import { EntryStore, PLAIN_META, type TarMeta } from './entry-store.js';

export type { ContextEntry, TarMeta } from './entry-store.js';

export function tarMeta(st: Stat): TarMeta {
  const hardlink = st.type !== 'dir' && st.nlink > 1;
  const oddTime = st.mtime < 0 || st.mtime >= 2 ** 33;
  if (!hardlink && !oddTime) return PLAIN_META;
  return { ...(hardlink ? { ino: st.ino } : {}), ...(oddTime ? { mtime: st.mtime } : {}) };
}

export type ProblemKind = 'unreadable-dir' | 'unreadable-file' | 'vanished' | 'unsupported-type';

export interface WalkProblem {
  kind: ProblemKind;
  path: string;
  code: string;
}

export interface WalkOptions {
  fs: ContextFS;
  matcher: Matcher;
  builder: Builder;
  /** lstat every included entry (needed for sizes); a plain listing can skip it. */
  stat?: boolean;
  /** Receives excluded files and pruned directories, to count what the ignore file keeps out. */
  excluded?: ExcludedCounter;
  /** Called every so often with the number of entries seen, for progress display. */
  onProgress?: (seen: number) => void;
  /**
   * Legacy builder: a pattern Go cannot compile makes moby's tar walk stop where a path first
   * reaches it; what was written so far is still sent. With this set the walk stops there too
   * (recorded in `aborted`) instead of throwing.
   */
  stopOnMatchError?: boolean;
  /**
   * BuildKit only: include patterns (the Dockerfile's FollowPaths). Paths they do not match
   * are not transferred; with it the result is the transfer set rather than the context.
   */
  include?: Matcher;
}

export interface WalkResult {
  /** What the builder sends, in walk order (compact; iterate it, or ask it by index or path). */
  entries: EntryStore;
  /** Set when `stopOnMatchError` cut the walk short: the path that reached the bad pattern. */
  aborted?: { path: string; error: Error };
  /** How many directories the builder skipped without reading. */
  prunedDirs: number;
  problems: WalkProblem[];
  /** For each rule index, how many paths it decided (used by the ignore-file lint). */
  ruleHits: number[];
  /** For each rule index, the first paths it decided (at most RULE_SAMPLES). */
  ruleSamples: { path: string; isDir: boolean }[][];
}

export const RULE_SAMPLES = 200;

interface Frame {
  dir: string;
  names: { name: string; type: EntryType }[];
  next: number;
  info: MatchInfo;
  includeInfo: MatchInfo;
  /** This directory's index in `entries`: -1 until it is emitted (excluded dirs appear lazily). */
  index: number;
}

function sortedEntries(fs: ContextFS, dir: string): { name: string; type: EntryType }[] {
  return fs.readdir(dir).sort((a, b) => compareBytes(a.name, b.name));
}

function errCode(err: unknown): string {
  return err instanceof FsError ? err.code : ((err as NodeJS.ErrnoException).code ?? 'EIO');
}

export function walkContext(opts: WalkOptions): WalkResult {
  const { fs, matcher, builder } = opts;
  const wantStat = opts.stat ?? false;
  const policy = prunePolicy(builder, matcher);
  const noRules = matcher.rules.length === 0;
  const include = opts.include && opts.include.rules.length > 0 ? opts.include : null;
  const includePolicy = include ? includePrunePolicy(include) : null;
  const result: WalkResult = {
    entries: new EntryStore(wantStat),
    prunedDirs: 0,
    problems: [],
    ruleHits: new Array<number>(matcher.rules.length).fill(0),
    ruleSamples: matcher.rules.map(() => []),
  };
  let seen = 0;

  const counter = opts.excluded ?? null;

  const store = result.entries;
  const stack: Frame[] = [{ dir: '.', names: sortedEntries(fs, '.'), next: 0, info: null, includeInfo: null, index: -1 }];
  // stack[0] is the root, which is no entry (index -1 is its children's parent).
  const emitParents = (): void => {
    for (let k = 1; k < stack.length; k++) {
      const f = stack[k]!;
      if (f.index >= 0) continue;
      const slash = f.dir.lastIndexOf('/');
      f.index = store.push(stack[k - 1]!.index, f.dir.slice(slash + 1), f.dir, 'dir', 0, wantStat ? PLAIN_META : null, true);
    }
  };

  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.names.length && stack.length === 1) {
      opts.onProgress?.(seen); // the final count
    }
    if (frame.next >= frame.names.length) {
      stack.pop();
      if (frame.index >= 0) store.close(frame.index);
      continue;
    }
    const { name, type } = frame.names[frame.next++]!;
    const path = joinRel(frame.dir, name);
    seen++;
    if (opts.onProgress && (seen & 0x3fff) === 0) opts.onProgress(seen);

    const isDir = type === 'dir';
    // Include patterns first, as fsutil does: an unmatched directory may be skipped whole.
    let notIncluded = false;
    let includeInfo: MatchInfo = null;
    if (include) {
      const d = include.matchesUsingParentResults(path, frame.includeInfo);
      includeInfo = d.info;
      if (!d.excluded) {
        if (isDir && includePolicy!.prunes(path)) continue;
        notIncluded = true;
      }
    }

    let excluded = false;
    let info: MatchInfo = null;
    if (!noRules) {
      let d: ReturnType<Matcher['matchesUsingParentResults']>;
      try {
        d = matcher.matchesUsingParentResults(path, frame.info);
      } catch (err) {
        if (!opts.stopOnMatchError) throw err;
        result.aborted = { path, error: err as Error };
        break;
      }
      excluded = d.excluded;
      info = d.info;
      if (d.ruleIndex >= 0) {
        result.ruleHits[d.ruleIndex]!++;
        const samples = result.ruleSamples[d.ruleIndex]!;
        if (samples.length < RULE_SAMPLES) samples.push({ path, isDir });
      }
    }

    if (notIncluded) {
      // Not transferred, but its subtree may hold included paths — unless the exclude side
      // prunes it, which fsutil checks next.
      if (!isDir || (excluded && policy.prunes(path))) continue;
      let names: { name: string; type: EntryType }[];
      try {
        names = sortedEntries(fs, path);
      } catch {
        continue;
      }
      stack.push({ dir: path, names, next: 0, info, includeInfo, index: -1 });
      continue;
    }

    if (excluded) {
      if (!isDir) {
        counter?.file(path);
        continue;
      }
      if (policy.prunes(path)) {
        result.prunedDirs++;
        counter?.dir(path);
        continue;
      }
      // Excluded but kept open: look inside for re-included entries.
      let names: { name: string; type: EntryType }[];
      try {
        names = sortedEntries(fs, path);
      } catch {
        continue; // both builders tolerate an unreadable directory they are not sending
      }
      stack.push({ dir: path, names, next: 0, info, includeInfo, index: -1 });
      continue;
    }

    emitParents();
    let stat: Stat | null = null;
    if (wantStat) {
      try {
        stat = fs.lstat(path);
      } catch (err) {
        result.problems.push({ kind: 'vanished', path, code: errCode(err) });
        continue;
      }
    }
    const entryType = stat?.type ?? type;
    let linkTarget: string | undefined;
    if (entryType === 'symlink' && wantStat) {
      try {
        linkTarget = fs.readlink(path);
      } catch (err) {
        result.problems.push({ kind: 'vanished', path, code: errCode(err) });
        continue;
      }
    }
    if (wantStat && entryType === 'file' && stat && !fs.canRead(path, stat)) {
      result.problems.push({ kind: 'unreadable-file', path, code: 'EACCES' });
    }
    const size = stat && entryType !== 'dir' ? stat.size : 0;
    const index = store.push(frame.index, name, path, entryType, size, stat ? tarMeta(stat) : null);
    if (linkTarget !== undefined) store.setLinkTarget(index, linkTarget);
    if (entryType === 'dir') {
      let names: { name: string; type: EntryType }[];
      try {
        names = sortedEntries(fs, path);
      } catch (err) {
        result.problems.push({ kind: 'unreadable-dir', path, code: errCode(err) });
        continue;
      }
      stack.push({ dir: path, names, next: 0, info, includeInfo, index });
    }
  }
  // A walk cut short leaves directories open: their subtrees end where it stopped.
  for (const f of stack) if (f.index >= 0) store.close(f.index);
  return result;
}
