// Worker side of the excluded counter: count files and bytes under pruned directories.
import { parentPort, workerData } from 'node:worker_threads';
import { NodeFS } from '../fs/node-fs.js';
import { inlineCounter } from './excluded-counter.js';

const counter = inlineCounter(new NodeFS((workerData as { root: string }).root));

parentPort!.on('message', (msg: { dirs?: string[]; files?: string[]; done?: boolean }) => {
  for (const f of msg.files ?? []) counter.file(f);
  for (const d of msg.dirs ?? []) counter.dir(d);
  if (msg.done) void counter.finish().then((totals) => parentPort!.postMessage(totals));
});
