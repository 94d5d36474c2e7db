// Benchmark: how fast is ctxcheck compared with `find` and with the docker CLI's own context send?
//
//   npm run bench                        # build; both trees and the start-up rows, measured
//   npm run bench -- --entries 800000    # scale the default tree
//   npm run bench -- --dir /tmp/big --keep   # choose where the default tree goes, and keep it
//   npm run bench -- --shape monorepo    # one tree only (default, monorepo), then start-up
//
// Options: --dir DIR, --entries N (default 80000), --seed S (default 1), --runs N (default 5),
// --warmup N (default 1), --keep, --timeout SECONDS (per command run), --shape all|default|monorepo,
// --startup-runs N (default 10).
//
// Trees (bench/generate.js): "default", ~80,000 entries in ~570 small packages, and "monorepo", the
// shape issue #17 names: 81,600 entries in 40 packages with nested node_modules and dist, a .git,
// logs, and a .dockerignore whose `!README.md` exception keeps the root README of `**/*.md`.
//
// Rows (each warmed up, then run --runs times round-robin; the median wall time is reported):
//   1. find . -type f -printf '%s\n'          the baseline: visit and stat every file
//   2. ctxcheck ls <dir>                       list what the builder would send
//   3. ctxcheck <dir> --format json            the full report (sizes, tar bytes, excluded counts)
//   4. docker build <dir>                      the real docker CLI (legacy builder) walking and
//                                              uploading the context to a stand-in engine
//   +  node -e 0                               reference only: bare node startup
// Then peak RSS (one run each, measured in-process by bench/max-rss.cjs) of the full report on the
// tree, and of the full report with nothing excluded (`--ignore-file` an empty file).
// Real trees (after the generated ones; --no-real skips them): 500–2,500-file contexts copied from
// real file trees on the machine (npm's package, this repository, Python's standard library), the
// full report against the docker CLI's send and against `node -e 0` (issue #17: ≤ 1.0× docker).
// Start-up (after the trees): `node -e 0`, `ctxcheck --version` and the full text report on a
// 10-file context, --startup-runs times round-robin; ratios against `node -e 0` (issue #17's
// targets: the report within 2x, --version within 1.3x).
// Output: a markdown table on stdout and bench/out/results.json. Only Node built-ins are used.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ENTRIES, DEFAULT_SEED, MARKER, generate } from './generate.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
const CLI = join(REPO, 'bin', 'ctxcheck.js');
const OUT_DIR = join(HERE, 'out');
// BENCH_DOCKER overrides the client path (e.g. a missing path, to exercise the skip).
const DOCKER = process.env.BENCH_DOCKER || '/usr/local/bin/docker';
const API_VERSION = '1.50';
/** Requests one `docker build` may make before the engine refuses to answer (it makes 2). */
const MAX_REQUESTS_PER_BUILD = 8;

// ---- arguments ---------------------------------------------------------------------------------
function parseArgs(argv) {
  const o = { dir: null, entries: DEFAULT_ENTRIES, seed: DEFAULT_SEED, runs: 5, warmup: 1, keep: false, timeout: null, shape: 'all', startupRuns: 10, real: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const num = (min) => {
      const n = Number(val());
      if (!Number.isInteger(n) || n < min) throw new Error(`${a} must be an integer >= ${min}`);
      return n;
    };
    if (a === '--dir') o.dir = resolve(val());
    else if (a === '--entries') o.entries = num(1000);
    else if (a === '--seed') o.seed = num(0);
    else if (a === '--runs') o.runs = num(1);
    else if (a === '--warmup') o.warmup = num(0);
    else if (a === '--timeout') o.timeout = num(1);
    else if (a === '--keep') o.keep = true;
    else if (a === '--no-real') o.real = false;
    else if (a === '--startup-runs') o.startupRuns = num(1);
    else if (a === '--shape') {
      o.shape = val();
      if (!['all', ...Object.keys(SHAPES)].includes(o.shape)) throw new Error(`--shape must be all, ${Object.keys(SHAPES).join(' or ')}`);
    }
    else if (a === '-h' || a === '--help') {
      console.log('usage: node bench/run.js [--dir DIR] [--entries N] [--seed S] [--runs N] [--warmup N] [--timeout S] [--keep] [--shape all|default|monorepo] [--startup-runs N] [--no-real]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (see --help)`);
  }
  return o;
}

/** The trees: what generate() is given, from the options. */
const SHAPES = {
  default: (o) => ({ entries: o.entries, packages: null, ignore: 'default' }),
  monorepo: () => ({ entries: 81_600, packages: 40, ignore: 'exception' }),
};

// ---- small helpers -------------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const fmtMs = (n) => n.toFixed(1);
const fmtRatio = (n) => (n === null ? '' : `${n.toFixed(2)}×`);

function loud(msg) {
  const bar = '!'.repeat(Math.min(100, msg.length + 8));
  console.log(`\n${bar}\n!!! ${msg} !!!\n${bar}\n`);
}

function countTree(root) {
  // Iterative, for a reused tree whose generation stats we do not have.
  let files = 0;
  let dirs = 0;
  const stack = [root];
  while (stack.length) {
    const d = stack.pop();
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        dirs++;
        stack.push(join(d, e.name));
      } else files++;
    }
  }
  return { files, dirs, entries: files + dirs };
}

/**
 * Spawn and time one command: wall time from spawn to process exit. stdout goes to /dev/null
 * (or is captured when `capture`), stderr is kept (bounded) for error messages.
 */
function timeCommand(cmd, args, { cwd, env, timeoutMs, capture = false }) {
  return new Promise((resolvePromise) => {
    const devnull = capture ? null : openSync('/dev/null', 'w');
    let stderr = '';
    let stdout = '';
    let timedOut = false;
    let settled = false;
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', capture ? 'pipe' : devnull, 'pipe'], shell: false });
    current = child;
    if (capture) {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (s) => (stdout += s));
    }
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s) => {
      if (stderr.length < 16_384) stderr += s;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    let exit = null;
    const finish = (r) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (devnull !== null) closeSync(devnull);
      if (current === child) current = null;
      resolvePromise({ ...r, stdout, stderr, timedOut });
    };
    child.on('error', (e) => finish({ ms: NaN, code: null, signal: null, spawnError: e.message }));
    child.on('exit', (code, signal) => {
      // The clock stops at exit; 'close' (all stdio drained) only releases the promise.
      exit = { ms: Number(process.hrtime.bigint() - t0) / 1e6, code, signal };
    });
    child.on('close', () => finish(exit ?? { ms: NaN, code: null, signal: null }));
  });
}

let current = null; // the child being timed, for SIGINT cleanup

// ---- stand-in docker engine ------------------------------------------------------------------------
function startEngine(sock) {
  const state = { builds: [], unexpected: [], requestsThisBuild: 0, totalRequests: 0 };
  const server = createServer((req, res) => {
    state.totalRequests++;
    state.requestsThisBuild++;
    const url = new URL(req.url ?? '/', 'http://engine');
    const headers = { 'Api-Version': API_VERSION, Ostype: 'linux', 'Docker-Experimental': 'false', Server: 'ctxcheck-bench/stand-in' };
    if (state.requestsThisBuild > MAX_REQUESTS_PER_BUILD) {
      // Bounded: a client that keeps asking gets refused and its connection closed.
      state.unexpected.push(`too many requests (${req.method} ${req.url})`);
      res.writeHead(500, { ...headers, Connection: 'close', 'Content-Type': 'application/json' });
      res.end('{"message":"stand-in engine: request limit reached"}\n');
      req.resume();
      return;
    }
    let bytes = 0;
    req.on('data', (c) => (bytes += c.length));
    req.on('error', (e) => state.unexpected.push(`request error ${req.method} ${req.url}: ${e.message}`));
    req.on('end', () => {
      if (url.pathname === '/_ping' && (req.method === 'HEAD' || req.method === 'GET')) {
        res.writeHead(200, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache, no-store, must-revalidate' });
        res.end(req.method === 'GET' ? 'OK' : undefined);
        return;
      }
      if (req.method === 'POST' && /^\/v[\d.]+\/build$/.test(url.pathname)) {
        state.builds.push(bytes);
        res.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
        res.end('{"stream":"done\\n"}\r\n');
        return;
      }
      state.unexpected.push(`${req.method} ${req.url}`);
      res.writeHead(404, { ...headers, 'Content-Type': 'application/json' });
      res.end(`{"message":"stand-in engine: no handler for ${req.method} ${url.pathname}"}\n`);
    });
  });
  server.on('clientError', (err, socket) => {
    state.unexpected.push(`clientError: ${err.message}`);
    socket.destroy();
  });
  return new Promise((res, rej) => {
    server.once('error', rej);
    server.listen(sock, () => {
      server.off('error', rej);
      res({ server, state });
    });
  });
}

function closeServer(server) {
  return new Promise((res) => {
    server.close(() => res());
    server.closeAllConnections();
  });
}

// ---- main ----------------------------------------------------------------------------------------
async function benchTree(o, shape) {
  const spec = SHAPES[shape](o);
  // --dir is the default tree's (or the one shape's, with --shape); any other tree goes to a temp dir.
  const opts = { ...o, entries: spec.entries, dir: shape === 'default' || o.shape === shape ? o.dir : null };
  // Generous default: 2 minutes per 80,000 entries, at least 2 minutes.
  opts.timeoutMs = (opts.timeout ?? Math.max(120, Math.ceil((120 * opts.entries) / 80_000))) * 1000;
  console.log(`\n==== tree "${shape}" ====`);

  const cleanups = []; // run in reverse order, also on SIGINT
  const cleanup = () => {
    while (cleanups.length) {
      try {
        cleanups.pop()();
      } catch (e) {
        console.error(`cleanup: ${e.message}`);
      }
    }
  };
  const onSigint = () => {
    console.error('\ninterrupted: cleaning up');
    if (current) current.kill('SIGKILL');
    cleanup();
    process.exit(130);
  };
  // This tree's handler only while it is measured: the next tree has its own cleanups.
  process.once('SIGINT', onSigint);

  let engine = null;
  try {
    // -- the tree --
    let dir = opts.dir;
    let createdDir = false;
    let gen = null;
    if (dir === null) {
      dir = mkdtempSync(join(tmpdir(), 'ctxcheck-bench-'));
      createdDir = true;
    }
    let reused = false;
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      let marker = null;
      try {
        marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf8'));
      } catch {
        /* not ours */
      }
      if (!marker || marker.entries !== opts.entries || marker.seed !== opts.seed || (marker.ignore ?? 'default') !== spec.ignore || (spec.packages !== null && marker.packages !== spec.packages)) {
        throw new Error(`--dir ${dir} is not empty and is not a bench tree with --entries ${opts.entries} --seed ${opts.seed}; refusing to touch it`);
      }
      reused = true;
    } else if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true });
      createdDir = true;
    }
    // Remove the tree at the end (or on Ctrl-C) unless --keep. A pre-existing --dir is emptied,
    // never removed; a foreign non-empty dir was refused above.
    cleanups.push(() => {
      if (opts.keep) {
        console.log(`kept the tree: ${dir}`);
        return;
      }
      if (createdDir) rmSync(dir, { recursive: true, force: true });
      else for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
    });

    let genMs = 0;
    if (reused) {
      console.log(`reusing the bench tree in ${dir} (--entries ${opts.entries} --seed ${opts.seed})`);
    } else {
      console.log(`generating ~${opts.entries} entries (seed ${opts.seed}) in ${dir} ...`);
      const t0 = performance.now();
      gen = generate({ dir, entries: opts.entries, seed: opts.seed, packages: spec.packages, ignore: spec.ignore });
      genMs = performance.now() - t0;
      console.log(`  done in ${(genMs / 1000).toFixed(1)} s`);
    }
    const counts = gen ?? countTree(dir);

    // -- system info --
    const dockerPresent = existsSync(DOCKER);
    const dockerVersion = dockerPresent ? spawnSync(DOCKER, ['--version'], { encoding: 'utf8' }).stdout.trim() : null;
    const findVersion = spawnSync('find', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
    const cpuList = cpus();
    const sys = {
      node: process.version,
      docker: dockerVersion,
      find: findVersion,
      cpus: cpuList.length,
      availableParallelism: availableParallelism(),
      cpuModel: cpuList[0]?.model ?? 'unknown',
      platform: `${process.platform} ${process.arch}`,
      loadavgBefore: loadavg().map((x) => round(x, 2)),
    };
    console.log(`\nnode ${sys.node} | ${sys.docker ?? 'docker: not found'} | ${sys.find} | ${sys.cpus} CPUs (${sys.cpuModel}), availableParallelism ${sys.availableParallelism}, load average ${sys.loadavgBefore.join(' ')}`);

    // -- the tree as ctxcheck sees it (also warms the page cache) --
    const env = { ...process.env };
    const rep = await timeCommand(process.execPath, [CLI, dir, '--format', 'json'], { cwd: REPO, env, timeoutMs: opts.timeoutMs, capture: true });
    if (rep.code !== 0) throw new Error(`ctxcheck report failed (exit ${rep.code}): ${rep.stderr.trim()}`);
    const summary = JSON.parse(rep.stdout).summary;
    const totalFiles = summary.files + summary.excludedFiles;
    const excludedShare = summary.excludedFiles / totalFiles;
    console.log(`\ntree: ${counts.entries} entries (${counts.files} files, ${counts.dirs} dirs)`);
    console.log(
      `ctxcheck: ${summary.files} files sent, ${summary.excludedFiles} excluded → ${(100 * excludedShare).toFixed(1)} % of files excluded by .dockerignore` +
        `; sent ${summary.bytes} bytes, legacy tar ${summary.tarBytes} bytes`,
    );
    if (gen && (gen.excludedFiles !== summary.excludedFiles || gen.sentFiles !== summary.files)) {
      loud(`ctxcheck disagrees with the generator: generator says ${gen.sentFiles} sent / ${gen.excludedFiles} excluded files`);
    }

    // -- stand-in engine --
    const engineDir = mkdtempSync(join(tmpdir().length <= 60 ? tmpdir() : '/tmp', 'ctxcheck-engine-'));
    cleanups.push(() => rmSync(engineDir, { recursive: true, force: true }));
    const sock = join(engineDir, 'docker.sock');
    const dockerConfig = join(engineDir, 'config');
    mkdirSync(dockerConfig);

    // -- the rows --
    const rows = [
      { key: 'find', label: "find . -type f -printf '%s\\n'", cmd: 'find', args: ['.', '-type', 'f', '-printf', '%s\n'], cwd: dir, env },
      { key: 'ls', label: 'ctxcheck ls <dir>', cmd: process.execPath, args: [CLI, 'ls', dir], cwd: REPO, env },
      { key: 'report', label: 'ctxcheck <dir> --format json', cmd: process.execPath, args: [CLI, dir, '--format', 'json'], cwd: REPO, env },
    ];
    if (dockerPresent) {
      engine = await startEngine(sock);
      const server = engine.server;
      cleanups.push(() => {
        if (!server.listening) return;
        server.closeAllConnections();
        server.close();
      });
      const denv = { ...process.env };
      for (const k of ['DOCKER_CONTEXT', 'DOCKER_TLS', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_API_VERSION', 'DOCKER_DEFAULT_PLATFORM', 'BUILDX_BUILDER']) {
        delete denv[k];
      }
      Object.assign(denv, { DOCKER_HOST: `unix://${sock}`, DOCKER_BUILDKIT: '0', DOCKER_CONFIG: dockerConfig, DOCKER_CLI_HINTS: 'false' });
      rows.push({ key: 'docker', label: 'docker build <dir> (legacy, stand-in engine)', cmd: DOCKER, args: ['build', dir], cwd: REPO, env: denv, docker: true });
    } else {
      loud(`docker CLI not found: skipping (looked for ${DOCKER})`);
    }
    rows.push({ key: 'node', label: 'node -e 0 (reference: bare startup)', cmd: process.execPath, args: ['-e', '0'], cwd: REPO, env, reference: true });

    const runOnce = async (row) => {
      if (row.docker) engine.state.requestsThisBuild = 0;
      const before = row.docker ? engine.state.builds.length : 0;
      const r = await timeCommand(row.cmd, row.args, { cwd: row.cwd, env: row.env, timeoutMs: opts.timeoutMs });
      if (r.timedOut) throw new Error(`${row.label}: killed after ${opts.timeoutMs} ms`);
      if (r.spawnError) throw new Error(`${row.label}: ${r.spawnError}`);
      if (r.code !== 0) throw new Error(`${row.label}: exit ${r.code ?? r.signal}: ${r.stderr.trim().slice(0, 2000)}`);
      if (row.docker) {
        if (engine.state.builds.length !== before + 1) {
          throw new Error(`docker build exited 0 but uploaded no context; engine saw: ${engine.state.unexpected.join('; ') || 'nothing unexpected'}`);
        }
        row.uploadBytes = engine.state.builds[engine.state.builds.length - 1];
      }
      return r.ms;
    };

    console.log(`\nmeasuring: ${opts.warmup} warm-up + ${opts.runs} timed runs per command, round-robin ...`);
    for (const row of rows) {
      row.samples = [];
      for (let i = 0; i < opts.warmup; i++) await runOnce(row);
    }
    for (let i = 0; i < opts.runs; i++) {
      for (const row of rows) row.samples.push(await runOnce(row));
    }
    if (engine) {
      const { server } = engine;
      await closeServer(server);
      engine.closed = true;
      if (engine.state.unexpected.length) loud(`stand-in engine saw unexpected requests: ${engine.state.unexpected.slice(0, 10).join('; ')}`);
    }

    sys.loadavgAfter = loadavg().map((x) => round(x, 2));
    if (sys.loadavgAfter[0] > sys.cpus) console.log(`note: load average ${sys.loadavgAfter.join(' ')} on ${sys.cpus} CPUs: other work was running, timings are noisy`);

    // -- results --
    const med = Object.fromEntries(rows.map((r) => [r.key, median(r.samples)]));
    const results = rows.map((r) => ({
      key: r.key,
      command: r.label,
      reference: r.reference === true,
      medianMs: round(med[r.key], 2),
      minMs: round(Math.min(...r.samples), 2),
      maxMs: round(Math.max(...r.samples), 2),
      samplesMs: r.samples.map((s) => round(s, 2)),
      ratioVsFind: round(med[r.key] / med.find, 3),
      ratioVsDocker: r.key === 'report' && med.docker !== undefined ? round(med.report / med.docker, 3) : null,
      ...(r.uploadBytes !== undefined ? { uploadBytes: r.uploadBytes } : {}),
    }));

    const lines = [
      `| command | median ms | min–max ms | × find | × docker CLI |`,
      `|---|---:|---:|---:|---:|`,
      ...results.map((r) => `| \`${r.command}\` | ${fmtMs(r.medianMs)} | ${fmtMs(r.minMs)}–${fmtMs(r.maxMs)} | ${fmtRatio(r.ratioVsFind)} | ${fmtRatio(r.ratioVsDocker)} |`),
    ];
    const table = lines.join('\n');
    console.log(`\n${counts.entries} entries, ${(100 * excludedShare).toFixed(1)} % of files excluded; median of ${opts.runs} runs after ${opts.warmup} warm-up\n`);
    console.log(table);

    // Issue #17's targets on the 80k-entry trees: ls within half of find, the report within 0.8x
    // of the docker CLI's context send.
    const LS_TARGET = 0.5;
    const REPORT_TARGET = 0.8;
    const targets = {
      lsVsFind: { target: LS_TARGET, ratio: round(med.ls / med.find, 3), pass: med.ls <= LS_TARGET * med.find },
      reportVsDocker: med.docker === undefined ? null : { target: REPORT_TARGET, ratio: round(med.report / med.docker, 3), pass: med.report <= REPORT_TARGET * med.docker },
    };
    console.log(`target ctxcheck ls ≤ ${LS_TARGET}× find:         ${targets.lsVsFind.ratio.toFixed(2)}× → ${targets.lsVsFind.pass ? 'PASS' : 'FAIL'}`);
    if (targets.reportVsDocker) {
      console.log(`target full report ≤ ${REPORT_TARGET}× docker CLI:   ${targets.reportVsDocker.ratio.toFixed(2)}× → ${targets.reportVsDocker.pass ? 'PASS' : 'FAIL'}`);
    } else console.log(`target full report ≤ ${REPORT_TARGET}× docker CLI:   not measured (docker CLI not found)`);
    const docker = rows.find((r) => r.docker);
    if (docker && docker.uploadBytes !== summary.tarBytes) {
      console.log(`note: docker uploaded ${docker.uploadBytes} tar bytes, ctxcheck predicted ${summary.tarBytes}`);
    } else if (docker) console.log(`check: docker uploaded ${docker.uploadBytes} tar bytes = ctxcheck's tarBytes`);

    // -- memory: peak RSS of one report run on the tree, and of one with nothing excluded --
    const peakOf = async (extra) => {
      const r = await timeCommand(process.execPath, ['--require', join(HERE, 'max-rss.cjs'), CLI, dir, '--format', 'json', ...extra], { cwd: REPO, env, timeoutMs: opts.timeoutMs });
      if (r.code !== 0) throw new Error(`ctxcheck report failed (exit ${r.code}): ${r.stderr.trim().slice(0, 2000)}`);
      const kb = /CTXCHECK_BENCH_MAXRSS_KB=(\d+)/.exec(r.stderr);
      if (!kb) throw new Error('the measured run reported no peak RSS');
      return { peakMB: round(Number(kb[1]) / 1024, 1), ms: round(r.ms, 0) };
    };
    const emptyIgnore = join(engineDir, 'empty.dockerignore');
    writeFileSync(emptyIgnore, '');
    await peakOf(['--ignore-file', emptyIgnore]); // warm-up: the files the ignore file kept out were never read
    const memory = { report: await peakOf([]), nothingExcluded: await peakOf(['--ignore-file', emptyIgnore]) };
    console.log(`\npeak RSS, full report: ${memory.report.peakMB} MB; with nothing excluded (--ignore-file empty): ${memory.nothingExcluded.peakMB} MB in ${fmtMs(memory.nothingExcluded.ms)} ms`);

    return {
      shape,
      date: new Date().toISOString(),
      system: sys,
      tree: {
        shape,
        packages: spec.packages,
        ignore: spec.ignore,
        dir,
        kept: opts.keep,
        reused,
        seed: opts.seed,
        targetEntries: opts.entries,
        entries: counts.entries,
        files: counts.files,
        dirs: counts.dirs,
        generateMs: reused ? null : round(genMs, 0),
        sentFiles: summary.files,
        excludedFiles: summary.excludedFiles,
        excludedShare: round(excludedShare, 4),
        sentBytes: summary.bytes,
        tarBytes: summary.tarBytes,
      },
      runs: opts.runs,
      warmup: opts.warmup,
      results,
      targets,
      memory,
      markdown: table,
    };
  } finally {
    if (engine && !engine.closed) await closeServer(engine.server);
    cleanup();
    process.off('SIGINT', onSigint);
  }
}

// ---- real trees: 500–2,500-file contexts made of real file trees on this machine ----------------------
/**
 * Issue #17 also names real repository contexts of 500–2,500 files, where start-up dominates. With no
 * network, the bench takes real trees every machine with this repository has: npm's own package
 * directory (next to the node binary), this repository (its tracked files and dist/), and the
 * larger packages of Python's standard library when python3 is there. Each is copied to a temp dir
 * (a Dockerfile `COPY . /app` and a .dockerignore of node_modules, .git and *.log added when it has
 * none); kept when it has 500 to 2,500 files.
 */
function realTrees() {
  const out = [];
  const npm = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm');
  if (existsSync(join(npm, 'package.json'))) out.push({ name: 'npm (its installed package)', src: npm, files: null });
  const tracked = spawnSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' });
  if (tracked.status === 0) {
    const dist = readdirSync(join(REPO, 'dist'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(relative(REPO, e.parentPath ?? e.path), e.name));
    out.push({ name: 'ctxcheck (tracked files and dist/)', src: REPO, files: [...tracked.stdout.split('\0').filter(Boolean), ...dist] });
  }
  const py = spawnSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' });
  if (py.status === 0) {
    const stdlib = py.stdout.trim();
    for (const pkg of ['idlelib', 'encodings', 'email', 'asyncio', 'distutils', 'lib2to3']) {
      if (existsSync(join(stdlib, pkg))) out.push({ name: `python ${pkg} (standard library)`, src: join(stdlib, pkg), files: null });
    }
  }
  return out;
}

async function benchReal(opts) {
  console.log('\n==== real trees (500–2,500 files) ====');
  const root = mkdtempSync(join(tmpdir(), 'ctxcheck-real-'));
  const engineDir = mkdtempSync(join(tmpdir().length <= 60 ? tmpdir() : '/tmp', 'ctxcheck-engine-'));
  let engine = null;
  try {
    const trees = [];
    for (const t of realTrees()) {
      if (trees.length >= 4) break;
      const dir = join(root, `t${trees.length}`);
      if (t.files) {
        for (const f of t.files) {
          mkdirSync(dirname(join(dir, f)), { recursive: true });
          cpSync(join(t.src, f), join(dir, f), { verbatimSymlinks: true });
        }
      }
      else cpSync(t.src, dir, { recursive: true, verbatimSymlinks: true });
      if (!existsSync(join(dir, 'Dockerfile'))) writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20\nCOPY . /app\n');
      if (!existsSync(join(dir, '.dockerignore'))) writeFileSync(join(dir, '.dockerignore'), 'node_modules\n.git\n*.log\n');
      const n = countTree(dir).files;
      if (n < 500 || n > 2500) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      trees.push({ ...t, dir, files: n });
    }
    if (!existsSync(DOCKER) || trees.length === 0) {
      loud(existsSync(DOCKER) ? 'no real tree of 500–2,500 files found: skipping' : `docker CLI not found: skipping the real trees (looked for ${DOCKER})`);
      return null;
    }
    const sock = join(engineDir, 'docker.sock');
    const dockerConfig = join(engineDir, 'config');
    mkdirSync(dockerConfig);
    engine = await startEngine(sock);
    const denv = { ...process.env, DOCKER_HOST: `unix://${sock}`, DOCKER_BUILDKIT: '0', DOCKER_CONFIG: dockerConfig, DOCKER_CLI_HINTS: 'false' };
    for (const k of ['DOCKER_CONTEXT', 'DOCKER_TLS', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_API_VERSION', 'DOCKER_DEFAULT_PLATFORM', 'BUILDX_BUILDER']) delete denv[k];
    const env = { ...process.env };
    const timeoutMs = 60_000;
    const once = async (cmd, args, e, docker) => {
      if (docker) engine.state.requestsThisBuild = 0;
      const r = await timeCommand(cmd, args, { cwd: REPO, env: e, timeoutMs });
      // The report exits 1 when it finds something to fail on (these trees are not ours to fix).
      if (r.code !== 0 && !(r.code === 1 && !docker)) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.code ?? r.signal}: ${r.stderr.trim().slice(0, 2000)}`);
      return r.ms;
    };
    const results = [];
    for (const t of trees) {
      const rows = [
        { key: 'report', cmd: process.execPath, args: [CLI, t.dir, '--format', 'json'], env },
        { key: 'docker', cmd: DOCKER, args: ['build', t.dir], env: denv, docker: true },
        { key: 'node', cmd: process.execPath, args: ['-e', '0'], env },
      ];
      for (const row of rows) {
        row.samples = [];
        for (let i = 0; i < opts.warmup; i++) await once(row.cmd, row.args, row.env, row.docker);
      }
      for (let i = 0; i < opts.runs; i++) for (const row of rows) row.samples.push(await once(row.cmd, row.args, row.env, row.docker));
      const med = Object.fromEntries(rows.map((r) => [r.key, median(r.samples)]));
      results.push({ tree: t.name, files: t.files, reportMs: round(med.report, 2), dockerMs: round(med.docker, 2), nodeMs: round(med.node, 2), reportVsDocker: round(med.report / med.docker, 3), nodeVsDocker: round(med.node / med.docker, 3) });
    }
    const table = [
      '| tree | files | full report | docker CLI send | `node -e 0` | report × docker | `node -e 0` × docker |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...results.map((r) => `| ${r.tree} | ${r.files} | ${fmtMs(r.reportMs)} | ${fmtMs(r.dockerMs)} | ${fmtMs(r.nodeMs)} | ${fmtRatio(r.reportVsDocker)} | ${fmtRatio(r.nodeVsDocker)} |`),
    ].join('\n');
    console.log(`\nmedian of ${opts.runs} runs after ${opts.warmup} warm-up, round-robin per tree\n\n${table}\n`);
    for (const r of results) {
      console.log(`target full report ≤ 1.0× docker CLI on ${r.tree}: ${r.reportVsDocker.toFixed(2)}× → ${r.reportVsDocker <= 1 ? 'PASS' : 'FAIL'}${r.nodeVsDocker > 1 ? ` (node -e 0 alone: ${r.nodeVsDocker.toFixed(2)}×)` : ''}`);
    }
    return { runs: opts.runs, warmup: opts.warmup, results, markdown: table };
  } finally {
    if (engine) await closeServer(engine.server);
    rmSync(engineDir, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
}

// ---- start-up: a full report on a 10-file context against bare node --------------------------------
async function benchStartup(opts) {
  const ctx = mkdtempSync(join(tmpdir(), 'ctxcheck-startup-'));
  try {
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM node:20\nCOPY . /app\n');
    writeFileSync(join(ctx, '.dockerignore'), 'node_modules\n*.log\n');
    for (let i = 1; i <= 8; i++) writeFileSync(join(ctx, `f${i}.js`), `console.log(${i});\n`);
    const env = { ...process.env };
    const timeoutMs = 60_000;
    const rows = [
      { key: 'node', label: 'node -e 0', args: ['-e', '0'] },
      { key: 'version', label: 'ctxcheck --version', args: [CLI, '--version'] },
      { key: 'report', label: 'ctxcheck <10-file context> (full text report)', args: [CLI, ctx] },
    ];
    const once = async (row) => {
      const r = await timeCommand(process.execPath, row.args, { cwd: REPO, env, timeoutMs });
      if (r.code !== 0) throw new Error(`${row.label}: exit ${r.code ?? r.signal}: ${r.stderr.trim().slice(0, 2000)}`);
      return r.ms;
    };
    console.log(`\n==== start-up ====\nmeasuring: ${opts.warmup} warm-up + ${opts.startupRuns} timed runs per command, round-robin ...`);
    for (const row of rows) {
      row.samples = [];
      for (let i = 0; i < opts.warmup; i++) await once(row);
    }
    for (let i = 0; i < opts.startupRuns; i++) for (const row of rows) row.samples.push(await once(row));
    const node = median(rows[0].samples);
    const results = rows.map((r) => ({
      key: r.key,
      command: r.label,
      medianMs: round(median(r.samples), 2),
      minMs: round(Math.min(...r.samples), 2),
      maxMs: round(Math.max(...r.samples), 2),
      samplesMs: r.samples.map((x) => round(x, 2)),
      ratioVsNode: round(median(r.samples) / node, 3),
    }));
    const table = [
      '| command | median ms | min–max ms | × node -e 0 |',
      '|---|---:|---:|---:|',
      ...results.map((r) => `| \`${r.command}\` | ${fmtMs(r.medianMs)} | ${fmtMs(r.minMs)}–${fmtMs(r.maxMs)} | ${fmtRatio(r.ratioVsNode)} |`),
    ].join('\n');
    console.log(`\nmedian of ${opts.startupRuns} runs after ${opts.warmup} warm-up\n\n${table}\n`);
    const byKey = Object.fromEntries(results.map((r) => [r.key, r]));
    const targets = {
      reportVsNode: { target: 2.0, ratio: byKey.report.ratioVsNode, pass: byKey.report.ratioVsNode <= 2.0 },
      versionVsNode: { target: 1.3, ratio: byKey.version.ratioVsNode, pass: byKey.version.ratioVsNode <= 1.3 },
    };
    console.log(`target full report (10 files) ≤ 2.0× node -e 0: ${targets.reportVsNode.ratio.toFixed(2)}× → ${targets.reportVsNode.pass ? 'PASS' : 'FAIL'}`);
    console.log(`target ctxcheck --version ≤ 1.3× node -e 0:     ${targets.versionVsNode.ratio.toFixed(2)}× → ${targets.versionVsNode.pass ? 'PASS' : 'FAIL'}`);
    return { contextFiles: 10, runs: opts.startupRuns, warmup: opts.warmup, results, targets, markdown: table };
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(REPO, 'dist', 'cli', 'main.js'))) throw new Error('dist/cli/main.js missing: run `npm run build` (npm run bench does it)');
  const trees = [];
  for (const shape of opts.shape === 'all' ? Object.keys(SHAPES) : [opts.shape]) trees.push(await benchTree(opts, shape));
  const real = opts.real ? await benchReal(opts) : null;
  const startup = await benchStartup(opts);
  const loadavgEnd = loadavg().map((x) => round(x, 2));
  console.log(`\nload average at the end: ${loadavgEnd.join(' ')}`);
  mkdirSync(OUT_DIR, { recursive: true });
  // The first tree's fields stay at the top level, as before there were several trees.
  const json = { ...trees[0], date: new Date().toISOString(), loadavgEnd, trees, real, startup };
  writeFileSync(join(OUT_DIR, 'results.json'), JSON.stringify(json, null, 2) + '\n');
  console.log(`wrote ${join(OUT_DIR, 'results.json')}`);
}

main().catch((err) => {
  console.error(`bench: ${err.message}`);
  process.exitCode = 1;
});
