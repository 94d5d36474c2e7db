// ContextFS over the real disk, rooted at the context directory. Synchronous on purpose: the
// walk is depth-first in Docker's order, and sync calls keep it simple, bounded (one open
// directory at a time, so no EMFILE) and fast for the many-small-directories case.
import * as fs from 'node:fs';
import * as path from 'node:path';
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

function statType(s: fs.BigIntStats | fs.Stats): EntryType {
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

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  abs(rel: string): string {
    return rel === '.' ? this.root : `${this.root}/${rel}`;
  }

  readdir(rel: string): DirEntry[] {
    try {
      return fs.readdirSync(this.abs(rel), { withFileTypes: true }).map((d) => ({ name: d.name, type: direntType(d) }));
    } catch (err) {
      throw wrap(err, rel);
    }
  }

  lstat(rel: string): Stat {
    try {
      // bigint keeps sizes of >9 PB sparse files and 64-bit inode numbers exact enough to compare.
      const s = fs.lstatSync(this.abs(rel), { bigint: true });
      return {
        type: statType(s),
        size: Number(s.size),
        mode: Number(s.mode & 0o7777n),
        mtime: Number(s.mtimeNs / 1_000_000_000n) - (s.mtimeNs < 0n && s.mtimeNs % 1_000_000_000n !== 0n ? 1 : 0),
        uid: Number(s.uid),
        gid: Number(s.gid),
        nlink: Number(s.nlink),
        ino: Number(s.ino),
        dev: Number(s.dev),
        rdev: Number(s.rdev),
      };
    } catch (err) {
      throw wrap(err, rel);
    }
  }

  readlink(rel: string): string {
    try {
      return fs.readlinkSync(this.abs(rel));
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

  canRead(rel: string): boolean {
    try {
      fs.accessSync(this.abs(rel), fs.constants.R_OK);
      return true;
    } catch {
      return false;
    }
  }
}
