// An in-memory ContextFS for tests and for library users who analyse trees that are not on
// disk (e.g. a git tree object). Build it from a flat description of the tree.
import { FsError, type ContextFS, type DirEntry, type EntryType, type Stat } from './types.js';

export interface MemoryNode {
  type: EntryType;
  content?: Uint8Array;
  /** Size override (e.g. to model a sparse multi-GiB file without allocating it). */
  size?: number;
  target?: string;
  mode?: number;
  mtime?: number;
  readable?: boolean;
  ino?: number;
  nlink?: number;
}

export interface MemoryTree {
  /** File path → content (string or bytes). Parent directories are implied. */
  files?: Record<string, string | Uint8Array>;
  dirs?: string[];
  /** Symlink path → target text. */
  links?: Record<string, string>;
  /** Anything else, with full control over the node. */
  nodes?: Record<string, MemoryNode>;
}

const enc = new TextEncoder();

export class MemoryFS implements ContextFS {
  private readonly nodes = new Map<string, MemoryNode>();
  private nextIno = 1;

  constructor(tree: MemoryTree = {}) {
    this.nodes.set('.', { type: 'dir', mode: 0o755 });
    for (const d of tree.dirs ?? []) this.add(d, { type: 'dir', mode: 0o755 });
    for (const [p, c] of Object.entries(tree.files ?? {})) {
      this.add(p, { type: 'file', content: typeof c === 'string' ? enc.encode(c) : c, mode: 0o644 });
    }
    for (const [p, t] of Object.entries(tree.links ?? {})) this.add(p, { type: 'symlink', target: t, mode: 0o777 });
    for (const [p, n] of Object.entries(tree.nodes ?? {})) this.add(p, n);
  }

  add(path: string, node: MemoryNode): void {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!this.nodes.has(dir)) this.nodes.set(dir, { type: 'dir', mode: 0o755, ino: this.nextIno++ });
    }
    this.nodes.set(path, { ino: this.nextIno++, ...node });
  }

  private get(path: string): MemoryNode {
    const n = this.nodes.get(path);
    if (!n) throw new FsError('ENOENT', path, `${path}: ENOENT: no such file or directory`);
    return n;
  }

  readdir(path: string): DirEntry[] {
    const node = this.get(path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path, `${path}: ENOTDIR: not a directory`);
    if (node.readable === false) throw new FsError('EACCES', path, `${path}: EACCES: permission denied`);
    const prefix = path === '.' ? '' : `${path}/`;
    const out: DirEntry[] = [];
    for (const [p, n] of this.nodes) {
      if (p === '.' || !p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      if (rest !== '' && !rest.includes('/')) out.push({ name: rest, type: n.type });
    }
    return out;
  }

  lstat(path: string): Stat {
    const n = this.get(path);
    const size =
      n.size ?? (n.type === 'file' ? (n.content?.length ?? 0) : n.type === 'symlink' ? enc.encode(n.target ?? '').length : 4096);
    return {
      type: n.type,
      size,
      mode: n.mode ?? 0o644,
      mtime: n.mtime ?? 1_700_000_000,
      uid: 0,
      gid: 0,
      nlink: n.nlink ?? 1,
      ino: n.ino ?? 0,
      dev: 1,
      rdev: 0,
    };
  }

  readlink(path: string): string {
    const n = this.get(path);
    if (n.type !== 'symlink') throw new FsError('EINVAL', path, `${path}: EINVAL: not a symlink`);
    return n.target ?? '';
  }

  readFile(path: string): Uint8Array {
    const n = this.get(path);
    if (n.readable === false) throw new FsError('EACCES', path, `${path}: EACCES: permission denied`);
    if (n.type === 'dir') throw new FsError('EISDIR', path, `${path}: EISDIR: illegal operation on a directory`);
    return n.content ?? new Uint8Array(0);
  }

  canRead(path: string): boolean {
    return this.get(path).readable !== false;
  }
}
