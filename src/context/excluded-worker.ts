// Worker side of the excluded counter: count files and bytes under pruned directories with the
// fast raw-fs counter; NodeFS (which keeps non-UTF-8 names byte-exact) handles the rest.
import { parentPort, workerData } from 'node:worker_threads';
import { NodeFS } from '../fs/node-fs.js';
import { countUnits, inlineCounter, type ExcludedTotals } from './excluded-counter.js';

const { root, next } = workerData as { root: string; next: Int32Array };
// The pruned directories handed over so far, by unit number (see workerCounter).
const dirs: string[] = [];
const slow = inlineCounter(new NodeFS(root));
const fast: ExcludedTotals = { files: 0, bytes: 0 };

parentPort!.on('message', (msg: { dirs?: string[]; files?: string[]; done?: boolean }) => {
  for (const f of msg.files ?? []) slow.file(f);
  if (msg.dirs) {
    dirs.push(...msg.dirs);
    // Take units until none is left that this thread has received; the main thread may have
    // taken some already.
    countUnits(next, dirs, root, fast, slow);
  }
  if (msg.done) {
    void slow.finish().then((t) => parentPort!.postMessage({ files: fast.files + t.files, bytes: fast.bytes + t.bytes }));
  }
});
