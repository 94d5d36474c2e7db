// The narrow filesystem interface every analyzer goes through, so they can run on in-memory
// trees in tests. Paths given to it are context-relative posix paths ("." is the root).

export type EntryType = 'file' | 'dir' | 'symlink' | 'fifo' | 'socket' | 'char' | 'block' | 'other';

export interface DirEntry {
  name: string;
  type: EntryType;
}

export interface Stat {
  type: EntryType;
  /** Bytes for regular files, the target length for symlinks (lstat semantics). */
  size: number;
  /** Permission bits and setuid/setgid/sticky (mode & 0o7777). */
  mode: number;
  /** Modification time in whole seconds since the epoch (tar keeps seconds). */
  mtime: number;
  uid: number;
  gid: number;
  nlink: number;
  ino: number;
  dev: number;
  rdev: number;
}

export interface ContextFS {
  /** Entries of a directory, any order. Throws an FsError on failure. */
  readdir(path: string): DirEntry[];
  /** lstat: never follows a final symlink. */
  lstat(path: string): Stat;
  readlink(path: string): string;
  readFile(path: string): Uint8Array;
  /** Can the current user open this file for reading (what `docker build` checks)? */
  canRead(path: string, stat?: Stat): boolean;
}

export class FsError extends Error {
  constructor(
    readonly code: string,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'FsError';
  }
}
