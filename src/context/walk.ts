// The builder's directory walk: depth-first, entries in byte order (Go's WalkDir), each path
// decided with its parent directory's match results, excluded directories pruned or kept
// open per builder. Iterative, so 10,000-deep trees cannot overflow the stack.
import { compareBytes, joinRel } from '../paths.js';
import { FsError, type ContextFS, type EntryType, type Stat } from '../fs/types.js';
import type { Matcher, MatchInfo } from '../ignore/matcher.js';
import { includePrunePolicy, prunePolicy, type Builder } from './builders.js';
import type { ExcludedCounter } from './excluded-counter.js';

export interface ContextEntry {
  path: string;
  type: EntryType;
  /** Bytes: file length, or a symlink's own size (its target's length); 0 for directories. */
  size: number;
  /**
   * What the legacy tar header needs beyond path, type and size, when the walk was asked to
   * stat (report, tar size); null for a bare listing. Kept compact: most entries share one
   * empty record, since only hard links and out-of-range times change a header.
   */
  meta: TarMeta | null;
  linkTarget?: string;
  /**
   * A directory that is excluded itself but present because something inside it was
   * re-included: BuildKit sends it, the legacy tar omits its header (the daemon creates it).
   */
  implicit?: boolean;
}

export interface TarMeta {
  /** Inode number: set only for a non-directory with more than one link (tar hard links). */
  ino?: number;
  /** Seconds since the epoch: set only when USTAR cannot hold it (before 1970, after 2242). */
  mtime?: number;
}

const PLAIN: TarMeta = Object.freeze({});

export function tarMeta(st: Stat): TarMeta {
  const hardlink = st.type !== 'dir' && st.nlink > 1;
  const oddTime = st.mtime < 0 || st.mtime >= 2 ** 33;
  if (!hardlink && !oddTime) return PLAIN;
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
  entries: ContextEntry[];
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
  /** Whether this directory's own entry is in `entries` yet (excluded dirs appear lazily). */
  emitted: boolean;
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
    entries: [],
    prunedDirs: 0,
    problems: [],
    ruleHits: new Array<number>(matcher.rules.length).fill(0),
    ruleSamples: matcher.rules.map(() => []),
  };
  let seen = 0;

  const counter = opts.excluded ?? null;

  const stack: Frame[] = [{ dir: '.', names: sortedEntries(fs, '.'), next: 0, info: null, includeInfo: null, emitted: true }];

  const emitParents = (): void => {
    for (const f of stack) {
      if (f.emitted) continue;
      f.emitted = true;
      result.entries.push({ path: f.dir, type: 'dir', size: 0, meta: wantStat ? PLAIN : null, implicit: true });
    }
  };


  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.names.length) {
      stack.pop();
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
      stack.push({ dir: path, names, next: 0, info, includeInfo, emitted: false });
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
      stack.push({ dir: path, names, next: 0, info, includeInfo, emitted: false });
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
    const entry: ContextEntry = { path, type: stat?.type ?? type, size: 0, meta: stat ? tarMeta(stat) : null };
    if (stat && entry.type !== 'dir') entry.size = stat.size;
    if (entry.type === 'symlink' && wantStat) {
      try {
        entry.linkTarget = fs.readlink(path);
      } catch (err) {
        result.problems.push({ kind: 'vanished', path, code: errCode(err) });
        continue;
      }
    }
    if (wantStat && entry.type === 'file' && stat && !fs.canRead(path, stat)) {
      result.problems.push({ kind: 'unreadable-file', path, code: 'EACCES' });
    }
    result.entries.push(entry);
    if (entry.type === 'dir') {
      let names: { name: string; type: EntryType }[];
      try {
        names = sortedEntries(fs, path);
      } catch (err) {
        result.problems.push({ kind: 'unreadable-dir', path, code: errCode(err) });
        continue;
      }
      stack.push({ dir: path, names, next: 0, info, includeInfo, emitted: true });
    }
  }
  return result;
}
