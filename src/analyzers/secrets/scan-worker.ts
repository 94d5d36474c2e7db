// Worker side of the scan pool (scan-pool.ts): the content scan of one file, exactly as the main
// thread would run it (engine.ts scanText), on bytes the main thread read and handed over.
import { parentPort } from 'node:worker_threads';
import { scanText } from './engine.js';
import { classifyPath } from './file-rules.js';
import type { PoolJob, PoolReply } from './scan-pool.js';

parentPort!.on('message', (job: PoolJob) => {
  let reply: PoolReply;
  try {
    const r = scanText(job.path, new Uint8Array(job.bytes), classifyPath(job.path));
    reply = { id: job.id, hits: r.hits, allowed: r.allowed, rules: [...r.rules] };
  } catch (e) {
    // The main thread scans the file itself: a failure here must not lose the file.
    reply = { id: job.id, error: String(e) };
  }
  parentPort!.postMessage(reply);
});
