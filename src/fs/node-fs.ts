// ContextFS over the real disk, rooted at the context directory. Synchronous on purpose: the
// walk is depth-first in Docker's order, and sync calls keep it simple, bounded (one open
// directory at a time, so no EMFILE) and fast for the many-small-directories case.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeName, encodeName, hasRawBytes } from './names.js';
import { FsError, type ContextFS, type DirEntry, type EntryType, type Stat } from './types.js';

function direntType(d: fs.Dirent): EntryType {
  if (d.isFile()) return 'file';
  if (d.isDirectory()) return 'dir';
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isFIFO()) return 'fifo';
  if (d.isSocket()) return 'socket';
  if (d.isCharacterDevice()) return 'char';
  if (d.isBlockDevice()) return 'block';
  return 'other';
}

function statType(s: fs.Stats): EntryType {
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'dir';
  if (s.isSymbolicLink()) return 'symlink';
  if (s.isFIFO()) return 'fifo';
  if (s.isSocket()) return 'socket';
  if (s.isCharacterDevice()) return 'char';
  if (s.isBlockDevice()) return 'block';
  return 'other';
}

function wrap(err: unknown, rel: string): FsError {
  const e = err as NodeJS.ErrnoException;
  return new FsError(e.code ?? 'EIO', rel, `${rel}: ${e.code ?? 'error'}: ${e.message}`);
}

export class NodeFS implements ContextFS {
  readonly root: string;

  private readonly uid = typeof process.getuid === 'function' ? process.getuid() : null;
  private readonly gids = new Set(typeof process.getgroups === 'function' ? [process.getegid?.() ?? -1, ...process.getgroups()] : []);

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Absolute path for a syscall; a Buffer when the name holds non-UTF-8 bytes. */
  abs(rel: string): string | Buffer {
    if (rel === '.') return this.root;
    if (hasRawBytes(rel)) return Buffer.concat([Buffer.from(`${this.root}/`), encodeName(rel)]);
    return `${this.root}/${rel}`;
  }

  readdir(rel: string): DirEntry[] {
    try {
      const dirents = fs.readdirSync(this.abs(rel), { withFileTypes: true });
      // Node decodes names as UTF-8 with U+FFFD for bad bytes, losing them: re-read such a
      // directory as raw bytes so every name keeps its exact bytes.
      if (dirents.some((d) => d.name.includes('\uFFFD'))) {
        return fs
          .readdirSync(this.abs(rel), { withFileTypes: true, encoding: 'buffer' })
          .map((d) => ({ name: decodeName(d.name), type: direntType(d as unknown as fs.Dirent) }));
      }
      return dirents.map((d) => ({ name: d.name, type: direntType(d) }));
    } catch (err) {
      throw wrap(err, rel);
    }
  }

  lstat(rel: string): Stat {
    try {
      // Plain (not bigint) stats: ~10% faster, and exact below 2^53 bytes.
      const s = fs.lstatSync(this.abs(rel));
      return {
        type: statType(s),
        size: s.size,
        mode: s.mode & 0o7777,
        // Go truncates to whole seconds toward the past (time.Truncate), also before 1970.
        mtime: Math.floor(s.mtimeMs / 1000),
        uid: s.uid,
        gid: s.gid,
        nlink: s.nlink,
        ino: s.ino,
        dev: s.dev,
        rdev: s.rdev,
      };
    } catch (err) {
      throw wrap(err, rel);
    }
  }

  readlink(rel: string): string {
    try {
      return decodeName(fs.readlinkSync(this.abs(rel), { encoding: 'buffer' }));
    } catch (err) {
      throw wrap(err, rel);
    }
  }

  readFile(rel: string): Uint8Array {
    try {
      return fs.readFileSync(this.abs(rel));
    } catch (err) {
      throw wrap(err, rel);
    }
  }

  canRead(rel: string, st?: Stat): boolean {
    // Decide from the mode bits when we can (no syscall); root reads everything.
    if (this.uid === 0) return true;
    if (st && this.uid !== null) {
      const bits = st.uid === this.uid ? 0o400 : this.gids.has(st.gid) ? 0o040 : 0o004;
      return (st.mode & bits) !== 0;
    }
    try {
      fs.accessSync(this.abs(rel), fs.constants.R_OK);
      return true;
    } catch {
      return false;
    }
  }
}
