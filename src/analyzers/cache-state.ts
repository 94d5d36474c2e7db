// The state of a build context on disk as the builders' cache keys see it (cache-keys.ts's
// ContextState): the ignore-filtered walk for what is present, and per entry its type,
// permission bits and content identity. Content is identified by git's blob id (sha1 of
// "blob <length>\0" and the bytes), so a working tree and a `git ls-tree` listing compare
// directly; a symlink's identity is its target text, as BuildKit and the legacy builder key a
// link inside a copied directory. Modification times never enter a key (BuildKit's content
// hash and the legacy builder's tarsum both skip them), so a `touch` changes nothing.
//
// Hashing is lazy: only the entries some step reads are read. A stat cache (size, mtime in
// seconds, inode, per hashed file) lets a later run skip re-reading files whose stat is
// unchanged. A file whose mtime is not older than the second the cache was written in is
// "racy" (it may have been rewritten within that second with the same size, as git's index
// handles it) and is never trusted from the cache.
import { createHash } from 'node:crypto';
import type { ContextFS, Stat } from '../fs/types.js';
import type { ContextIndex } from '../dockerfile/copy-sources.js';
import type { ContextState, EntryInfo } from './cache-keys.js';

/** git's blob id of these bytes (sha1 of "blob <length>\0" + bytes). */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** What the stat cache keeps per hashed file. */
export interface HashedFile {
  size: number;
  /** Whole seconds (ContextFS precision). */
  mtime: number;
  ino: number;
  /** The content id (blob id). */
  id: string;
}

export interface DiskStateOptions {
  /** Earlier hashes: a file whose size, mtime and inode match (and is not racy) is not re-read. */
  statCache?: ReadonlyMap<string, HashedFile>;
  /** When the stat cache was written (ms since the epoch): entries modified in or after that second are racy. */
  statCacheAt?: number;
  /**
   * Modes as a fresh git checkout writes them: files 0644, or 0755 when any exec bit is set;
   * directories 0755. (A CI build of either side of a `--against` comparison is a checkout.)
   */
  checkoutModes?: boolean;
}

export interface DiskState extends ContextState {
  /** Files hashed so far (for the next stat cache), by path. */
  readonly hashed: Map<string, HashedFile>;
  /** How many files were really read (not answered by the stat cache). */
  readonly reads: () => number;
}

function normalMode(type: string, mode: number, checkout: boolean): number {
  if (!checkout) return mode & 0o7777;
  if (type === 'dir') return 0o755;
  if (type === 'symlink') return 0o777;
  return mode & 0o111 ? 0o755 : 0o644;
}

/**
 * The context state over `index` (the ignore-filtered walk: what the builder receives), read
 * through `fs`. Entries that vanish or cannot be read get an identity that matches nothing.
 */
export function diskState(fs: ContextFS, index: ContextIndex, opts: DiskStateOptions = {}): DiskState {
  const checkout = opts.checkoutModes === true;
  const racyFrom = opts.statCacheAt === undefined ? -Infinity : Math.floor(opts.statCacheAt / 1000);
  const infos = new Map<string, EntryInfo | undefined>();
  const hashed = new Map<string, HashedFile>();
  let reads = 0;
  const fileId = (p: string, st: Stat): string => {
    const old = opts.statCache?.get(p);
    if (old && old.size === st.size && old.mtime === st.mtime && old.ino === st.ino && st.mtime < racyFrom) {
      hashed.set(p, old);
      return old.id;
    }
    reads++;
    const id = blobId(fs.readFile(p));
    hashed.set(p, { size: st.size, mtime: st.mtime, ino: st.ino, id });
    return id;
  };
  const load = (p: string): EntryInfo | undefined => {
    const type = index.get(p);
    if (type === undefined) return undefined;
    if (p === '.') return { type: 'dir', mode: 0o755, id: '' };
    let st: Stat;
    try {
      st = fs.lstat(p);
    } catch (err) {
      return { type, mode: 0, id: `unreadable:${(err as { code?: string }).code ?? 'error'}` };
    }
    const mode = normalMode(st.type, st.mode, checkout);
    try {
      if (st.type === 'file') return { type: 'file', mode, id: fileId(p, st) };
      if (st.type === 'symlink') return { type: 'symlink', mode, id: fs.readlink(p) };
    } catch (err) {
      return { type: st.type, mode, id: `unreadable:${(err as { code?: string }).code ?? 'error'}` };
    }
    return { type: st.type, mode, id: '' };
  };
  return {
    index,
    hashed,
    reads: () => reads,
    info(p) {
      if (infos.has(p)) return infos.get(p);
      const info = load(p);
      infos.set(p, info);
      return info;
    },
  };
}
