// Counting what the ignore file keeps out means reading every pruned directory — the one part
// of the report Docker itself never does, and most of its cost on big trees. On disk it runs in
// a worker thread, in parallel with the main walk; in-memory trees count inline.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { joinRel } from '../paths.js';
import { NodeFS } from '../fs/node-fs.js';
import type { ContextFS } from '../fs/types.js';

export interface ExcludedTotals {
  files: number;
  bytes: number;
}

export interface ExcludedCounter {
  /** An excluded non-directory entry. */
  file(path: string): void;
  /** A directory the builder skips whole: everything below it is excluded. */
  dir(path: string): void;
  finish(): Promise<ExcludedTotals>;
}

/** Synchronous counting through any ContextFS. */
export function inlineCounter(fs: ContextFS): ExcludedCounter {
  const totals: ExcludedTotals = { files: 0, bytes: 0 };
  const file = (p: string): void => {
    totals.files++;
    try {
      totals.bytes += fs.lstat(p).size;
    } catch {
      /* vanished: nothing to count */
    }
  };
  return {
    file,
    dir(root) {
      // Errors change nothing Docker does (it never reads pruned directories): ignore them.
      const stack = [root];
      while (stack.length > 0) {
        const d = stack.pop()!;
        let names;
        try {
          names = fs.readdir(d);
        } catch {
          continue;
        }
        for (const { name, type } of names) {
          const p = joinRel(d, name);
          if (type === 'dir') stack.push(p);
          else file(p);
        }
      }
    },
    finish: () => Promise.resolve(totals),
  };
}

// Batches keep message overhead low; workers start on the first pruned directory only.
const BATCH = 256;
// One worker by default: on 2 cores it overlaps the main walk; more showed no steady gain.
const WORKERS = Math.max(1, Number(process.env['CTXCHECK_COUNT_WORKERS'] ?? 1) || 1);

/** Counting in worker threads for a disk context; pruned directories are dealt round-robin. */
export function workerCounter(fs: NodeFS, script: URL): ExcludedCounter {
  const workers: Worker[] = [];
  let next = 0;
  let files: string[] = [];
  const pick = (): Worker => {
    const i = next++ % WORKERS;
    if (!workers[i]) {
      const w = new Worker(script, { workerData: { root: fs.root } });
      // Never let an abandoned count (e.g. the walk threw) keep the process alive.
      w.unref();
      workers[i] = w;
    }
    return workers[i]!;
  };
  const flushFiles = (): void => {
    if (files.length === 0) return;
    pick().postMessage({ files });
    files = [];
  };
  return {
    file(p) {
      files.push(p);
      if (files.length >= BATCH) flushFiles();
    },
    dir(p) {
      // Pruned directories are where the work is: hand each over at once.
      pick().postMessage({ dirs: [p] });
    },
    async finish() {
      flushFiles();
      const parts = await Promise.all(
        workers.map(
          (w) =>
            new Promise<ExcludedTotals>((resolve, reject) => {
              w.ref();
              w.once('message', (totals: ExcludedTotals) => {
                void w.terminate();
                resolve(totals);
              });
              w.once('error', reject);
              // A worker that dies without answering must not leave the analysis pending.
              w.once('exit', (code) => reject(new Error(`excluded-file counter exited early (code ${code})`)));
              w.postMessage({ done: true });
            }),
        ),
      );
      return parts.reduce((a, t) => ({ files: a.files + t.files, bytes: a.bytes + t.bytes }), { files: 0, bytes: 0 });
    },
  };
}

// The worker needs compiled JavaScript. Running from TypeScript sources (the test runner), use
// the build in dist/ when there is one, else count inline.
function workerScript(): URL | null {
  // Under the test runner the sources are TypeScript and dist/ may be mid-rebuild: count inline.
  if (process.env['VITEST'] && !import.meta.url.endsWith('.js')) return null;
  for (const candidate of [new URL('./excluded-worker.js', import.meta.url), new URL('../../dist/context/excluded-worker.js', import.meta.url)]) {
    if (existsSync(fileURLToPath(candidate))) return candidate;
  }
  return null;
}

export function counterFor(fs: ContextFS): ExcludedCounter {
  const script = fs instanceof NodeFS ? workerScript() : null;
  return script && fs instanceof NodeFS ? workerCounter(fs, script) : inlineCounter(fs);
}
