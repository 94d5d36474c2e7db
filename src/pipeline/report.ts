// The pipeline behind every command: resolve inputs, compile the rules each builder really
// evaluates, walk the context, and turn the walk into a Report. Nothing here prints.
import { createHash } from 'node:crypto';
import { NodeFS } from '../fs/node-fs.js';
import type { ContextFS } from '../fs/types.js';
import { displayPath, resolveInputs, type ResolvedInputs } from '../context/inputs.js';
import { matcherFor } from '../context/matcher-for.js';
import { walkContext, type ContextEntry, type WalkOptions, type WalkResult } from '../context/walk.js';
import { counterFor, type ExcludedTotals } from '../context/excluded-counter.js';
import { legacyTarSize } from '../context/tar-size.js';
import type { Builder } from '../context/builders.js';
import { Matcher } from '../ignore/matcher.js';
import { InputError } from '../errors.js';
import { IgnoreFileError } from '../ignore/parse.js';
import { parseDockerfile, stagesToBuild, type DockerfileModel } from '../dockerfile/model.js';
import { followPaths, type FileSet, type PathLookup } from '../dockerfile/copy-sources.js';
import { followLinks } from '../dockerfile/follow-links.js';
import { EntryStore as EntryStoreClass, type EntryStore } from '../context/entry-store.js';
import { analyzeUses, fsIndex, type UsesAnalysis } from '../analyzers/dockerfile-uses.js';
import { lintIgnore } from '../analyzers/ignore-lint.js';
import { scanSecrets, type ScanResult } from '../analyzers/secrets/index.js';
import { classifyChurn, dependencyInstalls, explicitSources, type ChurnGroup } from '../analyzers/churn.js';
import { cacheBusts, manifestFirst } from '../analyzers/cache-bust.js';
import { cacheBustFindings, churnFindings, manifestFindings, secretFindings } from '../analyzers/findings.js';
import { gitPathIn, gitStatus, type GitStatus } from '../git.js';
import * as path from 'node:path';
import { compareBytes, parentRel } from '../paths.js';
import { CATEGORIES, makeFinding } from '../rules.js';
import { humanSize } from '../units.js';
import type { DirSize, Finding, Report, SizedPath } from '../types.js';

export interface CommonOptions {
  /** Context directory (default "."). */
  context?: string;
  /** Dockerfile path, relative to `cwd` like `docker build -f`. */
  dockerfile?: string;
  /** Ignore file to use instead of the builder's choice. */
  ignoreFile?: string;
  builder?: Builder;
  /** Base for relative paths (default process.cwd()). */
  cwd?: string;
  /** Stage to build (`docker build --target`); default the last stage. */
  target?: string;
  /** `--build-arg` values, used in COPY/ADD sources. */
  buildArgs?: Record<string, string>;
  /** Use this text as the ignore file's content (simulate a proposed ignore file). */
  ignoreText?: string;
  /** Dockerfile content given inline (Compose `dockerfile_inline`). */
  dockerfileInline?: string;
}

export interface AnalyzeOptions extends CommonOptions {
  /** Files at or above this many bytes get a `large-file` finding (default 10 MB). */
  large?: number;
  /** Bytes of each file the secret scan reads (default 1 MB). */
  maxScanSize?: number;
  /** Ask git which files it ignores or does not track (default true when the context is on disk). */
  git?: boolean;
  /** Progress callback: entries seen so far. */
  onProgress?: (seen: number) => void;
  /** Read the sent files for secrets (default true); without it, no secret findings. */
  secrets?: boolean;
}

export const DEFAULT_LARGE = 10_000_000;
const LARGEST = 10;
const HEAVIEST_DIRS = 50;

/** The label findings carry for a Dockerfile given inline. */
export const INLINE_DOCKERFILE = '(inline Dockerfile)';

export interface Setup {
  inputs: ResolvedInputs;
  builder: Builder;
  fs: ContextFS;
  matcher: Matcher;
  ignoreLabel: string | null;
  cwd: string;
  /** The parsed Dockerfile, or null when there is none (parsed lazily, on first access). */
  readonly dockerfile: { label: string; model: DockerfileModel } | null;
  target: string | undefined;
}

export function setup(opts: CommonOptions, fsOverride?: ContextFS): Setup {
  const builder = opts.builder ?? 'buildkit';
  const cwd = opts.cwd ?? process.cwd();
  const inputs = resolveInputs({ ...opts, builder, cwd }, fsOverride);
  const ignoreLabel = inputs.ignoreFile ? displayPath(inputs.ignoreFile, cwd) : null;
  const fs = fsOverride ?? new NodeFS(inputs.contextDir);
  const matcher = matcherFor(builder, inputs.ignoreRules, ignoreLabel ?? '', inputs.dockerfileRel);
  // Parsed on first use: `ls` and `why` never need the Dockerfile's content.
  let parsed: Setup['dockerfile'] | undefined;
  return {
    inputs,
    builder,
    fs,
    matcher,
    ignoreLabel,
    cwd,
    target: opts.target,
    get dockerfile() {
      if (parsed === undefined) {
        parsed = null;
        if (inputs.dockerfileText !== null) {
          const label = inputs.dockerfile ? displayPath(inputs.dockerfile, cwd) : INLINE_DOCKERFILE;
          parsed = { label, model: loadDockerfile(inputs.dockerfileText, label, opts) };
        }
      }
      return parsed;
    },
  };
}

/** Parse the Dockerfile; input Docker itself refuses is an InputError naming the file. */
function loadDockerfile(text: string, label: string, opts: CommonOptions): DockerfileModel {
  if (text.trim() === '') throw new InputError(`${label}: the Dockerfile is empty`);
  if (text.slice(0, 8192).includes('\0')) throw new InputError(`${label}: not a text file (NUL bytes)`);
  const model = parseDockerfile(text, { ...(opts.buildArgs ? { buildArgs: opts.buildArgs } : {}), ...(opts.target ? { target: opts.target } : {}) });
  if (model.stages.length === 0) {
    const line = model.errors[0]?.line ?? 1;
    throw new InputError(`${label}:${line}: no build stage (a Dockerfile needs a FROM instruction)`);
  }
  try {
    stagesToBuild(model, opts.target);
  } catch (err) {
    throw new InputError(`${label}: ${(err as Error).message}`);
  }
  return model;
}

/** The heaviest directories: every sent non-directory's bytes added to each ancestor. */
function dirSizes(store: EntryStore): DirSize[] {
  const bytes = new Float64Array(store.length);
  const files = new Float64Array(store.length);
  for (let i = 0; i < store.length; i++) {
    if (store.isDir(i)) continue;
    const size = store.size(i);
    for (let d = store.parent(i); d >= 0; d = store.parent(d)) {
      bytes[d]! += size;
      files[d]!++;
    }
  }
  const dirs: number[] = [];
  for (let i = 0; i < store.length; i++) if (store.isDir(i) && files[i]! > 0) dirs.push(i);
  return topN(dirs, HEAVIEST_DIRS, (i) => bytes[i]!, store).map((i) => ({ path: store.path(i), bytes: bytes[i]!, files: files[i]! }));
}

/**
 * The `n` indices with the largest `weight`, ties by path: one pass with a small sorted window,
 * so a huge context never gets sorted whole.
 */
function topN(indices: Iterable<number>, n: number, weight: (i: number) => number, store: EntryStore): number[] {
  const top: { i: number; w: number; path: string }[] = [];
  const before = (a: { w: number; path: string }, b: { w: number; path: string }): boolean => a.w > b.w || (a.w === b.w && a.path < b.path);
  for (const i of indices) {
    const w = weight(i);
    const last = top[top.length - 1];
    if (top.length === n && last && w < last.w) continue;
    const item = { i, w, path: store.path(i) };
    if (top.length === n && last && !before(item, last)) continue;
    let k = top.length;
    while (k > 0 && before(item, top[k - 1]!)) k--;
    top.splice(k, 0, item);
    if (top.length > n) top.pop();
  }
  return top.map((t) => t.i);
}

function* fileIndices(store: EntryStore): Generator<number> {
  for (let i = 0; i < store.length; i++) if (store.type(i) === 'file') yield i;
}

function largest(store: EntryStore): SizedPath[] {
  return topN(fileIndices(store), LARGEST, (i) => store.size(i), store).map((i) => ({ path: store.path(i), bytes: store.size(i) }));
}

function problemFindings(walk: WalkResult): Finding[] {
  return walk.problems.map((p): Finding => {
    if (p.kind === 'vanished') {
      return makeFinding('vanished', { path: p.path, message: `${p.path} disappeared during the walk (${p.code})` });
    }
    const what = p.kind === 'unreadable-dir' ? 'directory' : 'file';
    return makeFinding('unreadable', {
      path: p.path,
      message: `cannot read ${what} ${p.path} (${p.code}); docker build fails on it`,
      fix: `fix its permissions, or exclude it: ${p.path}`,
    });
  });
}

/**
 * Sockets, FIFOs and devices the builder meets. What happens to each, from the sources: the
 * legacy CLI's tar (moby pkg/archive) has no socket type and skips them, and writes FIFOs and
 * devices as tar nodes; BuildKit's fsutil clears a socket's mode bit (it arrives as an empty
 * regular file) and sends FIFOs and devices as stat records the daemon's diskwriter mknods.
 * Neither ever opens one, so nothing blocks; but mknod needs CAP_MKNOD.
 */
function specialFindings(store: EntryStore, builder: Builder): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < store.length; i++) {
    const type = store.type(i);
    if (type !== 'socket' && type !== 'fifo' && type !== 'char' && type !== 'block') continue;
    const path = store.path(i);
    let what: string;
    if (type === 'socket') {
      what =
        builder === 'legacy'
          ? 'is a unix socket: the legacy docker CLI leaves it out of the context tar'
          : 'is a unix socket: BuildKit sends it as an empty regular file';
    } else {
      const node = type === 'fifo' ? 'a named pipe (FIFO)' : type === 'char' ? 'a character device' : 'a block device';
      what = `is ${node}: it is sent as a ${type === 'fifo' ? 'FIFO' : 'device'} node (never read) and the daemon recreates it with mknod, which fails without CAP_MKNOD (rootless daemons)`;
    }
    out.push(makeFinding('special-file', { path, message: `${path} ${what}`, fix: `exclude it: ${path}` }));
  }
  return out;
}

function largeFindings(store: EntryStore, threshold: number): Finding[] {
  const big: number[] = [];
  for (const i of fileIndices(store)) if (store.size(i) >= threshold) big.push(i);
  return big
    .sort((a, b) => store.size(b) - store.size(a))
    .map((i): Finding => {
      const path = store.path(i);
      const size = store.size(i);
      return makeFinding('large-file', { path, message: `${path} is ${humanSize(size)} (${size} bytes)`, fix: path });
    });
}

/** Walk the context as `builder` would. */
export function walkFor(s: Setup, opts: Omit<WalkOptions, 'fs' | 'matcher' | 'builder'>): WalkResult {
  const walk = walkContext({ fs: s.fs, matcher: s.matcher, builder: s.builder, stopOnMatchError: s.builder === 'legacy', ...opts });
  if (walk.aborted) checkLegacyValidation(s, walk.aborted.error);
  return walk;
}

/**
 * The docker CLI first validates the context (filepath.Walk with MatchesOrParentMatches, every
 * excluded directory skipped); a bad pattern reached there fails the build outright. Only when
 * validation passes does the tar walk's error truncate the context instead. Re-throw in the
 * first case.
 */
function checkLegacyValidation(s: Setup, error: Error): void {
  const m = Matcher.fromRaw(s.inputs.ignoreRules, s.ignoreLabel ?? '');
  const stack = ['.'];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let names;
    try {
      names = s.fs.readdir(dir);
    } catch {
      continue;
    }
    for (const { name, type } of names) {
      const p = dir === '.' ? name : `${dir}/${name}`;
      let excluded: boolean;
      try {
        excluded = m.matchesOrParentMatches(p).excluded;
      } catch {
        throw error;
      }
      if (!excluded && type === 'dir') stack.push(p);
    }
  }
}

/**
 * Length of the legacy CLI's context tar for these inputs. `walk` (with stat) is reused when
 * the legacy builder would walk exactly the same way: same rules and no exceptions, so both
 * builders prune every excluded directory.
 */
export function tarBytesFor(s: Setup, walk: WalkResult): number {
  const legacy = s.builder === 'legacy' ? s.matcher : matcherFor('legacy', s.inputs.ignoreRules, s.ignoreLabel ?? '', s.inputs.dockerfileRel);
  const same = legacy === s.matcher || (legacy.rules.length === s.matcher.rules.length && !legacy.hasExceptions);
  const entries = same ? walk.entries : walkContext({ fs: s.fs, matcher: legacy, builder: 'legacy', stat: true, stopOnMatchError: true }).entries;
  const bytes = legacyTarSize(entries).bytes;
  const rel = s.inputs.dockerfileRel;
  if (rel === null || !rel.startsWith('../') || s.inputs.dockerfileBytes === null) return bytes;
  return withOutsideDockerfile(bytes, entries, s.inputs.dockerfileBytes);
}

const BLOCK = 512;
const padded = (n: number): number => Math.ceil(n / BLOCK) * BLOCK;
/** ".dockerfile." and 20 random hex digits: the name the CLI gives an outside Dockerfile. */
const RANDOM_NAME = 32;

/**
 * A Dockerfile outside the context: the docker CLI (build.AddDockerfileToBuildContext) pipes the
 * tar through moby's ReplaceFileTarWrapper, which adds the Dockerfile as ".dockerfile.<20 hex>"
 * and appends "\n<that name>\n" to .dockerignore (creating ".dockerignore\n<name>\n" when the
 * context has none). The wrapper closes its pipe before the tar writer, so the last entry's
 * padding and the two end blocks are never sent. With a .dockerignore the Dockerfile comes last;
 * without one the two added entries come in Go map order, which is the Dockerfile first in 7 of 8
 * runs (the order counted here; the other order's length differs by less than 512 bytes).
 */
function withOutsideDockerfile(bytes: number, store: EntryStore, dockerfileBytes: number): number {
  let body = bytes - 2 * BLOCK;
  const header = BLOCK; // both added names fit USTAR
  const i = store.indexOf('.dockerignore');
  if (i !== undefined && i >= 0 && store.type(i) === 'file') {
    const d = store.size(i);
    body += padded(d + RANDOM_NAME + 2) - padded(d);
    return body + header + dockerfileBytes;
  }
  const created = '.dockerignore\n'.length + RANDOM_NAME + 1;
  return body + header + padded(dockerfileBytes) + header + created;
}

/** The include matcher for BuildKit's FollowPaths (null = no filter: the whole context). */
export function followMatcher(paths: string[] | null): Matcher | null {
  if (paths === null) return null;
  return Matcher.fromRaw(
    paths.map((text, i) => ({ text, line: i + 1, raw: text })),
    '(Dockerfile sources)',
  );
}

/**
 * What BuildKit transfers: the context filtered by the Dockerfile's FollowPaths, with the
 * symlinks along them (and their targets) added as fsutil's FollowLinks does.
 */
export function transferWalk(s: Setup, context: WalkResult, stat: boolean): { follow: string[] | null; entries: EntryStore } | null {
  if (!s.dockerfile || s.builder !== 'buildkit') return null;
  const follow = followPaths(s.dockerfile.model, s.target);
  if (follow === null) return { follow, entries: context.entries };
  if (follow.length === 0) return { follow, entries: new EntryStoreClass(stat) };
  const include = followMatcher(followLinks(s.fs, follow));
  if (include === null) return { follow, entries: context.entries }; // a link led to the root
  return { follow, entries: walkFor(s, { stat, include }).entries };
}

function dockerfileFindings(model: DockerfileModel, label: string): Finding[] {
  return model.errors.map((e) => makeFinding('dockerfile-syntax', { message: e.message, dockerfile: { path: label, line: e.line } }));
}

/**
 * A stable identity for baselines: what the finding is about, not where it sits today (line
 * numbers shift as files change, so they are left out).
 */
export function fingerprint(f: Finding): string {
  const parts = [f.rule, f.path ?? '', f.dockerfile?.path ?? '', f.ignore?.pattern ?? ''];
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}

const SEVERITY_ORDER = { error: 0, warning: 1, note: 2 } as const;

/** Most severe first, then by category (secrets first), then by path. */
export function sortFindings(findings: Finding[]): void {
  const cat = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]));
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      cat.get(a.category)! - cat.get(b.category)! ||
      compareBytes(a.path ?? '', b.path ?? '') ||
      (a.dockerfile?.line ?? 0) - (b.dockerfile?.line ?? 0) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}

/** Path → bytes of the walk's entries (looked up in the walk itself). */
function sizesOf(walk: WalkResult): PathLookup<number> {
  const store = walk.entries;
  return {
    get(path) {
      const i = store.indexOf(path);
      return i === undefined || i < 0 ? undefined : store.size(i);
    },
  };
}

function sumSizes(files: FileSet, sizes: PathLookup<number>): number {
  if (files.bytes) return files.bytes();
  let n = 0;
  for (const f of files) n += sizes.get(f) ?? 0;
  return n;
}

/** Files (non-directories) of a walk and their bytes. */
function sentTotals(store: EntryStore): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (let i = 0; i < store.length; i++) {
    if (store.isDir(i)) continue;
    files++;
    bytes += store.size(i);
  }
  return { files, bytes };
}

/** The walk's non-directory entries, one at a time. */
function* sentEntries(store: EntryStore): Generator<ContextEntry> {
  for (let i = 0; i < store.length; i++) if (!store.isDir(i)) yield store.entry(i);
}

/** The scan result when the secret scan is turned off. */
const NO_SCAN: ScanResult = { hits: [], scannedFiles: 0, scannedBytes: 0, skippedBinary: 0, truncatedFiles: 0, readErrors: 0 };

export interface Analysis {
  report: Report;
  walk: WalkResult;
  uses: UsesAnalysis | null;
  churn: ChurnGroup[];
  git: GitStatus | null;
}

/**
 * Work shared between analyses of several builds (`--all`): builds with the same context, ignore
 * rules and builder are walked once, and their files scanned for secrets once.
 */
export interface SharedWork {
  walks: Map<string, { walk: WalkResult; excluded: Promise<ExcludedTotals> }>;
  scans: Map<string, Promise<ScanResult>>;
  /** How many walks were really done (for tests and the summary). */
  walkCount: number;
}

export function sharedWork(): SharedWork {
  return { walks: new Map(), scans: new Map(), walkCount: 0 };
}

function walkKey(s: Setup): string {
  return JSON.stringify([s.builder, s.inputs.contextDir, s.matcher.rules.map((r) => [r.exception, r.pattern])]);
}

function contextWalk(s: Setup, opts: AnalyzeOptions, shared?: SharedWork): { walk: WalkResult; excluded: Promise<ExcludedTotals> } {
  const key = walkKey(s);
  const hit = shared?.walks.get(key);
  if (hit) return hit;
  const counter = counterFor(s.fs);
  let walk: WalkResult;
  try {
    walk = walkFor(s, { stat: true, excluded: counter, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  } catch (err) {
    void counter.finish().catch(() => undefined);
    throw err;
  }
  const done = { walk, excluded: counter.finish() };
  if (shared) {
    shared.walkCount++;
    shared.walks.set(key, done);
  }
  return done;
}

export async function runAnalysis(s: Setup, opts: AnalyzeOptions = {}, shared?: SharedWork): Promise<Analysis> {
  // git runs as a child process: start it first so it overlaps the walk.
  const gitPromise = opts.git === false || !(s.fs instanceof NodeFS) ? Promise.resolve(null) : gitStatus(s.inputs.contextDir).catch(() => null);
  const { walk, excluded: excludedPromise } = contextWalk(s, opts, shared);
  const store = walk.entries;
  const sent = sentTotals(store);
  const tarBytes = tarBytesFor(s, walk);
  const findings = [...problemFindings(walk), ...specialFindings(store, s.builder), ...largeFindings(store, opts.large ?? DEFAULT_LARGE)];
  if (walk.aborted) {
    const e = walk.aborted.error;
    const where = e instanceof IgnoreFileError && e.line !== null ? { ignore: { path: e.file, line: e.line, pattern: '' } } : {};
    findings.push(
      makeFinding('ignore/pattern-error', {
        ...where,
        path: walk.aborted.path,
        message: `${walk.aborted.error.message.replace(/ \(Docker fails the build on it\)$/, '')}: the legacy builder stops its context walk at ${walk.aborted.path} and sends a truncated context (everything after it is missing)`,
        fix: 'fix the pattern (Go regexp syntax)',
      }),
    );
  }

  let uses: UsesAnalysis | null = null;
  let transfer: Report['transfer'] = null;
  let steps: Report['steps'] = [];
  if (s.dockerfile) {
    const { model, label } = s.dockerfile;
    findings.push(...dockerfileFindings(model, label));
    uses = analyzeUses({ model, ...(s.target ? { target: s.target } : {}), dockerfileLabel: label, index: store, fs: s.fs, matcher: s.matcher, builder: s.builder });
    findings.push(...uses.findings);
    const sizes = sizesOf(walk);
    steps = uses.uses.map((u) => ({
      stage: u.stage,
      line: u.instr.line,
      instruction: u.instr.text,
      files: u.files.size,
      bytes: sumSizes(u.files, sizes),
    }));
    const t = transferWalk(s, walk, true);
    if (t) {
      transfer = { followPaths: t.follow, ...sentTotals(t.entries) };
    }
  }
  const git = await gitPromise;
  const churn = churnAnalysis(s, walk, uses, git);
  findings.push(...churn.findings);

  const scanKey = `${walkKey(s)}:${opts.maxScanSize ?? ''}`;
  let scanning = opts.secrets === false ? Promise.resolve(NO_SCAN) : shared?.scans.get(scanKey);
  if (!scanning) {
    scanning = scanSecrets(
      sentEntries(store),
      s.fs,
      opts.maxScanSize !== undefined ? { maxScanSize: opts.maxScanSize } : {},
    );
    shared?.scans.set(scanKey, scanning);
  }
  const scan = await scanning;
  findings.push(...secretFindings(scan.hits, { dockerfileLabel: s.dockerfile?.label ?? null, uses: uses?.uses ?? [], firstUse: uses?.firstUse ?? new Map() }));

  if (s.inputs.ignoreFile) {
    const ignoreRel = path.relative(s.inputs.contextDir, s.inputs.ignoreFile).split(path.sep).join('/');
    findings.push(
      ...lintIgnore({
        matcher: s.matcher,
        builder: s.builder,
        raw: s.inputs.ignoreRules,
        ruleHits: walk.ruleHits,
        ruleSamples: walk.ruleSamples,
        addedByCli: ['.dockerignore', ...(s.inputs.dockerfileRel ? [s.inputs.dockerfileRel] : [])],
        entries: store,
        rawIndex: fsIndex(s.fs),
        writtenMatcher: s.builder === 'buildkit' ? s.matcher : matcherFor('buildkit', s.inputs.ignoreRules, s.ignoreLabel ?? '', null),
        dockerfileRel: s.inputs.dockerfileRel,
        dockerfileLabel: s.dockerfile?.label ?? null,
        ignoreRel,
        uses: uses?.uses ?? [],
      }),
    );
  }
  const excluded = await excludedPromise;
  for (const f of findings) f.fingerprint ??= fingerprint(f);
  sortFindings(findings);
  const report: Report = {
    version: 1,
    context: displayPath(s.inputs.contextDir, s.cwd),
    builder: s.builder,
    dockerfile: s.dockerfile?.label ?? null,
    ignoreFile: s.ignoreLabel,
    target: s.target ?? null,
    summary: {
      files: sent.files,
      bytes: sent.bytes,
      tarBytes,
      excludedFiles: excluded.files,
      excludedBytes: excluded.bytes,
      dirs: store.length - sent.files,
    },
    transfer,
    steps,
    largestFiles: largest(store),
    heaviestDirs: dirSizes(store),
    findings,
  };
  return { report, walk, uses, churn: churn.groups, git };
}

/** Churning files: cache busts where a step takes them in, plain churn where none does. */
function churnAnalysis(
  s: Setup,
  walk: WalkResult,
  uses: UsesAnalysis | null,
  git: GitStatus | null,
): { groups: ChurnGroup[]; findings: Finding[] } {
  // The build definition itself is never churn, whatever git thinks of it.
  const own = new Set(['.dockerignore', ...(s.inputs.dockerfileRel ? [s.inputs.dockerfileRel] : [])]);
  const store = walk.entries;
  // Re-iterable, one entry at a time: the classifier passes over the files twice.
  const files: Iterable<{ path: string; size: number }> = {
    *[Symbol.iterator]() {
      for (let i = 0; i < store.length; i++) {
        if (store.isDir(i)) continue;
        const path = store.path(i);
        if (!own.has(path)) yield { path, size: store.size(i) };
      }
    },
  };
  const fileNames = (dir: string): string[] => {
    const d = store.indexOf(dir);
    if (d === undefined || (d >= 0 && !store.isDir(d))) return [];
    const out: string[] = [];
    for (const k of store.childIndices(d)) if (!store.isDir(k) && !own.has(store.path(k))) out.push(store.name(k));
    return out;
  };
  // Git's view only means something once git tracks part of the context (in a fresh repo
  // every file is untracked and would look like churn).
  if (git) {
    const g = git;
    const tracked = (p: string): boolean =>
      !p.startsWith('.git/') && gitPathIn(g.ignored, p) === null && gitPathIn(g.untracked, p) === null;
    // Without a tracked file, git's view says nothing about this context: use none.
    let any = false;
    for (const f of files) if ((any = tracked(f.path))) break;
    if (!any) git = null;
  }
  if (!s.dockerfile || !uses) {
    const groups = classifyChurn(files, { installs: new Set(), git, fileNames, paths: false });
    return { groups, findings: churnFindings(groups, () => false) };
  }
  const { model, label } = s.dockerfile;
  const stages = stagesToBuild(model, s.target);
  const text = s.inputs.dockerfileText ?? undefined;
  const groups = classifyChurn(files, { installs: dependencyInstalls(model, stages, text), git, explicitSources: explicitSources(model, stages), fileNames, firstUse: uses.firstUse, paths: false });
  const busts = cacheBusts(model, stages, uses.uses, uses.firstUse, groups, sizesOf(walk));
  const busted = new Set(busts.map((b) => b.path));
  return {
    groups,
    findings: [
      ...cacheBustFindings(busts, label),
      ...manifestFindings(manifestFirst(model, stages, store, text), label),
      ...churnFindings(groups, (g) => busted.has(g.root)),
    ],
  };
}

export async function buildReport(s: Setup, opts: AnalyzeOptions = {}): Promise<Report> {
  return (await runAnalysis(s, opts)).report;
}
