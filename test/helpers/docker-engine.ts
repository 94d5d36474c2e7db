/**
 * Test helper: capture the exact build-context tar that the real docker CLI
 * (legacy builder) uploads, without any Docker engine.
 *
 * A tiny stand-in engine (node:http on a unix socket in a temp dir) answers
 * the few requests the CLI makes (`HEAD|GET /_ping`, `POST /v*\/build`), keeps
 * the uploaded body and replies with a JSON-message stream that lets the CLI
 * exit 0. See test/helpers/README.md.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
// Names keep non-UTF-8 bytes the way ctxcheck does (lone surrogates), so lists compare exactly.
import { decodeName } from '../../src/fs/names.js';

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

export type TarEntry = {
  /** Name as stored (dirs keep their trailing `/`), PAX `path` / GNU 'L' applied. */
  name: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  /** Raw typeflag character ('0', '5', '2', '1', '6', ... or '\0' for old-style files). */
  typeflag: string;
  size: number;
  /** PAX `linkpath` / GNU 'K' applied. */
  linkname: string;
  /** Bytes this entry occupies before its data: 512, plus any PAX/GNU meta header blocks + padded data. */
  headerBytes: number;
};

/** TarEntry plus the raw header facts, for conformance assertions. */
export type TarEntryDetail = TarEntry & {
  /** Offset of the first byte belonging to this entry (its first meta header, if any). */
  offset: number;
  /** Bytes of data that follow the header (0 for header-only types), before padding. */
  dataBytes: number;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  /** Seconds since epoch, from the header (or PAX `mtime` if present, possibly fractional). */
  mtime: number;
  /** `ustar` = POSIX "ustar\0" "00"; `gnu` = "ustar  \0"; `v7` = no magic. */
  magic: 'ustar' | 'gnu' | 'v7';
  /** The ustar `prefix` field (POSIX ustar only; '' otherwise). */
  prefix: string;
  /** The raw 100-byte `name` field, as decoded (before prefix/PAX were applied). */
  rawName: string;
  /** Extended-header records that applied to this entry (global + per-entry). */
  pax: Record<string, string>;
  /** Names of the meta headers that preceded this entry, e.g. ['PaxHeaders.0/foo'] (typeflag x) */
  metaHeaderNames: string[];
};

export type TarLayout = {
  entries: TarEntryDetail[];
  /** Offset just past the last entry's data (padded, unless the stream ended unpadded). */
  end: number;
  /** Whether the archive ended with at least one all-zero 512-byte block. */
  terminated: boolean;
  /** buf.length - end: the end-of-archive marker plus anything after it. */
  trailerBytes: number;
  /** Whether every trailer byte is zero. */
  trailerAllZero: boolean;
  /** Whether the last entry's data was not padded to 512 (stream simply stopped). */
  lastDataUnpadded: boolean;
};

/** One HTTP request the docker CLI made to the stand-in engine. */
export type EngineRequest = {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  status: number;
  bodyBytes: number;
};

export type LegacyCapture =
  | { ok: true; tar: Buffer; entries: TarEntry[]; stderr: string; requests: EngineRequest[] }
  | { ok: false; exitCode: number | null; stderr: string; requests: EngineRequest[] };

export type CaptureOptions = {
  /** Passed as `-f`. Relative paths are resolved by the CLI against process.cwd(). */
  dockerfile?: string;
  /** Kill the CLI (SIGKILL) after this many ms. Default 30 000. */
  timeoutMs?: number;
  /** Pass `--compress` (the CLI then gzips the upload; the helper gunzips it). */
  compress?: boolean;
};

// ---------------------------------------------------------------------------
// docker CLI discovery
// ---------------------------------------------------------------------------

function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `/usr/local/bin/docker`, else the first `docker` on PATH, else null. */
export function dockerCliPath(): string | null {
  const preferred = '/usr/local/bin/docker';
  if (isExecutableFile(preferred)) return preferred;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'docker');
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Tar reader (ustar + PAX 'x'/'g' + GNU 'L'/'K')
// ---------------------------------------------------------------------------

const BLOCK = 512;
/** Typeflags whose size field does not announce data (as in Go's archive/tar). */
const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6']);

const padded = (n: number): number => Math.ceil(n / BLOCK) * BLOCK;

function isZeroBlock(buf: Buffer, off: number): boolean {
  for (let i = off; i < off + BLOCK; i++) if (buf[i] !== 0) return false;
  return true;
}

function cString(buf: Buffer, off: number, len: number): string {
  const field = buf.subarray(off, off + len);
  const nul = field.indexOf(0);
  return decodeName(nul === -1 ? field : field.subarray(0, nul));
}

function numeric(buf: Buffer, off: number, len: number, what: string, at: number): number {
  const field = buf.subarray(off, off + len);
  const first = field[0] ?? 0;
  if (first & 0x80) {
    // GNU base-256: big-endian two's complement; bit 7 of the first byte is the marker.
    if (first & 0x40) throw new Error(`tar: negative base-256 ${what} at offset ${at}`);
    let v = first & 0x3f;
    for (let i = 1; i < field.length; i++) v = v * 256 + (field[i] ?? 0);
    return v;
  }
  const s = field.toString('latin1').replace(/\0.*$/s, '').trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new Error(`tar: bad octal ${what} ${JSON.stringify(s)} at offset ${at}`);
  return parseInt(s, 8);
}

function parsePax(data: Buffer, at: number): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === 0) break; // tolerate NUL padding
    const sp = data.indexOf(0x20, pos);
    if (sp === -1) throw new Error(`tar: malformed PAX record at offset ${at}`);
    const len = Number(data.subarray(pos, sp).toString('latin1'));
    if (!Number.isInteger(len) || len <= sp - pos || pos + len > data.length) {
      throw new Error(`tar: malformed PAX record length at offset ${at}`);
    }
    const rec = data.subarray(sp + 1, pos + len);
    if (rec[rec.length - 1] !== 0x0a) throw new Error(`tar: PAX record without newline at offset ${at}`);
    const eq = rec.indexOf(0x3d);
    if (eq === -1) throw new Error(`tar: PAX record without '=' at offset ${at}`);
    out[rec.subarray(0, eq).toString('utf8')] = decodeName(rec.subarray(eq + 1, rec.length - 1));
    pos += len;
  }
  return out;
}

function entryType(typeflag: string, name: string): TarEntry['type'] {
  switch (typeflag) {
    case '0':
    case '7':
      return 'file';
    case '\0':
      return name.endsWith('/') ? 'dir' : 'file'; // old (v7) archives
    case '5':
      return 'dir';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    default:
      return 'other';
  }
}

/**
 * Read a tar stream and describe its layout. Verifies every header checksum,
 * stops at the first all-zero block, and tolerates a stream that simply stops
 * after the last entry's data (no padding, no end-of-archive marker), which is
 * what the docker CLI sends when the Dockerfile lives outside the context.
 */
export function readTarLayout(buf: Buffer): TarLayout {
  const entries: TarEntryDetail[] = [];
  let off = 0;
  let terminated = false;
  let lastDataUnpadded = false;
  const globalPax: Record<string, string> = {};
  let pendingPax: Record<string, string> = {};
  let pendingLongName: string | null = null;
  let pendingLongLink: string | null = null;
  let pendingStart = -1;
  let pendingMeta: string[] = [];

  // Bounded: every iteration advances `off` by at least one block.
  while (off < buf.length) {
    if (off + BLOCK > buf.length) {
      const rest = buf.subarray(off);
      if (rest.every((b) => b === 0) && pendingStart === -1) break;
      throw new Error(`tar: truncated header at offset ${off} (${rest.length} bytes left)`);
    }
    if (isZeroBlock(buf, off)) {
      if (pendingStart !== -1) throw new Error(`tar: meta header at ${pendingStart} not followed by an entry`);
      terminated = true;
      break;
    }

    // Checksum: sum of header bytes with the checksum field taken as spaces.
    const stored = numeric(buf, off + 148, 8, 'checksum', off);
    let unsigned = 0;
    let signed = 0;
    for (let i = 0; i < BLOCK; i++) {
      const b = i >= 148 && i < 156 ? 0x20 : (buf[off + i] ?? 0);
      unsigned += b;
      signed += b > 127 ? b - 256 : b;
    }
    if (stored !== unsigned && stored !== signed) {
      throw new Error(`tar: bad header checksum at offset ${off} (stored ${stored}, computed ${unsigned})`);
    }

    const rawName = cString(buf, off, 100);
    const typeflag = String.fromCharCode(buf[off + 156] ?? 0);
    const size = numeric(buf, off + 124, 12, 'size', off);
    const magicField = buf.subarray(off + 257, off + 265).toString('latin1');
    const magic: TarEntryDetail['magic'] = magicField.startsWith('ustar\0')
      ? 'ustar'
      : magicField === 'ustar  \0'
        ? 'gnu'
        : 'v7';

    if (typeflag === 'x' || typeflag === 'g' || typeflag === 'L' || typeflag === 'K') {
      const dataStart = off + BLOCK;
      if (dataStart + size > buf.length) throw new Error(`tar: truncated '${typeflag}' header data at offset ${off}`);
      const data = buf.subarray(dataStart, dataStart + size);
      if (pendingStart === -1) pendingStart = off;
      pendingMeta.push(rawName);
      if (typeflag === 'x') Object.assign(pendingPax, parsePax(data, off));
      else if (typeflag === 'g') Object.assign(globalPax, parsePax(data, off));
      else {
        const nul = data.indexOf(0);
        const s = decodeName(nul === -1 ? data : data.subarray(0, nul));
        if (typeflag === 'L') pendingLongName = s;
        else pendingLongLink = s;
      }
      off = dataStart + padded(size);
      continue;
    }

    const prefix = magic === 'ustar' ? cString(buf, off + 345, 155) : '';
    const pax = { ...globalPax, ...pendingPax };
    let name = pendingLongName ?? (prefix !== '' ? `${prefix}/${rawName}` : rawName);
    if (pax['path'] !== undefined) name = pax['path'];
    let linkname = pendingLongLink ?? cString(buf, off + 157, 100);
    if (pax['linkpath'] !== undefined) linkname = pax['linkpath'];
    const realSize = pax['size'] !== undefined ? Number(pax['size']) : size;
    const mtime = pax['mtime'] !== undefined ? Number(pax['mtime']) : numeric(buf, off + 136, 12, 'mtime', off);
    const uid = pax['uid'] !== undefined ? Number(pax['uid']) : numeric(buf, off + 108, 8, 'uid', off);
    const gid = pax['gid'] !== undefined ? Number(pax['gid']) : numeric(buf, off + 116, 8, 'gid', off);
    const start = pendingStart === -1 ? off : pendingStart;
    const dataBytes = HEADER_ONLY.has(typeflag) ? 0 : realSize;

    entries.push({
      name,
      type: entryType(typeflag, name),
      typeflag,
      size: realSize,
      linkname,
      headerBytes: off + BLOCK - start,
      offset: start,
      dataBytes,
      mode: numeric(buf, off + 100, 8, 'mode', off),
      uid,
      gid,
      uname: pax['uname'] ?? cString(buf, off + 265, 32),
      gname: pax['gname'] ?? cString(buf, off + 297, 32),
      mtime,
      magic,
      prefix,
      rawName,
      pax,
      metaHeaderNames: pendingMeta,
    });

    pendingPax = {};
    pendingLongName = null;
    pendingLongLink = null;
    pendingStart = -1;
    pendingMeta = [];

    const dataStart = off + BLOCK;
    if (dataStart + dataBytes > buf.length) {
      throw new Error(`tar: truncated data for ${JSON.stringify(name)} at offset ${dataStart}`);
    }
    if (dataStart + padded(dataBytes) > buf.length) {
      // Data complete, padding missing: the stream just stops here.
      lastDataUnpadded = true;
      off = buf.length;
      break;
    }
    off = dataStart + padded(dataBytes);
  }
  if (pendingStart !== -1) throw new Error(`tar: meta header at ${pendingStart} not followed by an entry`);

  const trailer = buf.subarray(off);
  return {
    entries,
    end: off,
    terminated,
    trailerBytes: trailer.length,
    trailerAllZero: trailer.every((b) => b === 0),
    lastDataUnpadded,
  };
}

/** Parse a tar stream into entries (see readTarLayout for details). */
export function parseTar(buf: Buffer): TarEntry[] {
  return readTarLayout(buf).entries.map(({ name, type, typeflag, size, linkname, headerBytes }) => ({
    name,
    type,
    typeflag,
    size,
    linkname,
    headerBytes,
  }));
}

// ---------------------------------------------------------------------------
// Stand-in engine
// ---------------------------------------------------------------------------

const API_VERSION = '1.50'; // docker CLI 28.2.x maximum; the CLI negotiates min(client, server)
const MAX_REQUESTS = 32;
const MAX_BODY_BYTES = 1024 * 1024 * 1024;
const MAX_STDERR_CHARS = 1024 * 1024;

function commonHeaders(): Record<string, string> {
  return {
    'Api-Version': API_VERSION,
    Ostype: 'linux',
    'Docker-Experimental': 'false',
    Server: 'Docker/28.2.2 (linux)',
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...commonHeaders(), 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body) + '\n');
}

type Engine = { server: Server; requests: EngineRequest[]; builds: Buffer[]; errors: string[] };

function startEngine(sock: string): Promise<Engine> {
  const requests: EngineRequest[] = [];
  const builds: Buffer[] = [];
  const errors: string[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? '';
    const url = req.url ?? '';
    const path = url.split('?')[0] ?? '';
    const record: EngineRequest = { method, url, headers: req.headers, status: 0, bodyBytes: 0 };
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });

    if (requests.length > MAX_REQUESTS) {
      res.shouldKeepAlive = false;
      sendJson(res, 503, { message: `stand-in engine: more than ${MAX_REQUESTS} requests` });
      return;
    }

    const chunks: Buffer[] = [];
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      record.bodyBytes += c.length;
      if (record.bodyBytes > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(c);
    });
    req.on('error', (e) => errors.push(`request ${method} ${url}: ${e.message}`));
    req.on('end', () => {
      if (path === '/_ping' && (method === 'GET' || method === 'HEAD')) {
        res.writeHead(200, {
          ...commonHeaders(),
          'Builder-Version': '1',
          'Cache-Control': 'no-cache, no-store, must-revalidate',
          Pragma: 'no-cache',
          'Content-Type': 'text/plain; charset=utf-8',
        });
        res.end(method === 'HEAD' ? undefined : 'OK');
        return;
      }
      if (method === 'GET' && /^(\/v[\d.]+)?\/version$/.test(path)) {
        sendJson(res, 200, {
          Version: '28.2.2',
          ApiVersion: API_VERSION,
          MinAPIVersion: '1.24',
          Os: 'linux',
          Arch: 'amd64',
          KernelVersion: '0.0.0-stand-in',
          GitCommit: 'stand-in',
          GoVersion: 'go1.24',
          BuildTime: '1970-01-01T00:00:00.000000000+00:00',
          Components: [{ Name: 'Engine', Version: '28.2.2', Details: { ApiVersion: API_VERSION } }],
        });
        return;
      }
      if (method === 'POST' && /^(\/v[\d.]+)?\/build$/.test(path)) {
        if (tooBig) {
          sendJson(res, 413, { message: `stand-in engine: build context over ${MAX_BODY_BYTES} bytes` });
          return;
        }
        let body = Buffer.concat(chunks);
        // `docker build --compress` gzips the body but still says application/x-tar:
        // sniff the gzip magic rather than trusting Content-Type / Content-Encoding.
        if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) {
          try {
            body = gunzipSync(body);
          } catch (e) {
            errors.push(`gunzip failed: ${(e as Error).message}`);
            sendJson(res, 400, { message: 'stand-in engine: bad gzip' });
            return;
          }
        }
        builds.push(body);
        const id = createHash('sha256').update(body).digest('hex');
        res.writeHead(200, { ...commonHeaders(), 'Content-Type': 'application/json' });
        for (const msg of [
          { stream: 'Step 1/1 : FROM scratch\n' },
          { stream: ` ---> ${id.slice(0, 12)}\n` },
          { aux: { ID: `sha256:${id}` } },
          { stream: `Successfully built ${id.slice(0, 12)}\n` },
        ]) {
          res.write(JSON.stringify(msg) + '\r\n');
        }
        res.end();
        return;
      }
      sendJson(res, 404, { message: `stand-in engine: no handler for ${method} ${path}` });
    });
  };

  const server = createServer(handle);
  server.on('clientError', (err, socket) => {
    errors.push(`clientError: ${err.message}`);
    socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(sock, () => {
      server.off('error', reject);
      resolve({ server, requests, builds, errors });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function makeTempDir(): Promise<string> {
  // unix socket paths are limited to ~107 bytes; fall back to /tmp for long TMPDIRs.
  const base = tmpdir().length <= 60 ? tmpdir() : '/tmp';
  return mkdtemp(join(base, 'ctx-engine-'));
}

type RunResult = { exitCode: number | null; signal: NodeJS.Signals | null; stderr: string; timedOut: boolean };

function runCli(docker: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(docker, args, { env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const append = (s: string): void => {
      if (stderr.length < MAX_STDERR_CHARS) stderr += s;
    };
    child.stdout.resume(); // "Sending build context ..." / "Step 1/1" — not needed, just drain
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', append);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (r: Omit<RunResult, 'stderr' | 'timedOut'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, stderr, timedOut });
    };
    child.on('error', (e) => {
      append(`spawn ${docker} failed: ${e.message}\n`);
      finish({ exitCode: null, signal: null });
    });
    child.on('close', (code, signal) => finish({ exitCode: code, signal }));
  });
}

/**
 * Run `docker build [-f dockerfile] -- <contextDir>` against a stand-in engine
 * and return the exact context tar the CLI uploaded.
 */
export async function captureLegacyContext(contextDir: string, opts: CaptureOptions = {}): Promise<LegacyCapture> {
  const docker = dockerCliPath();
  if (docker === null) {
    return { ok: false, exitCode: null, stderr: 'docker CLI not found', requests: [] };
  }
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const dir = await makeTempDir();
  let engine: Engine | null = null;
  try {
    const sock = join(dir, 'docker.sock');
    const configDir = join(dir, 'config');
    mkdirSync(configDir);
    engine = await startEngine(sock);

    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of [
      'DOCKER_CONTEXT',
      'DOCKER_TLS',
      'DOCKER_TLS_VERIFY',
      'DOCKER_CERT_PATH',
      'DOCKER_API_VERSION',
      'DOCKER_DEFAULT_PLATFORM',
      'BUILDX_BUILDER',
    ]) {
      delete env[k];
    }
    Object.assign(env, {
      DOCKER_HOST: `unix://${sock}`,
      DOCKER_BUILDKIT: '0',
      DOCKER_CONFIG: configDir,
      DOCKER_CLI_HINTS: 'false',
    });

    const args = ['build'];
    if (opts.compress) args.push('--compress');
    if (opts.dockerfile !== undefined) args.push('-f', opts.dockerfile);
    args.push('--', contextDir);

    const run = await runCli(docker, args, env, timeoutMs);
    let stderr = run.stderr;
    if (run.timedOut) stderr += `\n[captureLegacyContext] docker CLI killed after ${timeoutMs} ms\n`;
    if (engine.errors.length > 0) stderr += `\n[stand-in engine] ${engine.errors.join('\n[stand-in engine] ')}\n`;
    const requests = engine.requests;
    const tar = engine.builds[0];

    if (run.exitCode !== 0 || tar === undefined) {
      if (run.exitCode === 0) stderr += '\n[captureLegacyContext] CLI exited 0 but sent no build request\n';
      return { ok: false, exitCode: run.exitCode, stderr, requests };
    }
    return { ok: true, tar, entries: parseTar(tar), stderr, requests };
  } finally {
    if (engine !== null) await closeServer(engine.server);
    await rm(dir, { recursive: true, force: true });
  }
}
