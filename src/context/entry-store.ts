// What a walk found, kept in columns instead of one object (and one path string) per entry: an
// 800k-entry context costs tens of MB here rather than hundreds. It relies on the walk's order:
// depth-first, siblings in byte order, every directory's subtree the contiguous range right
// after it. Paths are rebuilt from the parent directory's path and the entry's name on demand;
// only directory paths are stored.
import { compareBytes } from '../paths.js';
import type { EntryType } from '../fs/types.js';
import type { ContextIndex, FileSet, FileSetBuilder } from '../dockerfile/copy-sources.js';

export interface ContextEntry {
  path: string;
  type: EntryType;
  /** Bytes: file length, or a symlink's own size (its target's length); 0 for directories. */
  size: number;
  /**
   * What the legacy tar header needs beyond path, type and size, when the walk was asked to
   * stat (report, tar size); null for a bare listing. Most entries share one empty record,
   * since only hard links and out-of-range times change a header.
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

export const PLAIN_META: TarMeta = Object.freeze({});

const TYPE_NAMES: readonly EntryType[] = ['file', 'dir', 'symlink', 'fifo', 'socket', 'char', 'block', 'other'];
const TYPE_CODES = new Map<EntryType, number>(TYPE_NAMES.map((t, i) => [t, i]));
const DIR = 1;
const IMPLICIT = 0x80;
const TYPE_MASK = 0x7f;
/** Directories with at least this many children keep their child list. */
const CACHED_CHILDREN = 64;

export class EntryStore implements Iterable<ContextEntry>, ContextIndex {
  length = 0;
  private names: string[] = [];
  private parents = new Int32Array(1024);
  private codes = new Uint8Array(1024);
  private sizes = new Float64Array(1024);
  /** For a directory: one past the last entry of its subtree (i + 1 for anything else). */
  private ends = new Int32Array(1024);
  private readonly dirPaths = new Map<number, string>();
  private readonly metas = new Map<number, TarMeta>();
  private readonly links = new Map<number, string>();
  private readonly childLists = new Map<number, Int32Array>();

  /** `stat`: whether entries carry tar metadata (`meta` is null for every entry otherwise). */
  constructor(readonly stat: boolean) {}

  private grow(): void {
    const cap = this.codes.length * 2;
    const copy = <T extends Int32Array | Uint8Array | Float64Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.parents = copy(this.parents, new Int32Array(cap));
    this.codes = copy(this.codes, new Uint8Array(cap));
    this.sizes = copy(this.sizes, new Float64Array(cap));
    this.ends = copy(this.ends, new Int32Array(cap));
  }

  /**
   * Append an entry under `parent` (an entry index; -1 for the context root). `path` is its
   * full path (kept for directories, which children's paths are built from). Returns its index.
   */
  push(parent: number, name: string, path: string, type: EntryType, size: number, meta: TarMeta | null, implicit = false): number {
    if (this.length === this.codes.length) this.grow();
    this.lastPath = null;
    const i = this.length++;
    this.names.push(name);
    this.parents[i] = parent;
    const code = TYPE_CODES.get(type) ?? TYPE_CODES.get('other')!;
    this.codes[i] = code | (implicit ? IMPLICIT : 0);
    this.sizes[i] = size;
    this.ends[i] = i + 1;
    if (code === DIR) this.dirPaths.set(i, path);
    if (meta && meta !== PLAIN_META && (meta.ino !== undefined || meta.mtime !== undefined)) this.metas.set(i, meta);
    return i;
  }

  setLinkTarget(i: number, target: string): void {
    this.links.set(i, target);
  }

  /** Close directory `i`: every entry pushed since belongs to its subtree. */
  close(i: number): void {
    this.lastPath = null;
    this.ends[i] = this.length;
  }

  path(i: number): string {
    if ((this.codes[i]! & TYPE_MASK) === DIR) return this.dirPaths.get(i)!;
    const p = this.parents[i]!;
    return p < 0 ? this.names[i]! : `${this.dirPaths.get(p)!}/${this.names[i]!}`;
  }

  name(i: number): string {
    return this.names[i]!;
  }

  type(i: number): EntryType {
    return TYPE_NAMES[this.codes[i]! & TYPE_MASK]!;
  }

  isDir(i: number): boolean {
    return (this.codes[i]! & TYPE_MASK) === DIR;
  }

  size(i: number): number {
    return this.sizes[i]!;
  }

  /** An excluded directory present only for what was re-included inside it (see ContextEntry). */
  isImplicit(i: number): boolean {
    return (this.codes[i]! & IMPLICIT) !== 0;
  }

  parent(i: number): number {
    return this.parents[i]!;
  }

  /** One past the last entry of `i`'s subtree (-1 = the whole context). */
  end(i: number): number {
    return i < 0 ? this.length : this.ends[i]!;
  }

  entry(i: number): ContextEntry {
    const e: ContextEntry = { path: this.path(i), type: this.type(i), size: this.sizes[i]!, meta: this.stat ? (this.metas.get(i) ?? PLAIN_META) : null };
    const link = this.links.get(i);
    if (link !== undefined) e.linkTarget = link;
    if (this.codes[i]! & IMPLICIT) e.implicit = true;
    return e;
  }

  *[Symbol.iterator](): Iterator<ContextEntry> {
    for (let i = 0; i < this.length; i++) yield this.entry(i);
  }

  /** Every entry as an object: for small walks and tests (the report never needs it). */
  toArray(): ContextEntry[] {
    return Array.from(this);
  }

  /**
   * Indices of `dir`'s children (-1 = the root), in byte order. Lists of big directories are
   * kept for binary search; small ones are cheaper to rebuild than to keep (one per directory
   * would cost more than the store).
   */
  childIndices(dir: number): readonly number[] | Int32Array {
    const cached = this.childLists.get(dir);
    if (cached) return cached;
    const out: number[] = [];
    const end = this.end(dir);
    for (let i = dir + 1; i < end; i = this.ends[i]!) out.push(i);
    if (out.length < CACHED_CHILDREN) return out;
    const list = Int32Array.from(out);
    this.childLists.set(dir, list);
    return list;
  }

  /** Index of the entry at `path` ('.' = -1, the root), or undefined when it was not walked. */
  indexOf(path: string): number | undefined {
    if (path === '.') return -1;
    // Callers often ask for the same path several times in a row (one per COPY).
    if (path === this.lastPath) return this.lastIndex;
    let dir = -1;
    let from = 0;
    let found: number | undefined;
    for (;;) {
      const slash = path.indexOf('/', from);
      found = this.child(dir, path, from, slash < 0 ? path.length : slash);
      if (found === undefined || slash < 0) break;
      if (!this.isDir(found)) {
        found = undefined;
        break;
      }
      dir = found;
      from = slash + 1;
    }
    this.lastPath = path;
    this.lastIndex = found;
    return found;
  }

  private lastPath: string | null = null;
  private lastIndex: number | undefined;

  /**
   * The child of `dir` named by path[from, to): binary search in a big directory, a scan in a
   * small one (comparing in place, as this runs for every path looked up).
   */
  private child(dir: number, path: string, from: number, to: number): number | undefined {
    const kids = this.childLists.get(dir);
    if (!kids) {
      const end = this.end(dir);
      const len = to - from;
      let n = 0;
      for (let i = dir + 1; i < end; i = this.ends[i]!, n++) {
        const name = this.names[i]!;
        if (name.length === len && path.startsWith(name, from)) return i;
        if (n === CACHED_CHILDREN) return this.searchChildren(this.childIndices(dir), path.slice(from, to));
      }
      return undefined;
    }
    return this.searchChildren(kids, path.slice(from, to));
  }

  private searchChildren(kids: readonly number[] | Int32Array, name: string): number | undefined {
    let lo = 0;
    let hi = kids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compareBytes(this.names[kids[mid]!]!, name);
      if (c === 0) return kids[mid]!;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  // ---- ContextIndex ----------------------------------------------------------------------

  get(path: string): string | undefined {
    const i = this.indexOf(path);
    return i === undefined ? undefined : i < 0 ? 'dir' : this.type(i);
  }

  children(dir: string): string[] {
    const i = this.indexOf(dir);
    if (i === undefined || (i >= 0 && !this.isDir(i))) return [];
    return Array.from(this.childIndices(i), (k) => this.names[k]!);
  }

  newFileSet(): FileSetBuilder {
    return new StoreFileSet(this);
  }
}

/** A set of the store's non-directory entries: one byte per entry instead of a path string. */
class StoreFileSet implements FileSet, FileSetBuilder {
  size = 0;
  private marks: Uint8Array | null = null;

  constructor(private readonly store: EntryStore) {}

  private mark(i: number): void {
    this.marks ??= new Uint8Array(this.store.length);
    if (this.marks[i] === 0) {
      this.marks[i] = 1;
      this.size++;
    }
  }

  add(path: string): void {
    const i = this.store.indexOf(path);
    if (i !== undefined && i >= 0) this.mark(i);
  }

  addTree(root: string): void {
    const r = this.store.indexOf(root);
    if (r === undefined) return;
    if (r >= 0 && !this.store.isDir(r)) return this.mark(r);
    const end = this.store.end(r);
    for (let i = r + 1; i < end; i++) if (!this.store.isDir(i)) this.mark(i);
  }

  done(): FileSet {
    return this;
  }

  has(path: string): boolean {
    if (!this.marks) return false;
    const i = this.store.indexOf(path);
    return i !== undefined && i >= 0 && this.marks[i] === 1;
  }

  /** Bytes of the files in the set. */
  bytes(): number {
    let n = 0;
    if (this.marks) for (let i = 0; i < this.marks.length; i++) if (this.marks[i] === 1) n += this.store.size(i);
    return n;
  }

  *[Symbol.iterator](): Iterator<string> {
    const m = this.marks;
    if (!m) return;
    for (let i = 0; i < m.length; i++) if (m[i] === 1) yield this.store.path(i);
  }
}
