// The whole analysis runs on in-memory trees through the ContextFS interface.
import { describe, expect, it } from 'vitest';
import { analyze, listContext, MemoryFS } from '../../src/index.js';

const CWD = '/virtual/project';

describe('analysis on an in-memory tree', () => {
  it('finds the Dockerfile and ignore file inside the tree', async () => {
    const fs = new MemoryFS({
      files: { Dockerfile: 'FROM scratch\n', '.dockerignore': 'tmp\n', 'src/a.ts': 'abc', 'tmp/x': 'yyyy' },
    });
    const r = await analyze({ cwd: CWD }, fs);
    expect(r.dockerfile).toBe('Dockerfile');
    expect(r.ignoreFile).toBe('.dockerignore');
    expect(r.summary).toMatchObject({ files: 3, bytes: 13 + 4 + 3, excludedFiles: 1, excludedBytes: 4 });
    expect(await listContext({ cwd: CWD }, fs)).toEqual(['.dockerignore', 'Dockerfile', 'src/a.ts']);
  });

  it('an unreadable file or directory that is sent is an error finding, not a crash', async () => {
    const fs = new MemoryFS({
      files: { 'ok.txt': 'x', '.dockerignore': 'skipped\n' },
      nodes: {
        'secret.txt': { type: 'file', content: new Uint8Array(3), readable: false },
        'locked': { type: 'dir', readable: false },
        'skipped': { type: 'dir', readable: false },
      },
    });
    const r = await analyze({ cwd: CWD }, fs);
    const unreadable = r.findings.filter((f) => f.rule === 'unreadable').map((f) => [f.path, f.severity]);
    // The excluded, pruned directory is never read, so it is not a problem.
    expect(unreadable.sort()).toEqual([
      ['locked', 'error'],
      ['secret.txt', 'error'],
    ]);
  });

  it('counts a sparse multi-GiB file exactly, including its PAX size record in the tar', async () => {
    const size = 5 * 1024 ** 3 + 7;
    const huge = 9 * 1024 ** 3;
    const fs = new MemoryFS({ nodes: { 'disk.img': { type: 'file', size }, 'huge.img': { type: 'file', size: huge } } });
    const r = await analyze({ cwd: CWD, large: 10_000_000 }, fs);
    expect(r.summary.bytes).toBe(size + huge);
    // disk.img fits USTAR (< 8 GiB); huge.img needs a PAX header with a "size" record.
    const pad = (n: number): number => Math.ceil(n / 512) * 512;
    expect(r.summary.tarBytes).toBe(512 + pad(size) + 512 + 512 + 512 + pad(huge) + 1024);
    expect(r.findings.filter((f) => f.rule === 'large-file').map((f) => f.path)).toEqual(['disk.img', 'huge.img']);
  });
});
