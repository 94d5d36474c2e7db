// Differential fuzzing: build a generated case on disk, ask the real docker CLI (legacy builder,
// via the stand-in engine) what it sends, ask ctxcheck the same question, and compare. On a
// disagreement, shrink the case (ignore lines, tree entries, characters) while the same kind of
// disagreement persists, and format a minimal reproduction.
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, IgnoreFileError, InputError, listContext } from '../../src/index.js';
import { setup } from '../../src/pipeline/setup.js';
import { walkFor } from '../../src/pipeline/walk.js';
import { compareBytes } from '../../src/paths.js';
import { captureLegacyContext, type TarEntry } from '../helpers/docker-engine.js';
import { DOCKERFILE, genCase, renderIgnore, type FuzzCase, type GenOptions, type TreeEntry, type TreeSpec } from './generate.js';

// ---------------------------------------------------------------------------
// Writing a case to disk
// ---------------------------------------------------------------------------

const parentOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};

let mkfifoWorks: boolean | null = null;

/** Write the tree, the root Dockerfile and the .dockerignore (unless null) under `root`. */
export function materialize(c: Pick<FuzzCase, 'tree' | 'ignore'>, root: string): void {
  writeFileSync(join(root, 'Dockerfile'), DOCKERFILE);
  if (c.ignore !== null) writeFileSync(join(root, '.dockerignore'), renderIgnore(c.ignore), 'utf8');
  const mk = (rel: string): void => {
    if (rel !== '') mkdirSync(join(root, rel), { recursive: true });
  };
  for (const e of c.tree.entries) {
    if (e.kind === 'dir') mk(e.path);
    else mk(parentOf(e.path));
  }
  const files = new Set<string>();
  for (const e of c.tree.entries) {
    if (e.kind === 'file') {
      writeFileSync(join(root, e.path), Buffer.alloc(e.size, 0x78));
      files.add(e.path);
    }
  }
  for (const e of c.tree.entries) {
    if (e.kind === 'hardlink' && files.has(e.target)) linkSync(join(root, e.target), join(root, e.path));
    if (e.kind === 'fifo' && mkfifoWorks !== false) {
      try {
        execFileSync('mkfifo', ['--', join(root, e.path)], { stdio: 'ignore', timeout: 5000 });
        mkfifoWorks = true;
      } catch {
        mkfifoWorks = false;
      }
    }
  }
  for (const e of c.tree.entries) {
    if (e.kind === 'symlink') symlinkSync(e.target, join(root, e.path));
  }
}

// ---------------------------------------------------------------------------
// One comparison
// ---------------------------------------------------------------------------

export type Side =
  | { ok: true; files: string[]; dirs: string[]; tarBytes: number; warnings?: string }
  | { ok: false; error: string; crash?: boolean; hang?: boolean };

export type DisagreementKind =
  | 'files' // both accepted, different file lists
  | 'dirs' // same files, different directory entries in the tar
  | 'tar-bytes' // same entries, different tar length
  | 'docker-rejects' // Docker refused the ignore file, ctxcheck listed a context
  | 'ctxcheck-rejects' // ctxcheck refused, Docker built
  | 'ctxcheck-crash' // ctxcheck threw something other than IgnoreFileError / InputError
  | 'ctxcheck-hang'; // ctxcheck's promise did not settle within CTXCHECK_TIMEOUT_MS

export type Outcome =
  | { kind: 'agree'; docker: Side; ctx: Side }
  | { kind: DisagreementKind; docker: Side; ctx: Side }
  | { kind: 'infra'; detail: string };

const CAPTURE_TIMEOUT_MS = 20_000;
/** ctxcheck needs milliseconds on these trees; a pending promise after this long is a hang. */
const CTXCHECK_TIMEOUT_MS = 30_000;
/** Backstop for the capture helper itself (its CLI timeout should fire long before). */
const CAPTURE_GUARD_MS = 60_000;

/** Race `p` against a timer; the loser is left pending (nothing here can cancel it). */
function within<T>(p: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

function isInfraFailure(stderr: string, exitCode: number | null): boolean {
  return (
    exitCode === null ||
    stderr.includes('[captureLegacyContext]') ||
    stderr.includes('[stand-in engine]') ||
    stderr.includes('docker CLI not found') ||
    /Cannot connect to the Docker daemon|connection refused|no such file or directory.*docker\.sock/i.test(stderr)
  );
}

async function dockerSide(dir: string): Promise<Side | { infra: string }> {
  let last = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const cap = await within(captureLegacyContext(dir, { timeoutMs: CAPTURE_TIMEOUT_MS }), CAPTURE_GUARD_MS, () => ({
      ok: false as const,
      exitCode: null,
      stderr: `[captureLegacyContext] did not settle within ${CAPTURE_GUARD_MS} ms`,
      requests: [],
    }));
    if (cap.ok) {
      const files = cap.entries.filter((e: TarEntry) => e.type !== 'dir').map((e) => e.name).sort(compareBytes);
      const dirs = cap.entries
        .filter((e: TarEntry) => e.type === 'dir')
        .map((e) => e.name.replace(/\/$/, ''))
        .sort(compareBytes);
      // e.g. `level=error msg="Error matching b/c: syntax error in pattern"`: the tar walk
      // stopped early but the CLI still sent what it had and exited 0.
      const warnings = cap.stderr
        .split('\n')
        .filter((l) => /level=(error|warning)/.test(l))
        .join('\n');
      return { ok: true, files, dirs, tarBytes: cap.tar.length, ...(warnings ? { warnings } : {}) };
    }
    if (!isInfraFailure(cap.stderr, cap.exitCode)) {
      // Drop the CLI's legacy-builder deprecation banner; keep the actual error.
      const error = cap.stderr.replace(/^DEPRECATED:[\s\S]*?environment-variable\.\s*/m, '').trim();
      return { ok: false, error };
    }
    last = `exit ${cap.exitCode}: ${cap.stderr.trim().slice(0, 2000)}`;
  }
  return { infra: last };
}

function ctxcheckSide(dir: string): Promise<Side> {
  return within(ctxcheckSideUnguarded(dir), CTXCHECK_TIMEOUT_MS, () => ({
    ok: false,
    error: `ctxcheck (listContext/walkFor/analyze) did not settle within ${CTXCHECK_TIMEOUT_MS} ms`,
    crash: true,
    hang: true,
  }));
}

async function ctxcheckSideUnguarded(dir: string): Promise<Side> {
  const opts = { context: dir, builder: 'legacy' as const, cwd: dir };
  try {
    const files = await listContext(opts);
    const walk = walkFor(setup(opts), { stat: false });
    const dirs = walk.entries
      .toArray()
      .filter((e) => e.type === 'dir' && !e.implicit)
      .map((e) => e.path)
      .sort(compareBytes);
    const report = await analyze(opts);
    return { ok: true, files, dirs, tarBytes: report.summary.tarBytes };
  } catch (err) {
    const expected = err instanceof IgnoreFileError || err instanceof InputError;
    const e = err as Error;
    const text = `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`;
    return expected ? { ok: false, error: text } : { ok: false, error: `${text}\n${e?.stack ?? ''}`, crash: true };
  }
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export function classify(docker: Side, ctx: Side): DisagreementKind | 'agree' {
  if (!ctx.ok && ctx.hang) return 'ctxcheck-hang';
  if (!ctx.ok && ctx.crash) return 'ctxcheck-crash';
  if (!docker.ok) return ctx.ok ? 'docker-rejects' : 'agree';
  if (!ctx.ok) return 'ctxcheck-rejects';
  if (!sameList(docker.files, ctx.files)) return 'files';
  if (!sameList(docker.dirs, ctx.dirs)) return 'dirs';
  if (docker.tarBytes !== ctx.tarBytes) return 'tar-bytes';
  return 'agree';
}

/** Write the case to a fresh temp dir, compare both sides, remove the dir. */
export async function checkCase(c: Pick<FuzzCase, 'tree' | 'ignore'>): Promise<Outcome> {
  const root = mkdtempSync(join(tmpdir(), 'ctxfuzz-'));
  try {
    try {
      materialize(c, root);
    } catch (err) {
      return { kind: 'infra', detail: `materialize failed: ${(err as Error).message}` };
    }
    const docker = await dockerSide(root);
    if ('infra' in docker) return { kind: 'infra', detail: docker.infra };
    const ctx = await ctxcheckSide(root);
    return { kind: classify(docker, ctx), docker, ctx };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Shrinking
// ---------------------------------------------------------------------------

export interface ShrinkOptions {
  /** Stop after this many comparisons (each runs the docker CLI once). Default 800. */
  maxChecks?: number;
  /** Stop after this long. Default 60 s. */
  budgetMs?: number;
}

export interface Shrunk {
  case: Pick<FuzzCase, 'tree' | 'ignore'>;
  outcome: Outcome;
  checks: number;
  complete: boolean;
}

const cloneCase = (c: Pick<FuzzCase, 'tree' | 'ignore'>): Pick<FuzzCase, 'tree' | 'ignore'> =>
  JSON.parse(JSON.stringify(c)) as Pick<FuzzCase, 'tree' | 'ignore'>;

/**
 * Greedy one-at-a-time reduction: drop ignore lines, tree entries, file bytes, odd line endings,
 * then single characters of the remaining lines, as long as the disagreement keeps its kind.
 */
export async function shrinkCase(
  start: Pick<FuzzCase, 'tree' | 'ignore'>,
  kind: DisagreementKind,
  startOutcome: Outcome,
  opts: ShrinkOptions = {},
): Promise<Shrunk> {
  const maxChecks = opts.maxChecks ?? 800;
  const deadline = Date.now() + (opts.budgetMs ?? 60_000);
  let best = cloneCase(start);
  let bestOutcome = startOutcome;
  let checks = 0;
  const exhausted = (): boolean => checks >= maxChecks || Date.now() > deadline;

  const attempt = async (candidate: Pick<FuzzCase, 'tree' | 'ignore'>): Promise<boolean> => {
    if (exhausted()) return false;
    checks++;
    const o = await checkCase(candidate);
    if (o.kind !== kind) return false;
    best = candidate;
    bestOutcome = o;
    return true;
  };

  let progress = true;
  while (progress && !exhausted()) {
    progress = false;

    // 1. Whole ignore lines, last first (later lines tend to depend on earlier ones).
    for (let i = (best.ignore?.lines.length ?? 0) - 1; i >= 0; i--) {
      const ig = best.ignore!;
      if (i >= ig.lines.length) continue;
      const c = cloneCase(best);
      c.ignore!.lines.splice(i, 1);
      if (await attempt(c)) progress = true;
    }

    // 2. Tree entries.
    for (let i = best.tree.entries.length - 1; i >= 0; i--) {
      if (i >= best.tree.entries.length) continue;
      const c = cloneCase(best);
      c.tree.entries.splice(i, 1);
      if (await attempt(c)) progress = true;
    }

    // 3. Cosmetics: BOM, odd line endings, file sizes, no ignore file at all.
    if (best.ignore?.bom) {
      const c = cloneCase(best);
      c.ignore!.bom = false;
      if (await attempt(c)) progress = true;
    }
    for (let i = 0; i < (best.ignore?.lines.length ?? 0); i++) {
      const line = best.ignore!.lines[i]!;
      if (line.eol === '\n' || (line.eol === '' && i === best.ignore!.lines.length - 1)) continue;
      const c = cloneCase(best);
      c.ignore!.lines[i]!.eol = '\n';
      if (await attempt(c)) progress = true;
    }
    for (let i = 0; i < best.tree.entries.length; i++) {
      const e = best.tree.entries[i]!;
      if (e.kind !== 'file' || e.size === 0) continue;
      const c = cloneCase(best);
      (c.tree.entries[i] as Extract<TreeEntry, { kind: 'file' }>).size = 0;
      if (await attempt(c)) progress = true;
    }
    if (best.ignore !== null && best.ignore.lines.length === 0) {
      const c = cloneCase(best);
      c.ignore = null;
      if (await attempt(c)) progress = true;
    }

    // 4. Single characters of each remaining ignore line.
    for (let li = 0; li < (best.ignore?.lines.length ?? 0); li++) {
      let chars = Array.from(best.ignore!.lines[li]!.text);
      for (let ci = chars.length - 1; ci >= 0 && !exhausted(); ci--) {
        if (ci >= chars.length) continue;
        const c = cloneCase(best);
        const next = [...chars.slice(0, ci), ...chars.slice(ci + 1)];
        c.ignore!.lines[li]!.text = next.join('');
        if (await attempt(c)) {
          chars = next;
          progress = true;
        }
      }
    }

    // 5. Canonical characters: letters, digits and non-ASCII become "a" where that keeps the
    //    disagreement, so that repros of one bug found from different seeds look alike.
    for (let li = 0; li < (best.ignore?.lines.length ?? 0); li++) {
      let chars = Array.from(best.ignore!.lines[li]!.text);
      for (let ci = 0; ci < chars.length && !exhausted(); ci++) {
        const ch = chars[ci]!;
        if (ch === 'a' || !/[\p{L}\p{N}]/u.test(ch)) continue;
        const c = cloneCase(best);
        const next = [...chars.slice(0, ci), 'a', ...chars.slice(ci + 1)];
        c.ignore!.lines[li]!.text = next.join('');
        if (await attempt(c)) {
          chars = next;
          progress = true;
        }
      }
    }
  }
  return { case: best, outcome: bestOutcome, checks, complete: !exhausted() };
}

// ---------------------------------------------------------------------------
// Cases and reproductions
// ---------------------------------------------------------------------------

export interface CaseResult {
  seed: number;
  outcome: Outcome;
  case: FuzzCase;
  /** Present on a disagreement when shrinking ran. */
  shrunk?: Shrunk;
  /** Set when a re-run of the unshrunk case did not disagree the same way (then no shrinking). */
  flaky?: Outcome;
}

/** Re-run the case once; shrink only if the disagreement reproduces. */
async function confirmAndShrink(r: CaseResult, opts: ShrinkOptions): Promise<void> {
  if (r.outcome.kind === 'agree' || r.outcome.kind === 'infra') return;
  const again = await checkCase(r.case);
  if (again.kind !== r.outcome.kind) {
    r.flaky = again;
    return;
  }
  r.shrunk = await shrinkCase(r.case, r.outcome.kind, again, opts);
}

/** Generate the case for `seed`, compare, and shrink on a disagreement (unless told not to). */
export async function runCase(
  seed: number,
  opts: { shrink?: boolean; gen?: GenOptions } & ShrinkOptions = {},
): Promise<CaseResult> {
  const c = genCase(seed, opts.gen);
  const outcome = await checkCase(c);
  const result: CaseResult = { seed, outcome, case: c };
  if (opts.shrink !== false) await confirmAndShrink(result, opts);
  return result;
}

const q = (s: string): string => JSON.stringify(s);

function describeTree(tree: TreeSpec): string[] {
  const lines = [`  file     "Dockerfile"  (${q(DOCKERFILE)})`];
  for (const e of tree.entries) {
    switch (e.kind) {
      case 'file':
        lines.push(`  file     ${q(e.path)}  (${e.size} bytes)`);
        break;
      case 'dir':
        lines.push(`  dir      ${q(e.path)}`);
        break;
      case 'symlink':
        lines.push(`  symlink  ${q(e.path)} -> ${q(e.target)}`);
        break;
      case 'hardlink':
        lines.push(`  hardlink ${q(e.path)} => ${q(e.target)}`);
        break;
      case 'fifo':
        lines.push(`  fifo     ${q(e.path)}`);
        break;
    }
  }
  return lines;
}

/**
 * The tree roughly in test/helpers/tree.ts's TreeSpec shape, for pasting into a test: `files`
 * maps each path to its size (content is that many "x"), plus the exact ignore text.
 */
export function asHelperSpec(c: Pick<FuzzCase, 'tree' | 'ignore'>): Record<string, unknown> {
  const files: Record<string, number> = {};
  const dirs: string[] = [];
  const links: Record<string, string> = {};
  const other: string[] = [];
  for (const e of c.tree.entries) {
    if (e.kind === 'file') files[e.path] = e.size;
    else if (e.kind === 'dir') dirs.push(e.path);
    else if (e.kind === 'symlink') links[e.path] = e.target;
    else other.push(e.kind === 'hardlink' ? `hardlink ${e.path} => ${e.target}` : `fifo ${e.path}`);
  }
  return {
    files,
    dirs,
    links,
    ...(other.length > 0 ? { other } : {}),
    dockerignore: c.ignore === null ? null : renderIgnore(c.ignore),
  };
}

function describeSide(name: string, s: Side): string[] {
  if (!s.ok) return [`${name}: REJECTED${s.crash ? ' (crash)' : ''}: ${s.error.split('\n').slice(0, 6).join('\n    ')}`];
  return [
    `${name}: ${s.files.length} files ${JSON.stringify(s.files)}`,
    `${' '.repeat(name.length)}  ${s.dirs.length} dirs ${JSON.stringify(s.dirs)}, tar ${s.tarBytes} bytes`,
    ...(s.warnings ? [`${' '.repeat(name.length)}  stderr: ${s.warnings}`] : []),
  ];
}

/** A self-contained, human-readable reproduction. */
export function formatRepro(r: CaseResult): string {
  const c = r.shrunk?.case ?? r.case;
  const o = r.shrunk?.outcome ?? r.outcome;
  const out: string[] = [];
  const shrinkNote = r.flaky
    ? `FLAKY: a re-run gave ${r.flaky.kind}; not shrunk`
    : r.shrunk
    ? `shrunk from ${r.case.tree.entries.length} entries/${r.case.ignore?.lines.length ?? 0} lines in ${r.shrunk.checks} checks${r.shrunk.complete ? '' : ', budget exhausted'}`
    : 'not shrunk';
  out.push(`--- seed ${r.seed}: ${o.kind} (${shrinkNote}) ---`);
  out.push(`.dockerignore: ${c.ignore === null ? '(none)' : q(renderIgnore(c.ignore))}`);
  out.push('tree:');
  out.push(...describeTree(c.tree));
  if (o.kind === 'infra') {
    out.push(`infra: ${o.detail}`);
  } else {
    out.push(...describeSide('docker  ', o.docker));
    out.push(...describeSide('ctxcheck', o.ctx));
    if (o.docker.ok && o.ctx.ok) {
      const d = new Set(o.docker.files);
      const x = new Set(o.ctx.files);
      const onlyDocker = o.docker.files.filter((f) => !x.has(f));
      const onlyCtx = o.ctx.files.filter((f) => !d.has(f));
      if (onlyDocker.length > 0) out.push(`only docker sends:   ${JSON.stringify(onlyDocker)}`);
      if (onlyCtx.length > 0) out.push(`only ctxcheck lists: ${JSON.stringify(onlyCtx)}`);
      const dd = new Set(o.docker.dirs);
      const xd = new Set(o.ctx.dirs);
      const onlyDockerDirs = o.docker.dirs.filter((f) => !xd.has(f));
      const onlyCtxDirs = o.ctx.dirs.filter((f) => !dd.has(f));
      if (onlyDockerDirs.length > 0) out.push(`dir entries only docker:   ${JSON.stringify(onlyDockerDirs)}`);
      if (onlyCtxDirs.length > 0) out.push(`dir entries only ctxcheck: ${JSON.stringify(onlyCtxDirs)}`);
      if (o.docker.tarBytes !== o.ctx.tarBytes) out.push(`tar bytes: docker ${o.docker.tarBytes}, ctxcheck ${o.ctx.tarBytes}`);
    }
  }
  out.push(`spec: ${JSON.stringify(asHelperSpec(c))}`);
  out.push(`replay (unshrunk): npm run fuzz -- --seed ${r.seed} --cases 1`);
  return out.join('\n');
}

/** Key under which identical shrunk reproductions are grouped. */
export function reproKey(r: CaseResult): string {
  const c = r.shrunk?.case ?? r.case;
  const kind = (r.shrunk?.outcome ?? r.outcome).kind;
  return `${kind}\u0000${c.ignore === null ? '<none>' : renderIgnore(c.ignore)}\u0000${JSON.stringify(c.tree.entries)}`;
}

// ---------------------------------------------------------------------------
// A whole run
// ---------------------------------------------------------------------------

export interface FuzzOptions {
  cases: number;
  seed: number;
  concurrency?: number;
  /** Shrink at most this many disagreeing cases (spread over kinds). Default 20. */
  shrinkLimit?: number;
  /** Total time for all shrinking. Default 120 s. */
  shrinkBudgetMs?: number;
  /** Per-case shrink limits. */
  shrink?: ShrinkOptions;
  onProgress?: (done: number, failures: number) => void;
  progressEvery?: number;
  gen?: GenOptions;
}

export interface FuzzStats {
  dockerRejected: number;
  noIgnoreFile: number;
  avgEntries: number;
  avgLines: number;
  avgDockerFiles: number;
}

export interface FuzzSummary {
  cases: number;
  seed: number;
  elapsedMs: number;
  shrinkMs: number;
  disagreements: CaseResult[];
  infra: CaseResult[];
  /** Distinct (shrunk) reproductions with how many raw failures led to each and their seeds. */
  repros: { text: string; kind: string; count: number; seeds: number[] }[];
  byKind: Record<string, number>;
  stats: FuzzStats;
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzSummary> {
  const t0 = Date.now();
  const concurrency = Math.max(1, opts.concurrency ?? 3);
  const disagreements: CaseResult[] = [];
  const infra: CaseResult[] = [];
  const byKind: Record<string, number> = {};
  let next = 0;
  let done = 0;
  let dockerRejected = 0;
  let noIgnoreFile = 0;
  let entries = 0;
  let lines = 0;
  let dockerFiles = 0;
  let dockerOk = 0;

  const worker = async (): Promise<void> => {
    while (next < opts.cases) {
      const i = next++;
      const seed = (opts.seed + i) >>> 0;
      const r = await runCase(seed, { shrink: false, ...(opts.gen ? { gen: opts.gen } : {}) });
      entries += r.case.tree.entries.length;
      lines += r.case.ignore?.lines.length ?? 0;
      if (r.case.ignore === null) noIgnoreFile++;
      if (r.outcome.kind !== 'infra') {
        if (!r.outcome.docker.ok) dockerRejected++;
        else {
          dockerOk++;
          dockerFiles += r.outcome.docker.files.length;
        }
      }
      if (r.outcome.kind === 'infra') infra.push(r);
      else if (r.outcome.kind !== 'agree') {
        disagreements.push(r);
        byKind[r.outcome.kind] = (byKind[r.outcome.kind] ?? 0) + 1;
      }
      done++;
      if (opts.onProgress && opts.progressEvery && done % opts.progressEvery === 0) {
        opts.onProgress(done, disagreements.length);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, opts.cases)) }, worker));
  const t1 = Date.now();

  // Shrink a bounded number of failures: round-robin over kinds, and within a kind over rough
  // buckets (the pattern metacharacters present), so one frequent bug cannot eat the budget.
  disagreements.sort((a, b) => a.seed - b.seed);
  const byKindBuckets = new Map<string, Map<string, CaseResult[]>>();
  for (const r of disagreements) {
    const kind = r.outcome.kind;
    if (!byKindBuckets.has(kind)) byKindBuckets.set(kind, new Map());
    const buckets = byKindBuckets.get(kind)!;
    const b = bucketOf(r);
    if (!buckets.has(b)) buckets.set(b, []);
    buckets.get(b)!.push(r);
  }
  const kindQueues = [...byKindBuckets.values()].map((buckets) => {
    // Interleave the buckets of one kind: first of each bucket, then second of each, ...
    const lists = [...buckets.values()];
    const out: CaseResult[] = [];
    for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
    return out;
  });
  const toShrink: CaseResult[] = [];
  const limit = opts.shrinkLimit ?? 20;
  while (toShrink.length < limit && kindQueues.some((qq) => qq.length > 0)) {
    for (const qq of kindQueues) {
      const r = qq.shift();
      if (r && toShrink.length < limit) toShrink.push(r);
    }
  }
  const shrinkDeadline = Date.now() + (opts.shrinkBudgetMs ?? 120_000);
  let si = 0;
  const shrinker = async (): Promise<void> => {
    while (si < toShrink.length) {
      const r = toShrink[si++]!;
      const left = shrinkDeadline - Date.now();
      if (left <= 0) return;
      await confirmAndShrink(r, { ...opts.shrink, budgetMs: Math.min(opts.shrink?.budgetMs ?? 60_000, left) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, toShrink.length) }, shrinker));

  const groups = new Map<string, { text: string; kind: string; count: number; seeds: number[] }>();
  for (const r of disagreements) {
    if (!r.shrunk && !r.flaky) continue;
    const key = r.flaky ? `flaky\u0000${r.seed}` : reproKey(r);
    const g = groups.get(key);
    if (g) {
      g.count++;
      g.seeds.push(r.seed);
    } else {
      groups.set(key, { text: formatRepro(r), kind: r.flaky ? `flaky ${r.outcome.kind}` : (r.shrunk?.outcome ?? r.outcome).kind, count: 1, seeds: [r.seed] });
    }
  }
  const n = Math.max(1, done);
  return {
    cases: done,
    seed: opts.seed,
    elapsedMs: Date.now() - t0,
    shrinkMs: Date.now() - t1,
    disagreements,
    infra,
    repros: [...groups.values()],
    byKind,
    stats: {
      dockerRejected,
      noIgnoreFile,
      avgEntries: entries / n,
      avgLines: lines / n,
      avgDockerFiles: dockerOk > 0 ? dockerFiles / dockerOk : 0,
    },
  };
}

function bucketOf(r: CaseResult): string {
  const text = r.case.ignore === null ? '' : renderIgnore(r.case.ignore);
  const meta = [...new Set(Array.from(text).filter((ch) => '|{}\\[]*?!#^$.()+'.includes(ch)))].sort().join('');
  const flags = [
    r.case.ignore?.bom ? 'bom' : '',
    text.includes('\r') ? 'cr' : '',
    /[\t\v\f\u00a0\u0085\u2000-\u200a\u2028\u3000\ufeff]/.test(text) ? 'ws' : '',
  ].join('');
  return `${meta}|${flags}`;
}

/** Multi-line text summary of a run. */
export function formatSummary(s: FuzzSummary): string {
  const out = [
    `ctxcheck differential fuzz: ${s.cases} cases from seed ${s.seed} in ${(s.elapsedMs / 1000).toFixed(1)} s` +
      ` (shrinking ${(s.shrinkMs / 1000).toFixed(1)} s)`,
    `disagreements: ${s.disagreements.length} ${JSON.stringify(s.byKind)}; infra failures: ${s.infra.length}`,
    `docker rejected ${s.stats.dockerRejected} ignore files; ${s.stats.noIgnoreFile} cases without one; ` +
      `avg ${s.stats.avgEntries.toFixed(1)} entries, ${s.stats.avgLines.toFixed(1)} ignore lines, ${s.stats.avgDockerFiles.toFixed(1)} files sent`,
  ];
  if (s.disagreements.length > 0) {
    out.push(`failing seeds: ${s.disagreements.map((r) => `${r.seed}:${r.outcome.kind}`).slice(0, 200).join(' ')}`);
    const unshrunk = s.disagreements.filter((r) => !r.shrunk && !r.flaky).length;
    out.push(`${s.repros.length} distinct shrunk reproductions${unshrunk > 0 ? ` (${unshrunk} failures not shrunk: limit/budget)` : ''}:`);
    for (const g of s.repros) {
      out.push('');
      out.push(`[${g.count}x, seeds ${g.seeds.slice(0, 10).join(', ')}${g.seeds.length > 10 ? ', ...' : ''}]`);
      out.push(g.text);
    }
  }
  for (const r of s.infra.slice(0, 3)) out.push(`infra (seed ${r.seed}): ${r.outcome.kind === 'infra' ? r.outcome.detail : ''}`);
  return out.join('\n');
}
