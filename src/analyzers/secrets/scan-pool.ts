// Content scanning on worker threads. The scan is CPU-bound (a latin1 decode, one pre-filter
// regex pass and the detectors per file), so on a machine with several cores the files are
// spread over a few workers while the main thread keeps reading. Results are the same as the
// inline scan (engine.ts scanText runs unchanged in the worker); the order of the report is
// restored by the caller. Workers start only when there is enough to scan to pay for their
// start-up (each loads the detectors, tens of milliseconds).
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { SecretHit } from './types.js';
import { compiledSibling } from '../../util/worker-script.js';

export interface PoolJob {
  id: number;
  path: string;
  bytes: ArrayBuffer;
}

export type PoolReply = { id: number; hits: SecretHit[]; allowed: SecretHit[]; rules: string[] } | { id: number; error: string };

/** What a worker found in one file (engine.ts ContentResult without the text view). */
export interface PooledContent {
  hits: SecretHit[];
  allowed: SecretHit[];
  rules: Set<string>;
}

export interface ScanPool {
  readonly size: number;
  /** Scan one file's bytes on a worker; null when no worker could (the caller scans inline). */
  scan(path: string, bytes: Uint8Array, transferable: boolean): Promise<PooledContent | null>;
  close(): void;
}

/** Bytes of text to scan before the pool is worth starting (measured: worker start-up ~40 ms each). */
export const POOL_MIN_BYTES = 8 * 1024 * 1024;
/**
 * Smaller files are scanned on the calling thread: handing one over (copy, message, reply) costs
 * more than scanning it. Measured on an 800k-entry context of small files: with every file sent
 * to the workers the scan took 31 s and 373 MB, inline 18 s and 222 MB.
 */
export const POOL_MIN_FILE_BYTES = 16 * 1024;
/** More workers than this gain little: the main thread's reads and dispatch become the limit. */
const MAX_WORKERS = 4;

/** Workers to use by default: one per core up to MAX_WORKERS, none on a single core. */
export function defaultWorkers(): number {
  const n = availableParallelism();
  return n < 2 ? 0 : Math.min(n, MAX_WORKERS);
}

let script: URL | null | undefined;
/** The worker's script, or null where there is none (TypeScript sources: scan inline). */
export function workerScript(): URL | null {
  if (script === undefined) script = compiledSibling('scan-worker.js', import.meta.url);
  return script;
}

/** Files the workers of this process have scanned (for tests and the bench: proof the pool ran). */
let jobsDone = 0;
export const pooledFiles = (): number => jobsDone;

interface Slot {
  worker: Worker;
  inFlight: number;
  alive: boolean;
}

export function startPool(size: number, url: URL): ScanPool {
  let nextId = 0;
  const pending = new Map<number, { slot: Slot; resolve: (r: PooledContent | null) => void }>();
  const slots: Slot[] = [];
  const fail = (slot: Slot): void => {
    slot.alive = false;
    slot.worker.unref();
    for (const [id, p] of pending) {
      if (p.slot !== slot) continue;
      pending.delete(id);
      p.resolve(null);
    }
  };
  // worker_threads is loaded with the first pool, not with every run (issue #17: start-up).
  const { Worker: WorkerThread } = process.getBuiltinModule('node:worker_threads');
  for (let i = 0; i < size; i++) {
    const worker = new WorkerThread(url);
    // An idle worker never keeps the process alive; one with work in flight does, or an await
    // on its answer could end the process early.
    worker.unref();
    const slot: Slot = { worker, inFlight: 0, alive: true };
    worker.on('message', (r: PoolReply) => {
      const p = pending.get(r.id);
      if (!p) return;
      pending.delete(r.id);
      if (--slot.inFlight === 0) worker.unref();
      if ('error' in r) return p.resolve(null);
      jobsDone++;
      p.resolve({ hits: r.hits, allowed: r.allowed, rules: new Set(r.rules) });
    });
    // An unref() before the worker is online did not hold (Node 20: a scan whose files were all
    // too small to hand over left the process waiting on idle workers): unreference it again then.
    worker.once('online', () => {
      if (slot.inFlight === 0) worker.unref();
    });
    worker.on('error', () => fail(slot));
    worker.on('exit', () => fail(slot));
    slots.push(slot);
  }
  return {
    size,
    scan(path, bytes, transferable) {
      let best: Slot | null = null;
      for (const s of slots) if (s.alive && (best === null || s.inFlight < best.inFlight)) best = s;
      if (best === null) return Promise.resolve(null);
      const slot = best;
      // Hand over the bytes without a copy when the caller owns the whole buffer.
      const whole = transferable && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      // (A copy through the Uint8Array constructor: Buffer#slice would share a pooled slab.)
      const buf = whole ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer;
      const id = nextId++;
      if (slot.inFlight++ === 0) slot.worker.ref();
      return new Promise((resolve) => {
        pending.set(id, { slot, resolve });
        const job: PoolJob = { id, path, bytes: buf };
        try {
          slot.worker.postMessage(job, [buf]);
        } catch {
          pending.delete(id);
          if (--slot.inFlight === 0) slot.worker.unref();
          resolve(null);
        }
      });
    },
    close() {
      for (const s of slots) {
        s.alive = false;
        void s.worker.terminate();
      }
    },
  };
}

let shared: ScanPool | null = null;

/**
 * The process's pool, started on first use and kept (idle workers cost no CPU and do not hold
 * the process open): a second scan in the same process, e.g. `--all` over several builds, does
 * not pay the workers' start-up and warm-up again.
 */
export function sharedPool(size: number, url: URL): ScanPool {
  if (shared && shared.size !== size) {
    shared.close();
    shared = null;
  }
  return (shared ??= startPool(size, url));
}
