// The sizes a report shows, computed from a walk's entries: totals, the largest files, the
// heaviest directories, and path -> bytes lookups.
import type { DirSize, SizedPath } from '../types.js';
import type { PathLookup } from '../dockerfile/copy-sources.js';
import type { EntryStore } from './entry-store.js';
import type { ContextEntry, WalkResult } from './walk.js';

const LARGEST = 10;
const HEAVIEST_DIRS = 50;

/** The heaviest directories: every sent non-directory's bytes added to each ancestor. */
export function dirSizes(store: EntryStore): DirSize[] {
  const bytes = new Float64Array(store.length);
  const files = new Float64Array(store.length);
  for (let i = 0; i < store.length; i++) {
    if (store.isDir(i)) continue;
    const size = store.size(i);
    for (let d = store.parent(i); d >= 0; d = store.parent(d)) {
      bytes[d]! += size;
      files[d]!++;
    }
  }
  const dirs: number[] = [];
  for (let i = 0; i < store.length; i++) if (store.isDir(i) && files[i]! > 0) dirs.push(i);
  return topN(dirs, HEAVIEST_DIRS, (i) => bytes[i]!, store).map((i) => ({ path: store.path(i), bytes: bytes[i]!, files: files[i]! }));
}

/**
 * The `n` indices with the largest `weight`, ties by path: one pass with a small sorted window,
 * so a huge context never gets sorted whole.
 */
function topN(indices: Iterable<number>, n: number, weight: (i: number) => number, store: EntryStore): number[] {
  const top: { i: number; w: number; path: string }[] = [];
  const before = (a: { w: number; path: string }, b: { w: number; path: string }): boolean => a.w > b.w || (a.w === b.w && a.path < b.path);
  for (const i of indices) {
    const w = weight(i);
    const last = top[top.length - 1];
    if (top.length === n && last && w < last.w) continue;
    const item = { i, w, path: store.path(i) };
    if (top.length === n && last && !before(item, last)) continue;
    let k = top.length;
    while (k > 0 && before(item, top[k - 1]!)) k--;
    top.splice(k, 0, item);
    if (top.length > n) top.pop();
  }
  return top.map((t) => t.i);
}

export function* fileIndices(store: EntryStore): Generator<number> {
  for (let i = 0; i < store.length; i++) if (store.type(i) === 'file') yield i;
}

export function largest(store: EntryStore): SizedPath[] {
  return topN(fileIndices(store), LARGEST, (i) => store.size(i), store).map((i) => ({ path: store.path(i), bytes: store.size(i) }));
}

/** Path → bytes of the walk's entries (looked up in the walk itself). */
export function sizesOf(walk: WalkResult): PathLookup<number> {
  const store = walk.entries;
  return {
    get(path) {
      const i = store.indexOf(path);
      return i === undefined || i < 0 ? undefined : store.size(i);
    },
  };
}

/** Files (non-directories) of a walk and their bytes. */
export function sentTotals(store: EntryStore): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (let i = 0; i < store.length; i++) {
    if (store.isDir(i)) continue;
    files++;
    bytes += store.size(i);
  }
  return { files, bytes };
}

/** Directories present only for a re-included path inside them (the legacy tar omits them). */
export function implicitDirs(store: EntryStore): number {
  let n = 0;
  for (let i = 0; i < store.length; i++) if (store.isDir(i) && store.isImplicit(i)) n++;
  return n;
}

/** The walk's non-directory entries, one at a time. */
export function* sentEntries(store: EntryStore): Generator<ContextEntry> {
  for (let i = 0; i < store.length; i++) if (!store.isDir(i)) yield store.entry(i);
}
