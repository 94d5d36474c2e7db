// Orchestration: bounded concurrent reads, per-file scanning, deterministic output order.
import { constants, openSync, readSync, closeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { NodeFS } from '../../fs/node-fs.js';
import type { ContextFS } from '../../fs/types.js';
import { isBinary, nameHit, scanText, textView, type ContentResult } from './engine.js';
import { classifyPath, testDataReason, type PathClass } from './file-rules.js';
import { POOL_MIN_BYTES, POOL_MIN_FILE_BYTES, defaultWorkers, sharedPool, workerScript, type PooledContent, type ScanPool } from './scan-pool.js';
import type { ReadHeadFS, ScanInput, ScanOptions, ScanResult, SecretHit } from './types.js';

export const DEFAULT_MAX_SCAN_SIZE = 1_000_000;
export const DEFAULT_CONCURRENCY = 8;
/**
 * Files in flight per worker when the pool is known to start (enough text is coming, from the
 * first file on). Measured on the 50 MB bench corpus, 2 workers on 2 cores, three rounds of 7
 * scans: 8 files in flight in all, 148–167 ms median; 32, 130–144 ms, with less CPU in total
 * (237–274 vs 260–303 ms): with only 8, the workers' queues ran dry and they went to sleep and
 * woke again between files. 64 was no better than 32. At most 1 MB each (maxScanSize).
 */
export const POOLED_CONCURRENCY_PER_WORKER = 16;
/** Yield to the event loop after this much synchronous work. */
const YIELD_EVERY_FILES = 64;
const YIELD_EVERY_BYTES = 4 * 1024 * 1024;
/** One turn of the event loop (the global setImmediate: node:timers/promises costs a module load). */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

type Reader = (path: string, size: number) => Uint8Array | Promise<Uint8Array>;
/** A reader and whether the buffers it returns are fresh (may be handed to a worker without a copy). */
interface ReaderOf {
  read: Reader;
  owned: boolean;
}

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

function makeReader(fs: ContextFS, max: number): ReaderOf {
  const head = (fs as ContextFS & Partial<ReadHeadFS>).readFileHead;
  if (typeof head === 'function') return { read: (path) => head.call(fs, path, max), owned: false };
  if (fs instanceof NodeFS) {
    const root = fs.root;
    const abs = (rel: string): string => (rel === '.' ? root : `${root}/${rel}`);
    return { read: (path, size) => (size < SYNC_READ_BELOW ? readHeadSync(abs(path), size, max) : readHeadAsync(abs(path), size, max)), owned: true };
  }
  // Generic ContextFS: whole-file read, then only the head is scanned.
  return {
    read: (path) => {
      const b = fs.readFile(path);
      return b.length > max ? b.subarray(0, max) : b;
    },
    owned: false,
  };
}

/** Text bytes the inputs will need scanned, when they are a list (else unknown: 0). */
function knownBytes(files: Iterable<ScanInput>, max: number, hint: number | undefined): number {
  if (hint !== undefined) return hint;
  if (!Array.isArray(files)) return 0;
  let n = 0;
  for (const f of files as ScanInput[]) if (f.type === 'file') n += Math.min(f.size, max);
  return n;
}

/**
 * Scan the entries docker would send for secrets: name rules on every non-directory entry
 * (symlinks by name only), content rules on the first `maxScanSize` bytes of text files.
 * Hits come back in input order, then by line.
 */
export async function scanSecrets(files: Iterable<ScanInput>, fs: ContextFS, opts: ScanOptions = {}): Promise<ScanResult> {
  const max = Math.max(1, Math.floor(opts.maxScanSize ?? DEFAULT_MAX_SCAN_SIZE));
  const { read, owned } = makeReader(fs, max);
  const workers = Math.max(0, Math.floor(opts.workers ?? defaultWorkers()));
  const minFile = Math.max(0, opts.workerMinFileBytes ?? POOL_MIN_FILE_BYTES);
  // The pool starts when enough text is known to be coming, or once enough has been seen
  // (undefined: not decided yet; null: scan on this thread).
  let pool: ScanPool | null | undefined = workers === 0 ? null : undefined;
  let seenBytes = knownBytes(files, max, opts.bytesHint);
  const pooledFromStart = workers > 0 && seenBytes >= POOL_MIN_BYTES;
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? (pooledFromStart ? POOLED_CONCURRENCY_PER_WORKER * workers : DEFAULT_CONCURRENCY)));
  const currentPool = (): ScanPool | null => {
    if (pool === undefined && seenBytes >= POOL_MIN_BYTES) {
      const url = workerScript();
      pool = url ? sharedPool(workers, url) : null;
    }
    return pool ?? null;
  };
  const scanContent = async (path: string, bytes: Uint8Array, cls: PathClass | null): Promise<ContentResult | PooledContent> => {
    const p = bytes.length >= minFile ? currentPool() : null;
    // A name rule that confirms by content needs the bytes afterwards: never hand them over.
    const r = p ? await p.scan(path, bytes, owned && !cls?.name?.confirm) : null;
    return r ?? scanText(path, bytes, cls);
  };
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
    let content: ContentResult | PooledContent | null = null;
    if (bytes !== null && bytes.length > 0) {
      if (f.size > max) stats.truncatedFiles++;
      if (isBinary(bytes)) stats.skippedBinary++;
      else {
        stats.scannedFiles++;
        stats.scannedBytes += bytes.length; // before the bytes may move to a worker
        content = await scanContent(f.path, bytes, cls);
        if (content.allowed.length > 0) allowedPerFile.set(i, content.allowed);
      }
    }
    const name = cls?.name;
    if (!name || f.size === 0) return content?.hits.length ? content.hits : undefined;
    if (content?.rules.has(name.rule)) return content.hits; // the content hit says more (line, excerpt)
    if (name.confirm && bytes !== null && !name.confirm(bytes, content === null ? null : 'text' in content ? content.text : textView(bytes))) return content?.hits;
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
      const scanned = f.type === 'file' ? Math.min(f.size, max) : 0;
      sinceYieldBytes += scanned;
      seenBytes += scanned;
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
