// Orchestration: bounded concurrent reads, per-file scanning, deterministic output order.
import { constants, openSync, readSync, closeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { NodeFS } from '../../fs/node-fs.js';
import type { ContextFS } from '../../fs/types.js';
import { isBinary, nameHit, scanText, type ContentResult } from './engine.js';
import { classifyPath, testDataReason } from './file-rules.js';
import type { ReadHeadFS, ScanInput, ScanOptions, ScanResult, SecretHit } from './types.js';

export const DEFAULT_MAX_SCAN_SIZE = 1_000_000;
export const DEFAULT_CONCURRENCY = 8;
/** Yield to the event loop after this much synchronous work. */
const YIELD_EVERY_FILES = 64;
const YIELD_EVERY_BYTES = 4 * 1024 * 1024;

type Reader = (path: string, size: number) => Uint8Array | Promise<Uint8Array>;

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** Read at most `max` bytes of a file on disk, asynchronously (overlaps I/O across workers). */
async function readHeadAsync(abs: string, size: number, max: number): Promise<Uint8Array> {
  const want = Math.min(size, max);
  const fh = await open(abs, OPEN_FLAGS);
  try {
    const buf = Buffer.allocUnsafe(want);
    let off = 0;
    while (off < want) {
      const { bytesRead } = await fh.read(buf, off, want - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } finally {
    await fh.close();
  }
}

/** Same, synchronously: cheaper per file when the data is in the page cache. */
function readHeadSync(abs: string, size: number, max: number): Uint8Array {
  const want = Math.min(size, max);
  const fd = openSync(abs, OPEN_FLAGS);
  try {
    const buf = Buffer.allocUnsafe(want);
    let off = 0;
    while (off < want) {
      const n = readSync(fd, buf, off, want - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

/** Below this size a synchronous read beats the thread-pool round trip. */
const SYNC_READ_BELOW = 64 * 1024;

function makeReader(fs: ContextFS, max: number): Reader {
  const head = (fs as ContextFS & Partial<ReadHeadFS>).readFileHead;
  if (typeof head === 'function') return (path) => head.call(fs, path, max);
  if (fs instanceof NodeFS) {
    const root = fs.root;
    const abs = (rel: string): string => (rel === '.' ? root : `${root}/${rel}`);
    return (path, size) => (size < SYNC_READ_BELOW ? readHeadSync(abs(path), size, max) : readHeadAsync(abs(path), size, max));
  }
  // Generic ContextFS: whole-file read, then only the head is scanned.
  return (path) => {
    const b = fs.readFile(path);
    return b.length > max ? b.subarray(0, max) : b;
  };
}

/**
 * Scan the entries docker would send for secrets: name rules on every non-directory entry
 * (symlinks by name only), content rules on the first `maxScanSize` bytes of text files.
 * Hits come back in input order, then by line.
 */
export async function scanSecrets(files: Iterable<ScanInput>, fs: ContextFS, opts: ScanOptions = {}): Promise<ScanResult> {
  const max = Math.max(1, Math.floor(opts.maxScanSize ?? DEFAULT_MAX_SCAN_SIZE));
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? DEFAULT_CONCURRENCY));
  const read = makeReader(fs, max);
  // Hits by input position (inputs are pulled one at a time, so a huge context is never a list).
  const perFile = new Map<number, SecretHit[]>();
  const allowedPerFile = new Map<number, SecretHit[]>();
  const source = files[Symbol.iterator]();
  const stats = { scannedFiles: 0, scannedBytes: 0, skippedBinary: 0, truncatedFiles: 0, readErrors: 0 };

  async function scanOne(f: ScanInput, i: number): Promise<SecretHit[] | undefined> {
    const found = await scanEntry(f, i);
    if (!found) return found;
    const testData = testDataReason(f.path);
    if (testData !== null) for (const h of found) h.note ??= testData;
    return found;
  }

  async function scanEntry(f: ScanInput, i: number): Promise<SecretHit[] | undefined> {
    if (f.type === 'dir') return undefined;
    const cls = classifyPath(f.path);
    if (f.type !== 'file') {
      // Symlinks (and fifos, sockets, devices) are checked by name only: never opened.
      return cls?.name ? [nameHit(cls.name.rule, f.path, cls.name.message, f.type === 'symlink')] : undefined;
    }
    let bytes: Uint8Array | null = null;
    if (f.size > 0) {
      try {
        bytes = await read(f.path, f.size);
      } catch {
        stats.readErrors++;
      }
    }
    let content: ContentResult | null = null;
    if (bytes !== null && bytes.length > 0) {
      if (f.size > max) stats.truncatedFiles++;
      if (isBinary(bytes)) stats.skippedBinary++;
      else {
        content = scanText(f.path, bytes, cls);
        if (content.allowed.length > 0) allowedPerFile.set(i, content.allowed);
        stats.scannedFiles++;
        stats.scannedBytes += bytes.length;
      }
    }
    const name = cls?.name;
    if (!name || f.size === 0) return content?.hits.length ? content.hits : undefined;
    if (content?.rules.has(name.rule)) return content.hits; // the content hit says more (line, excerpt)
    if (name.confirm && bytes !== null && !name.confirm(bytes, content ? content.text : null)) return content?.hits;
    return [nameHit(name.rule, f.path, name.message, false), ...(content?.hits ?? [])];
  }

  let next = 0;
  let done = 0;
  opts.onProgress?.(0);
  let sinceYieldFiles = 0;
  let sinceYieldBytes = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const item = source.next();
      if (item.done) return;
      const i = next++;
      const f = item.value;
      const found = await scanOne(f, i);
      if (found?.length) perFile.set(i, found);
      opts.onProgress?.(++done);
      sinceYieldBytes += f.type === 'file' ? Math.min(f.size, max) : 0;
      if (++sinceYieldFiles >= YIELD_EVERY_FILES || sinceYieldBytes >= YIELD_EVERY_BYTES) {
        sinceYieldFiles = 0;
        sinceYieldBytes = 0;
        await yieldToEventLoop();
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));

  const hits: SecretHit[] = [];
  for (const k of [...perFile.keys()].sort((a, b) => a - b)) hits.push(...perFile.get(k)!);
  const allowed: SecretHit[] = [];
  for (const k of [...allowedPerFile.keys()].sort((a, b) => a - b)) allowed.push(...allowedPerFile.get(k)!);
  return { hits, allowed, ...stats };
}
