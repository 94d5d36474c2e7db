// The content scan on worker threads (scan-pool.ts) must find exactly what the inline scan finds:
// same hits in the same order, same allowed hits, same counts, for in-memory and on-disk trees
// (on disk the read buffers are handed to the workers without a copy). Workers need compiled
// JavaScript, so this suite drives the build in dist/ (`npm test` builds first).
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CorpusModule } from './corpus/types.js';
import { writeTree } from '../helpers/tree.js';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '../../dist');
const load = async <T>(rel: string): Promise<T> => (await import(pathToFileURL(join(DIST, rel)).href)) as T;
type Secrets = typeof import('../../src/analyzers/secrets/index.js');
type Pool = typeof import('../../src/analyzers/secrets/scan-pool.js');
const { scanSecrets } = await load<Secrets>('analyzers/secrets/index.js');
const pool = await load<Pool>('analyzers/secrets/scan-pool.js');
const { MemoryFS } = await load<typeof import('../../src/fs/memory-fs.js')>('fs/memory-fs.js');
const { NodeFS } = await load<typeof import('../../src/fs/node-fs.js')>('fs/node-fs.js');

// Every corpus sample (each under its own directory, so paths keep their meaning), plus files
// whose name rule confirms by content (the bytes must still be there after the scan), an allow
// comment, a test-data path and a binary file.
const CORPUS = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const tree: Record<string, string | Uint8Array> = {};
let n = 0;
for (const f of readdirSync(CORPUS).filter((x) => x.endsWith('.ts') && x !== 'types.ts').sort()) {
  const mod = ((await import(pathToFileURL(join(CORPUS, f)).href)) as { default: CorpusModule }).default;
  for (const s of mod.samples) tree[`s${n++}/${s.file}`] = s.text;
}
const key = '-----BEGIN RSA PRIVATE KEY-----\n' + 'MIIEowIBAAKCAQEAx4Fj2bqLr8Zt1WpKs9Vd0u7Yh3cQe5mNn2Rb6Tg1UoP0aLs\n'.repeat(12) + '-----END RSA PRIVATE KEY-----\n';
tree['keys/server.key'] = key;
tree['keys/public.key'] = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n';
tree['home/.ssh/id_rsa'] = key;
tree['src/allowed.ts'] = `const t = "ghp_${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'}"; // ctxcheck:allow\n`;
tree['testdata/fixture.env.txt'] = `AWS_SECRET_ACCESS_KEY=${'wJalrXUtnFEMI/K7MDENG/bPxRfiCY'}Zq3x8Lm2pQ\n`;
tree['img/logo.png'] = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);

const inputsOf = (files: Record<string, string | Uint8Array>) =>
  Object.entries(files).map(([path, v]) => ({ path, size: typeof v === 'string' ? Buffer.byteLength(v) : v.length, type: 'file' }));

describe('secret scan on worker threads', () => {
  it('finds exactly what the inline scan finds, in memory', async () => {
    const fs = new MemoryFS({ files: tree });
    const inline = await scanSecrets(inputsOf(tree), fs, { workers: 0 });
    const before = pool.pooledFiles();
    // bytesHint: start the workers at once, whatever the size of this small tree.
    const pooled = await scanSecrets(inputsOf(tree), fs, { workers: 2, bytesHint: pool.POOL_MIN_BYTES, workerMinFileBytes: 0 });
    expect(pool.pooledFiles() - before).toBe(inline.scannedFiles);
    expect(inline.hits.length).toBeGreaterThan(300);
    expect(pooled).toEqual(inline);
    // The in-memory tree still holds its bytes (they were copied, not moved).
    expect(Buffer.from(fs.readFile('keys/server.key')).toString()).toBe(key);
  });

  it('finds exactly what the inline scan finds, on disk (buffers handed over without a copy)', async () => {
    const dir = writeTree({ files: tree });
    const fs = new NodeFS(dir);
    const inline = await scanSecrets(inputsOf(tree), fs, { workers: 0 });
    const before = pool.pooledFiles();
    const pooled = await scanSecrets(inputsOf(tree), fs, { workers: 2, bytesHint: pool.POOL_MIN_BYTES, workerMinFileBytes: 0 });
    expect(pool.pooledFiles() - before).toBe(inline.scannedFiles);
    expect(pooled).toEqual(inline);
    // Name rules that confirm by content saw the bytes: the private key by name and content, the public .key dropped.
    expect(pooled.hits.filter((h) => h.path === 'keys/public.key')).toEqual([]);
    expect(pooled.hits.some((h) => h.path === 'keys/server.key')).toBe(true);
  });

  it('starts no worker below the size threshold, or with workers: 0', async () => {
    const small = { 'a.env.txt': `TOKEN=ghp_${'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2'}\n` };
    const before = pool.pooledFiles();
    await scanSecrets(inputsOf(small), new MemoryFS({ files: small }), { workers: 2 });
    await scanSecrets(inputsOf(tree), new MemoryFS({ files: tree }), { workers: 0, bytesHint: 1e9 });
    expect(pool.pooledFiles()).toBe(before);
  });

  it('idle workers never keep the process alive: a scan of files too small to hand over ends', () => {
    // The pool starts (bytesHint) but every file is scanned inline; the process must then exit.
    // (It did not, on disk, while workers were unreferenced only before they were online.)
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`f${i}.js`] = `x = ${i};`;
    const dir = writeTree({ files });
    const script = `
      const { scanSecrets } = await import(${JSON.stringify(pathToFileURL(join(DIST, 'analyzers/secrets/index.js')).href)});
      const { NodeFS } = await import(${JSON.stringify(pathToFileURL(join(DIST, 'fs/node-fs.js')).href)});
      const inputs = ${JSON.stringify(Object.keys(files).map((path) => ({ path, size: files[path]!.length, type: 'file' })))};
      const r = await scanSecrets(inputs, new NodeFS(${JSON.stringify(dir)}), { workers: 2, bytesHint: 1e9 });
      console.log(r.scannedFiles);`;
    // From a file: run with -e, the same scan ended even while the bug was there.
    writeFileSync(join(dir, 'scan.mjs'), script);
    const r = spawnSync(process.execPath, [join(dir, 'scan.mjs')], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.signal).toBeNull(); // not killed by the timeout
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('200');
  });

  it('a worker that cannot start answers null, so the caller scans inline', async () => {
    const broken = new URL('data:text/javascript,throw new Error("no")');
    const p = pool.startPool(1, broken);
    try {
      expect(await p.scan('a.txt', new TextEncoder().encode('x = 1\n'), false)).toBeNull();
      expect(await p.scan('b.txt', new TextEncoder().encode('y = 2\n'), false)).toBeNull();
    } finally {
      p.close();
    }
  });
});
