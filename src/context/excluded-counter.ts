// Counting what the ignore file keeps out means reading every pruned directory — the one part
// of the report Docker itself never does, and most of its cost on big trees. On disk it runs in
// a worker thread, in parallel with the main walk; in-memory trees count inline.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
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

/**
 * Count one pruned directory with raw fs calls (about twice as fast as through NodeFS). A
 * directory holding non-UTF-8 names is handed to `slow`, which keeps their bytes.
 */
export function countDirFast(root: string, rel: string, totals: ExcludedTotals, slow: ExcludedCounter): void {
  if (rel.includes('\uFFFD') || /[\uDC80-\uDCFF]/.test(rel)) {
    slow.dir(rel);
    return;
  }
  const stack = [`${root}/${rel}`];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // Docker never reads pruned directories: an unreadable one changes nothing
    }
    if (entries.some((e) => e.name.includes('\uFFFD'))) {
      slow.dir(dir.slice(root.length + 1));
      continue;
    }
    for (const e of entries) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) {
        stack.push(p);
        continue;
      }
      totals.files++;
      try {
        totals.bytes += fs.lstatSync(p).size;
      } catch {
        /* vanished: nothing to count */
      }
    }
  }
}

// Batches keep message overhead low; the worker starts on the first pruned directory only.
const BATCH = 256;
// Every KEEP-th pruned directory stays with the main thread, which counts them once its own work
// is done instead of idling while the worker finishes (measured on an 80k-entry tree).
const KEEP = Math.max(0, Number(process.env['CTXCHECK_MAIN_SHARE'] ?? 6) || 0);

/** Counting in a worker thread for a disk context, the main thread taking a share at the end. */
export function workerCounter(fs: NodeFS, script: URL): ExcludedCounter {
  let worker: Worker | null = null;
  let files: string[] = [];
  let seen = 0;
  const mine = inlineCounter(fs);
  const kept: string[] = [];
  const get = (): Worker => {
    if (!worker) {
      // worker_threads is loaded with the first worker, not with every run (issue #17: start-up).
      const { Worker } = process.getBuiltinModule('node:worker_threads');
      worker = new Worker(script, { workerData: { root: fs.root } });
      // Never let an abandoned count (e.g. the walk threw) keep the process alive.
      worker.unref();
    }
    return worker;
  };
  const flushFiles = (): void => {
    if (files.length === 0) return;
    get().postMessage({ files });
    files = [];
  };
  return {
    file(p) {
      files.push(p);
      if (files.length >= BATCH) flushFiles();
    },
    dir(p) {
      // Pruned directories are where the work is: hand them over at once.
      if (KEEP > 0 && ++seen % KEEP === 0) kept.push(p);
      else get().postMessage({ dirs: [p] });
    },
    async finish() {
      flushFiles();
      const w = worker;
      const theirs = w
        ? new Promise<ExcludedTotals>((resolve, reject) => {
            w.ref();
            w.once('message', (totals: ExcludedTotals) => {
              void w.terminate();
              resolve(totals);
            });
            w.once('error', reject);
            // A worker that dies without answering must not leave the analysis pending.
            w.once('exit', (code) => reject(new Error(`excluded-file counter exited early (code ${code})`)));
            w.postMessage({ done: true });
          })
        : Promise.resolve({ files: 0, bytes: 0 });
      const fast: ExcludedTotals = { files: 0, bytes: 0 };
      for (const d of kept) countDirFast(fs.root, d, fast, mine);
      const [a, b] = await Promise.all([theirs, mine.finish()]);
      return { files: a.files + b.files + fast.files, bytes: a.bytes + b.bytes + fast.bytes };
    },
  };
}

// The worker needs compiled JavaScript. Running from TypeScript sources (the test runner), use
// the build in dist/ when there is one, else count inline.
function workerScript(): URL | null {
  // Under the test runner the sources are TypeScript and dist/ may be mid-rebuild: count inline.
  if (process.env['VITEST'] && !import.meta.url.endsWith('.js')) return null;
  for (const candidate of [new URL('./excluded-worker.js', import.meta.url), new URL('../../dist/context/excluded-worker.js', import.meta.url)]) {
    if (fs.existsSync(fileURLToPath(candidate))) return candidate;
  }
  return null;
}

export function counterFor(fs: ContextFS): ExcludedCounter {
  const script = fs instanceof NodeFS ? workerScript() : null;
  return script && fs instanceof NodeFS ? workerCounter(fs, script) : inlineCounter(fs);
}
