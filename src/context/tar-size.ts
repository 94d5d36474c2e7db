// The exact length of the uncompressed tar the legacy docker CLI streams to the daemon:
// moby's archive.TarWithOptions writing Go archive/tar headers (PAX format requested, so
// plain USTAR whenever the fields fit, and a PAX extended header only when they do not).
import type { ContextEntry } from './walk.js';

export const BLOCK = 512;
const enc = new TextEncoder();

export const pad = (n: number): number => Math.ceil(n / BLOCK) * BLOCK;
const byteLen = (s: string): number => enc.encode(s).length;
const isAscii = (s: string): boolean => /^[\x01-\x7f]*$/.test(s);

// Go's splitUSTARPath: can a long ASCII name be stored as prefix (≤155) + "/" + name (≤100)?
function splitsIntoUstar(name: string): boolean {
  const len = name.length;
  if (len <= 100 || !isAscii(name)) return false;
  let cut = len;
  if (cut > 156) cut = 156;
  else if (name[cut - 1] === '/') cut--;
  const i = name.lastIndexOf('/', cut - 1);
  const nlen = len - i - 1;
  return !(i <= 0 || nlen > 100 || nlen === 0 || i > 155);
}

// Go's formatPAXRecord: "<len> <key>=<value>\n" where <len> counts itself.
function paxRecordLength(key: string, value: string): number {
  const body = byteLen(key) + byteLen(value) + 3;
  let size = body + String(body).length;
  if (body + String(size).length !== size) size = body + String(size).length;
  return size;
}

export interface TarHeaderInput {
  /** Name as stored: directories end in "/". */
  name: string;
  linkname: string;
  size: number;
  mtime: number;
}

/** Bytes Go's tar.Writer spends on headers for one entry (not counting its data). */
export function tarHeaderBytes(h: TarHeaderInput): number {
  const pax: [string, string][] = [];
  let ustar = true;
  // Name: PAX "path" when too long or not ASCII; USTAR can still hold it if it splits. (An ASCII
  // name's length is its byte length, and any other name takes this branch: no encoding here.)
  if (h.name.length > 100 || !isAscii(h.name)) {
    pax.push(['path', h.name]);
    if (!splitsIntoUstar(h.name)) ustar = false;
  }
  if (h.linkname.length > 100 || !isAscii(h.linkname)) {
    pax.push(['linkpath', h.linkname]);
    ustar = false;
  }
  // Uname/Gname stay empty: moby builds headers without user lookups (uid/gid forced to 0).
  // 11 octal digits: sizes from 8 GiB and times outside 1970–2242 need PAX records.
  if (h.size >= 2 ** 33) {
    pax.push(['size', String(h.size)]);
    ustar = false;
  }
  if (h.mtime < 0 || h.mtime >= 2 ** 33) {
    pax.push(['mtime', String(h.mtime)]);
    ustar = false;
  }
  if (ustar) return BLOCK;
  const data = pax.reduce((n, [k, v]) => n + paxRecordLength(k, v), 0);
  return BLOCK + (data > 0 ? BLOCK + pad(data) : 0);
}

export interface TarSize {
  bytes: number;
  /** Entries written (files, links, directories, specials; sockets are skipped like Docker). */
  entries: number;
}

/**
 * Size of the legacy builder's context tar for the walk's entries (walked with builder
 * "legacy" and stat). Hard links after the first become link entries without data, as moby
 * keys them by inode number.
 */
export function legacyTarSize(entries: Iterable<ContextEntry>): TarSize {
  let bytes = 0;
  let count = 0;
  const seenInodes = new Map<number, string>();
  for (const e of entries) {
    if (e.implicit || !e.meta || e.type === 'socket' || e.type === 'other') continue;
    const meta = e.meta;
    const name = e.type === 'dir' ? `${e.path}/` : e.path;
    let linkname = e.type === 'symlink' ? (e.linkTarget ?? '') : '';
    let dataSize = e.type === 'file' ? e.size : 0;
    if (meta.ino !== undefined) {
      const first = seenInodes.get(meta.ino);
      if (first !== undefined) {
        linkname = first;
        dataSize = 0;
      } else {
        seenInodes.set(meta.ino, name);
      }
    }
    bytes +=
      tarHeaderBytes({
        name,
        linkname,
        size: dataSize,
        mtime: meta.mtime ?? 0,
      }) + pad(dataSize);
    count++;
  }
  // tar.Writer.Close: two zero blocks end the archive.
  return { bytes: bytes + 2 * BLOCK, entries: count };
}
