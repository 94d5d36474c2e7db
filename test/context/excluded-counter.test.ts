// Counting what the ignore file keeps out on disk: a worker thread and the main thread share the
// pruned directories through one counter (excluded-counter.ts). Whoever takes a directory, and
// whenever the main thread joins in, every file must be counted exactly once. The worker needs
// compiled JavaScript, so this suite drives the build in dist/ (`npm test` builds first).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/tree.js';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '../../dist');
const load = async <T>(rel: string): Promise<T> => (await import(pathToFileURL(join(DIST, rel)).href)) as T;
type Counter = typeof import('../../src/context/excluded-counter.js');
const counter = await load<Counter>('context/excluded-counter.js');
const { NodeFS } = await load<typeof import('../../src/fs/node-fs.js')>('fs/node-fs.js');
const WORKER = pathToFileURL(join(DIST, 'context/excluded-worker.js'));

// 60 pruned directories of different sizes (nested ones too), and loose excluded files.
const files: Record<string, string> = {};
let expectedBytes = 0;
for (let d = 0; d < 60; d++) {
  for (let f = 0; f <= d % 7; f++) {
    const body = 'x'.repeat(d * 3 + f);
    files[`pkg${d}/node_modules/m${f}/index.js`] = body;
    expectedBytes += body.length;
  }
}
for (let f = 0; f < 300; f++) {
  files[`logs/l${f}.log`] = 'y'.repeat(f % 11);
  expectedBytes += f % 11;
}
const dirs = Array.from({ length: 60 }, (_, d) => `pkg${d}/node_modules`);
const loose = Array.from({ length: 300 }, (_, f) => `logs/l${f}.log`);
const expected = { files: Object.keys(files).length, bytes: expectedBytes };

async function count(root: string, whenMainJoins: () => Promise<void>): Promise<{ files: number; bytes: number }> {
  const c = counter.workerCounter(new NodeFS(root), WORKER);
  for (const p of loose) c.file(p);
  for (const d of dirs) c.dir(d);
  c.end?.();
  await whenMainJoins();
  return c.finish();
}

describe('excluded counter: worker and main thread share the pruned directories', () => {
  it('counts every file once when the main thread joins at once (it takes most directories)', async () => {
    const root = writeTree({ files });
    expect(await count(root, () => Promise.resolve())).toEqual(expected);
  });

  it('counts every file once when the worker has taken everything before the main thread joins', async () => {
    const root = writeTree({ files });
    expect(await count(root, () => new Promise((r) => setTimeout(r, 500)))).toEqual(expected);
  });

  it('gives the same totals as the inline counter, and finish() twice gives the same promise', async () => {
    const root = writeTree({ files });
    const fs = new NodeFS(root);
    const inline = counter.inlineCounter(fs);
    for (const p of loose) inline.file(p);
    for (const d of dirs) inline.dir(d);
    expect(await inline.finish()).toEqual(expected);
    const c = counter.workerCounter(fs, WORKER);
    for (const d of dirs) c.dir(d);
    const first = c.finish();
    expect(c.finish()).toBe(first);
    expect(await first).toEqual({ files: expected.files - loose.length, bytes: expected.bytes - loose.reduce((n, p) => n + files[p]!.length, 0) });
  });

  it('takeUnit hands out each unit once, up to what is available', () => {
    const next = new Int32Array(new SharedArrayBuffer(4));
    expect([counter.takeUnit(next, 2), counter.takeUnit(next, 2), counter.takeUnit(next, 2)]).toEqual([0, 1, -1]);
    expect(counter.takeUnit(next, 3)).toBe(2);
    expect(Atomics.load(next, 0)).toBe(3);
  });
});
