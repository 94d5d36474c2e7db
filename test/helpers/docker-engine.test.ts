import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync, utimesSync, lutimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import {
  captureLegacyContext,
  dockerCliPath,
  parseTar,
  readTarLayout,
  type LegacyCapture,
  type TarEntryDetail,
} from './docker-engine.js';

const docker = dockerCliPath();
if (!docker) {
  console.warn('CONFORMANCE SKIPPED: docker CLI not found');
}

const pad512 = (n: number): number => Math.ceil(n / 512) * 512;

/** Bytes of an entry's data, read back out of the tar. */
function dataOf(tar: Buffer, e: TarEntryDetail): Buffer {
  const start = e.offset + e.headerBytes;
  return tar.subarray(start, start + e.dataBytes);
}

function expectOk(cap: LegacyCapture): asserts cap is Extract<LegacyCapture, { ok: true }> {
  if (!cap.ok) throw new Error(`capture failed (exit ${String(cap.exitCode)}): ${cap.stderr}`);
}

function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `ctxcheck-${label}-`));
}

// ---------------------------------------------------------------------------
// parseTar on hand-made archives (no docker needed)
// ---------------------------------------------------------------------------

function header(name: string, typeflag: string, size: number, opts: { gnu?: boolean; prefix?: string } = {}): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(size.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  h.write('00000000000\0', 136, 'latin1');
  h.write(typeflag, 156, 'latin1');
  h.write(opts.gnu ? 'ustar  \0' : 'ustar\x0000', 257, 'latin1');
  if (opts.prefix) h.write(opts.prefix, 345, 155, 'utf8');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}
const block = (data: string | Buffer): Buffer => {
  const b = Buffer.from(data);
  return Buffer.concat([b, Buffer.alloc(pad512(b.length) - b.length)]);
};

describe('parseTar (hand-made archives)', () => {
  it('applies GNU L/K long names, PAX records and the ustar prefix', () => {
    const longName = 'g'.repeat(150);
    const longLink = 'k'.repeat(130);
    const paxRec = (k: string, v: string): string => {
      const body = ` ${k}=${v}\n`; // record length counts UTF-8 bytes, including itself
      const bodyBytes = Buffer.byteLength(body);
      let len = bodyBytes + 1;
      while (String(len).length + bodyBytes !== len) len++;
      return `${len}${body}`;
    };
    const pax = paxRec('path', 'päx/name') + paxRec('linkpath', 'tärget');
    const tar = Buffer.concat([
      header('././@LongLink', 'L', longName.length + 1, { gnu: true }),
      block(longName + '\0'),
      header('././@LongLink', 'K', longLink.length + 1, { gnu: true }),
      block(longLink + '\0'),
      header('truncated', '2', 0, { gnu: true }),
      header('PaxHeaders.0/x', 'x', Buffer.byteLength(pax)),
      block(pax),
      header('x', '2', 0),
      header('file.txt', '0', 3, { prefix: 'some/dir' }),
      block('abc'),
      Buffer.alloc(1024),
    ]);
    expect(parseTar(tar)).toEqual([
      { name: longName, type: 'symlink', typeflag: '2', size: 0, linkname: longLink, headerBytes: 512 * 5 },
      { name: 'päx/name', type: 'symlink', typeflag: '2', size: 0, linkname: 'tärget', headerBytes: 512 * 3 },
      { name: 'some/dir/file.txt', type: 'file', typeflag: '0', size: 3, linkname: '', headerBytes: 512 },
    ]);
    const layout = readTarLayout(tar);
    expect(layout).toMatchObject({ terminated: true, trailerBytes: 1024, trailerAllZero: true });
  });

  it('rejects a header with a bad checksum', () => {
    const h = header('a', '0', 0);
    h[0] = 0x62; // 'b' — checksum no longer matches
    expect(() => parseTar(Buffer.concat([h, Buffer.alloc(1024)]))).toThrow(/checksum/);
  });

  it('rejects truncated data', () => {
    expect(() => parseTar(Buffer.concat([header('a', '0', 10), Buffer.from('abc')]))).toThrow(/truncated/);
  });
});

// ---------------------------------------------------------------------------
// Conformance: what the real docker CLI (legacy builder) uploads
// ---------------------------------------------------------------------------

describe('captureLegacyContext (real docker CLI, stand-in engine)', () => {
  let root = '';
  let ctx = '';
  const MTIME = 1_600_000_000.75; // fractional on purpose: headers carry whole seconds
  const LONG_COMPONENT = 'n'.repeat(120) + '.txt'; // single component > 100 bytes -> PAX path
  const SPLIT_DIR = 'p'.repeat(70);
  const SPLIT_FILE = 'q'.repeat(50) + '.txt'; // full path > 100 bytes but fits ustar prefix+name
  const NON_ASCII = 'héllo wörld.txt';

  beforeAll(() => {
    root = tempDir('conf');
    ctx = join(root, 'ctx');
    const files: Record<string, string> = {
      Dockerfile: 'FROM scratch\nCOPY . /\n',
      '.dockerignore': 'secret.txt\n',
      'a.txt': 'hello\n',
      'secret.txt': 'do not send\n',
      [NON_ASCII]: 'non-ascii\n',
      [`long/${LONG_COMPONENT}`]: 'long\n',
      'nested/dir/deep.txt': 'deep\n',
      [`nested/${SPLIT_DIR}/${SPLIT_FILE}`]: 'split\n',
      'nested-x.txt': 'sibling\n',
    };
    for (const [rel, content] of Object.entries(files)) {
      const p = join(ctx, rel);
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, content);
      chmodSync(p, 0o644);
      utimesSync(p, MTIME, MTIME);
    }
    mkdirSync(join(ctx, 'empty'));
    symlinkSync('a.txt', join(ctx, 'link'));
    lutimesSync(join(ctx, 'link'), MTIME, MTIME);
    // Directories last (children bump their mtime), deepest first.
    for (const d of [`nested/${SPLIT_DIR}`, 'nested/dir', 'nested', 'long', 'empty', '.']) {
      chmodSync(join(ctx, d), 0o755);
      utimesSync(join(ctx, d), MTIME, MTIME);
    }
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it.skipIf(!docker)('captures names, types, sizes, order and the exact byte layout', async () => {
    const t0 = performance.now();
    const cap = await captureLegacyContext(ctx);
    const elapsed = performance.now() - t0;
    expectOk(cap);
    expect(elapsed).toBeLessThan(10_000);

    // Order = Go filepath.Walk: byte-sorted *per directory*, so `nested/…` comes
    // before `nested-x.txt` even though '-' (0x2d) < '/' (0x2f).
    // Directories (including empty ones) get their own entries with a trailing '/'.
    // The ignored `secret.txt` is absent.
    const got = cap.entries.map((e) => [e.name, e.type, e.size, e.linkname]);
    expect(got).toEqual([
      ['.dockerignore', 'file', 11, ''],
      ['Dockerfile', 'file', 22, ''],
      ['a.txt', 'file', 6, ''],
      ['empty/', 'dir', 0, ''],
      [NON_ASCII, 'file', 10, ''],
      ['link', 'symlink', 0, 'a.txt'],
      ['long/', 'dir', 0, ''],
      [`long/${LONG_COMPONENT}`, 'file', 5, ''],
      ['nested/', 'dir', 0, ''],
      ['nested/dir/', 'dir', 0, ''],
      ['nested/dir/deep.txt', 'file', 5, ''],
      [`nested/${SPLIT_DIR}/`, 'dir', 0, ''],
      [`nested/${SPLIT_DIR}/${SPLIT_FILE}`, 'file', 6, ''],
      ['nested-x.txt', 'file', 8, ''],
    ]);

    const layout = readTarLayout(cap.tar);
    const byName = new Map(layout.entries.map((e) => [e.name, e]));

    // PAX 'x' headers appear only where ustar cannot express the name:
    // non-ASCII bytes, or a final component > 100 bytes. Each costs
    // 512 (x header) + 512 (padded records) before the real 512-byte header.
    for (const e of layout.entries) {
      const needsPax = e.name === NON_ASCII || e.name === `long/${LONG_COMPONENT}`;
      expect(e.headerBytes, e.name).toBe(needsPax ? 1536 : 512);
      expect(Object.keys(e.pax), e.name).toEqual(needsPax ? ['path'] : []);
      expect(e.metaHeaderNames.length, e.name).toBe(needsPax ? 1 : 0);
    }
    // The PAX header's own name is "<dir>/PaxHeaders.0/<base>" (truncated to 100 bytes),
    // and the ustar name field keeps the name with non-ASCII bytes *dropped*.
    expect(byName.get(NON_ASCII)?.metaHeaderNames).toEqual(['PaxHeaders.0/hllo wrld.txt']);
    expect(byName.get(NON_ASCII)?.rawName).toBe('hllo wrld.txt');
    expect(byName.get(`long/${LONG_COMPONENT}`)?.metaHeaderNames[0]).toMatch(/^long\/PaxHeaders\.0\/n+$/);
    // A long path that can be split at a '/' uses the ustar prefix field, not PAX.
    const split = byName.get(`nested/${SPLIT_DIR}/${SPLIT_FILE}`);
    expect(split?.prefix).toBe(`nested/${SPLIT_DIR}`);
    expect(split?.rawName).toBe(SPLIT_FILE);

    // Header fields: POSIX ustar magic, uid/gid forced to 0, no uname/gname,
    // mtime truncated to whole seconds (no PAX mtime), permission bits kept.
    for (const e of layout.entries) {
      expect(e.magic, e.name).toBe('ustar');
      expect([e.uid, e.gid, e.uname, e.gname], e.name).toEqual([0, 0, '', '']);
      expect(e.mtime, e.name).toBe(Math.floor(MTIME));
      expect(e.mode, e.name).toBe(e.type === 'dir' ? 0o755 : e.type === 'symlink' ? 0o777 : 0o644);
    }
    expect(dataOf(cap.tar, byName.get('a.txt')!).toString()).toBe('hello\n');

    // Byte accounting: entries (header bytes + data padded to 512) followed by
    // exactly two zero blocks. Measured: Go's archive/tar Close() writes 1024
    // zero bytes and nothing else — no padding to a 10240-byte record.
    const entryBytes = cap.entries.reduce((sum, e) => sum + e.headerBytes + pad512(e.size), 0);
    expect(layout.end).toBe(entryBytes);
    expect(cap.tar.length).toBe(entryBytes + 1024);
    expect(layout).toMatchObject({ terminated: true, trailerBytes: 1024, trailerAllZero: true });

    // The CLI made exactly two requests: HEAD /_ping, then the build upload.
    expect(cap.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'HEAD /_ping',
      'POST /v1.50/build?dockerfile=Dockerfile&version=1',
    ]);
    const build = cap.requests[1];
    expect(build?.headers['content-type']).toBe('application/x-tar');
    expect(build?.headers['transfer-encoding']).toBe('chunked');
    expect(build?.bodyBytes).toBe(cap.tar.length);
  });

  it.skipIf(!docker)('--compress uploads gzip (still labelled application/x-tar) of the same tar', async () => {
    const plain = await captureLegacyContext(ctx);
    const gz = await captureLegacyContext(ctx, { compress: true });
    expectOk(plain);
    expectOk(gz);
    expect(gz.requests[1]?.headers['content-type']).toBe('application/x-tar');
    expect(gz.requests[1]?.bodyBytes).toBeLessThan(gz.tar.length);
    expect(gz.tar.equals(plain.tar)).toBe(true);
  });

  it.skipIf(!docker)('always sends Dockerfile and .dockerignore, even when the ignore file says *', async () => {
    const dir = tempDir('star');
    try {
      writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
      writeFileSync(join(dir, '.dockerignore'), '*\n');
      writeFileSync(join(dir, 'a.txt'), 'a\n');
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'sub', 'Custom.df'), 'FROM scratch\n');

      const cap = await captureLegacyContext(dir);
      expectOk(cap);
      expect(cap.entries.map((e) => e.name)).toEqual(['.dockerignore', 'Dockerfile']);

      // With -f inside the context, that file is kept instead (its parent dir gets no entry).
      const withF = await captureLegacyContext(dir, { dockerfile: join(dir, 'sub', 'Custom.df') });
      expectOk(withF);
      expect(withF.entries.map((e) => e.name)).toEqual(['.dockerignore', 'sub/Custom.df']);
      expect(withF.requests[1]?.url).toBe('/v1.50/build?dockerfile=sub%2FCustom.df&version=1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!docker)('Dockerfile outside the context: renamed, appended to .dockerignore, stream not terminated', async () => {
    const dir = tempDir('outside');
    try {
      mkdirSync(join(dir, 'ctx'));
      writeFileSync(join(dir, 'ctx', '.dockerignore'), 'secret\n');
      writeFileSync(join(dir, 'ctx', 'a.txt'), 'a\n');
      writeFileSync(join(dir, 'outside.df'), 'FROM scratch\n');

      const cap = await captureLegacyContext(join(dir, 'ctx'), { dockerfile: join(dir, 'outside.df') });
      expectOk(cap);
      const layout = readTarLayout(cap.tar);
      const names = layout.entries.map((e) => e.name);
      // The Dockerfile is added under a random name and that name is appended to
      // .dockerignore so the daemon excludes it from COPY.
      expect(names.slice(0, 2)).toEqual(['.dockerignore', 'a.txt']);
      const df = layout.entries[2];
      expect(df?.name).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
      expect(names.length).toBe(3);
      expect(dataOf(cap.tar, layout.entries[0]!).toString()).toBe(`secret\n\n${df?.name}\n`);
      expect(dataOf(cap.tar, df!).toString()).toBe('FROM scratch\n');
      expect(cap.requests[1]?.url).toBe(`/v1.50/build?dockerfile=${df?.name}&version=1`);
      // Quirk of the CLI's tar rewriting (ReplaceFileTarWrapper): the stream just
      // stops after the last file's data — no padding, no end-of-archive blocks.
      expect(layout).toMatchObject({ terminated: false, lastDataUnpadded: true, trailerBytes: 0 });
      expect(cap.tar.length).toBe(df!.offset + df!.headerBytes + df!.dataBytes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!docker)('reports CLI failures (invalid .dockerignore pattern) without a build request', async () => {
    const dir = tempDir('bad');
    try {
      writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
      writeFileSync(join(dir, '.dockerignore'), '[\n');
      const cap = await captureLegacyContext(dir);
      expect(cap.ok).toBe(false);
      if (cap.ok) return;
      expect(cap.exitCode).toBe(1);
      expect(cap.stderr).toMatch(/error checking context: syntax error in pattern/);
      expect(cap.requests.some((r) => r.url.includes('/build'))).toBe(false);

      writeFileSync(join(dir, '.dockerignore'), '!\n');
      const bang = await captureLegacyContext(dir);
      expect(bang.ok).toBe(false);
      expect(bang.stderr).toMatch(/illegal exclusion pattern: "!"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!docker)('kills the CLI on timeout and still cleans up', async () => {
    // 1 ms is far below the CLI's start-up time, so this reliably times out.
    const cap = await captureLegacyContext(ctx, { timeoutMs: 1 });
    expect(cap.ok).toBe(false);
    if (cap.ok) return;
    expect(cap.exitCode).toBeNull();
    expect(cap.stderr).toMatch(/killed after 1 ms/);
  });
});
