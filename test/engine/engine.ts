// A real Docker engine for the tests that build for real: Debian's dockerd 20.10 (built-in
// BuildKit, containerd, runc) started on a private unix socket in a temp dir, offline.
//
// - Legacy builds go through the installed docker CLI 28.2.2 with DOCKER_BUILDKIT=0: the modern
//   CLI walks and sends the context, the 20.10 daemon's legacy builder builds it.
// - BuildKit builds go through Debian's 20.10 CLI (/usr/bin/docker), whose built-in BuildKit
//   client talks to the daemon's BuildKit (the v0.8 generation: older context filter and
//   Dockerfile frontend than modern Docker; tests name each divergence they rely on).
// - Nothing can be pulled: scenarios use `FROM scratch` or the base image imported here, a
//   rootfs of Debian's static busybox with its applet links (`docker import`).
//
// Availability: the engine needs root, dockerd, both CLIs and busybox. Where anything is missing
// the engine suites skip with one line saying how to run them; with CTXCHECK_ENGINE=require (set
// by .ci/run) a missing piece or a failed start is an error instead.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, copyFileSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

export type EngineBuilder = 'legacy' | 'buildkit';

const DOCKERD = ['/usr/sbin/dockerd', '/usr/bin/dockerd'];
/** The 20.10 client with a built-in BuildKit client (the 28.2.2 CLI needs buildx for that). */
const BUILDKIT_CLI = '/usr/bin/docker';
/** The modern CLI (what users have): used for legacy builds and everything that is not a build. */
const MODERN_CLI = ['/usr/local/bin/docker', '/usr/bin/docker'];
const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'];
export const BASE_IMAGE = 'ctxcheck-base:busybox';

export const HOW_TO_RUN =
  'run as root with Debian\'s docker.io and busybox-static installed (apt-get install docker.io busybox-static); CTXCHECK_ENGINE=require makes this an error';

/** Why the engine cannot run here, or null when everything it needs is present. */
export function engineMissing(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not root';
  if (!DOCKERD.some(existsSync)) return 'no dockerd';
  if (!existsSync(BUILDKIT_CLI)) return `no ${BUILDKIT_CLI} (Debian's 20.10 CLI)`;
  const busybox = BUSYBOX.find(existsSync);
  if (!busybox) return 'no busybox';
  const v = spawnSync(busybox, ['--list'], { encoding: 'utf8' });
  if (v.status !== 0 || !v.stdout.includes('sh')) return `${busybox} has no applet list (install busybox-static)`;
  return null;
}

export const ENGINE_REQUIRED = process.env.CTXCHECK_ENGINE === 'require';

/** For `describe.skipIf`: true (and one line on stderr, once per file) when the engine is not available and not required. */
export function skipEngine(suite: string): boolean {
  const why = engineMissing();
  if (why === null) return false;
  if (ENGINE_REQUIRED) throw new Error(`CTXCHECK_ENGINE=require but the Docker engine cannot run: ${why}`);
  process.stderr.write(`ENGINE TESTS SKIPPED (${suite}): ${why}; ${HOW_TO_RUN}\n`);
  return true;
}

export interface BuildOptions {
  builder: EngineBuilder;
  /** Context directory. */
  dir: string;
  tag?: string;
  /** -f, as given on the command line (relative to the cwd, which is the context). */
  file?: string;
  target?: string;
  buildArgs?: Record<string, string>;
  /** --no-cache: run every step (a cache hit never re-checks a step's sources). */
  noCache?: boolean;
}

/** One Dockerfile step as the builder reported it. */
export interface StepResult {
  /** Legacy: the step number (1-based over every instruction built); BuildKit: the op index in its stage (1 = FROM). */
  index: number;
  /** BuildKit: the stage label BuildKit prints (`build`, `stage-1`); legacy: null. */
  stage: string | null;
  /** The instruction as the builder printed it. */
  text: string;
  cached: boolean;
}

export interface BuildResult {
  ok: boolean;
  exitCode: number | null;
  log: string;
  steps: StepResult[];
}

interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export class Engine {
  private proc: ChildProcess | null = null;
  private readonly configDir: string;
  readonly socket: string;

  private constructor(readonly dir: string) {
    this.socket = join(dir, 'docker.sock');
    this.configDir = join(dir, 'client-config');
    mkdirSync(this.configDir);
  }

  /** Start a private dockerd, wait until it answers, and import the busybox base image. */
  static async start(): Promise<Engine> {
    const why = engineMissing();
    if (why !== null) throw new Error(`the Docker engine cannot run: ${why}`);
    // A short path: a unix socket path must stay under 108 bytes.
    const dir = mkdtempSync('/tmp/ctxe-');
    const engine = new Engine(dir);
    try {
      await engine.boot();
      engine.importBase();
    } catch (err) {
      await engine.stop();
      throw err;
    }
    return engine;
  }

  private async boot(): Promise<void> {
    const dockerd = DOCKERD.find(existsSync)!;
    const logFd = openSync(join(this.dir, 'dockerd.log'), 'w');
    const args = [
      '--data-root', join(this.dir, 'root'),
      '--exec-root', join(this.dir, 'exec'),
      '-H', `unix://${this.socket}`,
      '--pidfile', join(this.dir, 'pid'),
      '--iptables=false', '--ip6tables=false', '--bridge=none', '--storage-driver=vfs',
      // Nothing here may reach a registry; and no engine-wide config file from the host.
      '--config-file', this.writeDaemonConfig(),
    ];
    this.proc = spawn(dockerd, args, { stdio: ['ignore', logFd, logFd], detached: true });
    closeSync(logFd);
    const exited = new Promise<string>((resolve) => this.proc!.once('exit', (code, sig) => resolve(`dockerd exited (${code ?? sig})`)));
    process.once('exit', () => this.killNow());
    const deadline = Date.now() + 90_000;
    for (;;) {
      const up = await Promise.race([this.ping(), exited]);
      if (up === true) return;
      if (typeof up === 'string') throw new Error(`${up}: ${this.logTail()}`);
      if (Date.now() > deadline) throw new Error(`dockerd did not answer within 90 s: ${this.logTail()}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  private writeDaemonConfig(): string {
    const file = join(this.dir, 'daemon.json');
    writeFileSync(file, JSON.stringify({ features: { buildkit: true } }));
    return file;
  }

  private logTail(): string {
    try {
      return readFileSync(join(this.dir, 'dockerd.log'), 'utf8').trim().split('\n').slice(-5).join(' | ');
    } catch {
      return '(no log)';
    }
  }

  private ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const req = request({ socketPath: this.socket, path: '/_ping', method: 'GET', timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => {
        req.destroy();
        resolve(false);
      });
      req.end();
    });
  }

  private env(buildkit: boolean): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: `unix://${this.socket}`, DOCKER_CONFIG: this.configDir, DOCKER_BUILDKIT: buildkit ? '1' : '0', BUILDKIT_PROGRESS: 'plain', NO_COLOR: '1' };
    for (const k of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_API_VERSION', 'DOCKER_DEFAULT_PLATFORM']) delete env[k];
    return env;
  }

  /** Run a docker CLI command against this engine. */
  docker(args: readonly string[], opts: { cli?: string; cwd?: string; buildkit?: boolean; input?: Buffer } = {}): RunResult {
    const cli = opts.cli ?? MODERN_CLI.find(existsSync)!;
    const r = spawnSync(cli, args, {
      cwd: opts.cwd,
      env: this.env(opts.buildkit ?? false),
      input: opts.input,
      maxBuffer: 1024 * 1024 * 1024,
      timeout: 300_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
  }

  private mustDocker(args: readonly string[], input?: Buffer): Buffer {
    const r = this.docker(args, input ? { input } : {});
    if (r.code !== 0) throw new Error(`docker ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`);
    return r.stdout;
  }

  /** The base image: /bin/busybox and one link per applet, from a tar made here (no pull). */
  private importBase(): void {
    const busybox = BUSYBOX.find(existsSync)!;
    const root = join(this.dir, 'rootfs');
    mkdirSync(join(root, 'bin'), { recursive: true });
    mkdirSync(join(root, 'tmp'));
    copyFileSync(busybox, join(root, 'bin', 'busybox'));
    const applets = spawnSync(busybox, ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter((a) => a && a !== 'busybox');
    for (const a of applets) symlinkSync('busybox', join(root, 'bin', a));
    const tar = spawnSync('tar', ['-C', root, '-c', '.'], { maxBuffer: 64 * 1024 * 1024 });
    if (tar.status !== 0) throw new Error(`tar of the busybox rootfs failed: ${tar.stderr.toString()}`);
    this.mustDocker(['import', '-c', 'ENV PATH=/bin', '-', BASE_IMAGE], tar.stdout);
    rmSync(root, { recursive: true, force: true });
  }

  /** docker build with one builder; per-step cache results parsed from its output. */
  build(o: BuildOptions): BuildResult {
    const { args, buildkit } = this.buildArgs(o);
    const r = this.docker(args, { cwd: o.dir, buildkit, ...(buildkit ? { cli: BUILDKIT_CLI } : {}) });
    const log = `${r.stdout.toString('utf8')}\n${r.stderr}`;
    return { ok: r.code === 0, exitCode: r.code, log, steps: buildkit ? parseBuildkitSteps(log) : parseLegacySteps(log) };
  }

  /** `build` without blocking: several builds can run against the daemon at once. */
  buildAsync(o: BuildOptions): Promise<BuildResult> {
    const { args, buildkit } = this.buildArgs(o);
    const cli = buildkit ? BUILDKIT_CLI : MODERN_CLI.find(existsSync)!;
    return new Promise((resolve, reject) => {
      const child = spawn(cli, args, { cwd: o.dir, env: this.env(buildkit), stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        const log = `${Buffer.concat(out).toString('utf8')}\n${Buffer.concat(err).toString('utf8')}`;
        resolve({ ok: code === 0, exitCode: code, log, steps: buildkit ? parseBuildkitSteps(log) : parseLegacySteps(log) });
      });
    });
  }

  private buildArgs(o: BuildOptions): { args: string[]; buildkit: boolean } {
    const buildkit = o.builder === 'buildkit';
    const args = ['build', '--network', 'none'];
    if (buildkit) args.push('--progress', 'plain');
    if (o.tag) args.push('-t', o.tag);
    if (o.file) args.push('-f', o.file);
    if (o.target) args.push('--target', o.target);
    if (o.noCache) args.push('--no-cache');
    for (const [k, v] of Object.entries(o.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
    args.push('.');
    return { args, buildkit };
  }

  /** Every layer of an image, as the files each layer tar holds (`docker save`). */
  layers(tag: string): TarFile[][] {
    const saved = readTar(this.mustDocker(['save', tag]));
    const manifest = saved.find((e) => e.path === 'manifest.json');
    if (!manifest) throw new Error(`docker save ${tag}: no manifest.json`);
    const layers = (JSON.parse(manifest.data.toString('utf8')) as { Layers: string[] }[])[0]!.Layers;
    return layers.map((l) => {
      const entry = saved.find((e) => e.path === l);
      if (!entry) throw new Error(`docker save ${tag}: no ${l}`);
      return readTar(entry.data);
    });
  }

  /** Whether any layer of the image holds these bytes (in a file's content). */
  imageHolds(tag: string, bytes: Buffer): boolean {
    return this.layers(tag).some((layer) => layer.some((f) => f.data.includes(bytes)));
  }

  /** Forget every earlier build: BuildKit's cache, and every image but the base (the legacy builder's cache). */
  clearCache(): void {
    this.mustDocker(['builder', 'prune', '-af']);
    const images = this.mustDocker(['images', '-a', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']).toString('utf8').trim().split('\n').filter(Boolean);
    const drop = images.filter((l) => !l.startsWith(`${BASE_IMAGE} `)).map((l) => l.split(' ')[1]!);
    if (drop.length > 0) this.docker(['rmi', '-f', ...new Set(drop)]);
    this.mustDocker(['image', 'prune', '-f']);
  }

  private killNow(): void {
    try {
      if (this.proc?.pid && this.proc.exitCode === null) process.kill(-this.proc.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }

  /** Stop dockerd by its PID (SIGTERM, then SIGKILL after 20 s) and remove the temp dir. */
  async stop(): Promise<void> {
    const p = this.proc;
    if (p && p.exitCode === null && p.signalCode === null) {
      const done = new Promise<void>((resolve) => p.once('exit', () => resolve()));
      try {
        process.kill(p.pid!, 'SIGTERM');
      } catch {
        /* gone */
      }
      const timer = setTimeout(() => this.killNow(), 20_000);
      await done;
      clearTimeout(timer);
      // containerd and shims run in dockerd's process group.
      try {
        process.kill(-p.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    spawnSync('umount', ['-R', '-l', join(this.dir, 'exec')], { stdio: 'ignore' });
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

// ---------------------------------------------------------------------------------------------
// Build output

/** Legacy builder: `Step N/M : TEXT`, then ` ---> Using cache` when the step came from the cache. */
export function parseLegacySteps(log: string): StepResult[] {
  const steps: StepResult[] = [];
  for (const line of log.split('\n')) {
    const m = /^Step (\d+)\/\d+ : (.*)$/.exec(line);
    if (m) steps.push({ index: Number(m[1]), stage: null, text: m[2]!, cached: false });
    else if (line.trim() === '---> Using cache' && steps.length > 0) steps[steps.length - 1]!.cached = true;
  }
  return steps;
}

/**
 * BuildKit plain progress: `#N [stage k/M] TEXT` names a vertex; `#N CACHED` marks it cached.
 * The same vertex can be named twice (a FROM shared by stages); each name is one step.
 */
export function parseBuildkitSteps(log: string): StepResult[] {
  const names = new Map<string, StepResult[]>();
  const cached = new Set<string>();
  for (const line of log.split('\n')) {
    const m = /^#(\d+) \[(?:(\S+) )?(\d+)\/\d+\] (.*)$/.exec(line);
    if (m) {
      const list = names.get(m[1]!) ?? [];
      const step: StepResult = { index: Number(m[3]), stage: m[2] ?? null, text: m[4]!, cached: false };
      if (!list.some((s) => s.stage === step.stage && s.index === step.index)) list.push(step);
      names.set(m[1]!, list);
    } else {
      const c = /^#(\d+) CACHED$/.exec(line);
      if (c) cached.add(c[1]!);
    }
  }
  const out: StepResult[] = [];
  for (const [id, list] of names) for (const s of list) out.push({ ...s, cached: cached.has(id) });
  return out;
}

// ---------------------------------------------------------------------------------------------
// A small tar reader with file data (docker save and its layers: ustar, PAX, GNU long names).

export interface TarFile {
  path: string;
  /** '0' file, '5' dir, '2' symlink, '1' hard link, ... */
  typeflag: string;
  mode: number;
  linkname: string;
  data: Buffer;
}

function octal(b: Buffer, off: number, len: number): number {
  if ((b[off]! & 0x80) !== 0) {
    let n = 0;
    for (let i = off + 1; i < off + len; i++) n = n * 256 + b[i]!;
    return n;
  }
  const s = b.toString('latin1', off, off + len).replace(/\0.*$/s, '').trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function cstr(b: Buffer, off: number, len: number): string {
  const end = b.indexOf(0, off);
  return b.toString('utf8', off, end < 0 || end > off + len ? off + len : end);
}

export function readTar(buf: Buffer): TarFile[] {
  const out: TarFile[] = [];
  let off = 0;
  let pax: Record<string, string> = {};
  let longName: string | null = null;
  let longLink: string | null = null;
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((x) => x === 0)) break;
    let size = octal(h, 124, 12);
    const typeflag = String.fromCharCode(h[156]!) || '0';
    const dataStart = off + 512;
    if (pax.size !== undefined) size = Number(pax.size);
    const data = buf.subarray(dataStart, dataStart + size);
    off = dataStart + Math.ceil(size / 512) * 512;
    if (typeflag === 'x') {
      pax = {};
      let p = 0;
      const text = data.toString('utf8');
      while (p < text.length) {
        const sp = text.indexOf(' ', p);
        const len = Number(text.slice(p, sp));
        const rec = text.slice(sp + 1, p + len - 1);
        const eq = rec.indexOf('=');
        pax[rec.slice(0, eq)] = rec.slice(eq + 1);
        p += len;
      }
      continue;
    }
    if (typeflag === 'g') continue;
    if (typeflag === 'L') {
      longName = cstr(data, 0, data.length);
      continue;
    }
    if (typeflag === 'K') {
      longLink = cstr(data, 0, data.length);
      continue;
    }
    const magic = h.toString('latin1', 257, 262);
    const prefix = magic === 'ustar' ? cstr(h, 345, 155) : '';
    let name = pax.path ?? longName ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
    name = name.replace(/^\.\//, '');
    out.push({ path: name, typeflag: typeflag === '\0' ? '0' : typeflag, mode: octal(h, 100, 8), linkname: pax.linkpath ?? longLink ?? cstr(h, 157, 100), data: Buffer.from(data) });
    pax = {};
    longName = null;
    longLink = null;
  }
  return out;
}
