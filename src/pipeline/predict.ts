// `record` and `predict`: the state a build used, written down right after it, and later the
// next build predicted against it (or against the build of a git ref, for CI). The core is in
// analyzers/cache-predict.ts (comparison, reasons, ignore advice), analyzers/cache-state.ts
// (the context on disk as the cache keys see it) and cache-keys.ts (what each builder keys a
// step on); this module resolves the inputs, walks the context and returns data.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { CommonOptions } from './options.js';
import { recordId, type RecordInputs } from './record-id.js';
import { setup, type Setup } from './setup.js';
import { walkFor } from './walk.js';
import { displayPath } from '../context/inputs.js';
import { explainPath } from '../context/explain.js';
import type { Builder } from '../context/builders.js';
import type { ContextFS } from '../fs/types.js';
import type { ContextIndex } from '../dockerfile/copy-sources.js';
import { InputError } from '../errors.js';
import { gitLsTree, gitPathIn, gitRepo, gitResolveCommit, gitShowFiles, gitStatus, gitWorkTreeFiles, type GitStatus } from '../git.js';
import { goClean } from '../paths.js';
import { readIgnoreFile, type RawRule } from '../ignore/parse.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import { stagesBuilt } from '../dockerfile/stages.js';
import type { EntryType } from '../fs/types.js';
import { buildPlans, type ContextState, type EntryInfo, type StagePlan } from '../analyzers/cache-keys.js';
import { legacyDaemonDrops, linkTargetsOf, revisionState, treeIndex } from '../analyzers/cache-replay.js';
import { diskState, type HashedFile } from '../analyzers/cache-state.js';
import {
  cacheOf,
  ignoreAdvice,
  predictSteps,
  snapshotOf,
  summarise,
  type IgnoreAdvice,
  type PredictedStep,
  type Snapshot,
  type StoredKeys,
} from '../analyzers/cache-predict.js';
import { explicitSources } from '../analyzers/churn.js';
import { dependencyInstalls } from '../analyzers/dependency-installs.js';

export { recordId, type RecordInputs } from './record-id.js';

export const RECORD_VERSION = 1;
/** How many recorded builds' keys a record keeps (the builder keeps earlier builds' cache too). */
export const RECORD_BUILDS = 10;


export interface RecordedBuild {
  recordedAt: string;
  stored: StoredKeys;
}

/** What `ctxcheck record` writes: the state the last build used, and the keys recorded builds stored. */
export interface BuildRecord extends Snapshot {
  version: typeof RECORD_VERSION;
  /** ISO time of the latest record. */
  recordedAt: string;
  inputs: RecordInputs;
  /** Newest first, at most RECORD_BUILDS. */
  builds: RecordedBuild[];
  /** Stat cache of the hashed files: path → [size, mtime (s), inode, blob id]. */
  files: Record<string, [number, number, number, string]>;
}

export interface Prediction {
  version: 1;
  context: string;
  builder: Builder;
  dockerfile: string | null;
  target: string | null;
  against:
    | { kind: 'record'; recordedAt: string; builds: number }
    | { kind: 'ref'; ref: string; commit: string };
  /** True when both sides are taken as fresh checkouts (file modes 0644/0755, git-ignored files left out). */
  checkout: boolean;
  steps: PredictedStep[];
  summary: { steps: number; rebuild: number; cached: number; uncertain: number };
  /** Ignore rules that would have kept changed churn files out. */
  ignore: IgnoreAdvice[];
  /** Files read to hash them (the stat cache answered the rest). */
  filesRead: number;
}

function needDockerfile(s: Setup): NonNullable<Setup['dockerfile']> {
  const df = s.dockerfile;
  if (!df) throw new InputError(`${displayPath(s.inputs.contextDir, s.cwd)}: no Dockerfile (use -f)`);
  return df;
}

function realContext(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

export function recordInputs(s: Setup, buildArgs: Record<string, string> | undefined): RecordInputs {
  const args = Object.fromEntries(Object.entries(buildArgs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    context: realContext(s.inputs.contextDir),
    dockerfile: s.inputs.dockerfile,
    ignoreFile: s.inputs.ignoreFile,
    ignoreFileFlag: s.inputs.ignoreKind === 'flag',
    builder: s.builder,
    target: s.target ?? null,
    buildArgs: args,
  };
}


/** The ignore-filtered walk as a ContextIndex, without what the legacy daemon removes after the upload. */
function contextIndex(s: Setup): { index: ContextIndex; files: { path: string; size: number }[] } {
  const store = walkFor(s, { stat: false }).entries;
  const files: { path: string; size: number }[] = [];
  for (let i = 0; i < store.length; i++) if (!store.isDir(i)) files.push({ path: store.path(i), size: store.size(i) });
  if (s.builder !== 'legacy' || s.inputs.dockerfileRel === null) return { index: store, files };
  const drop = legacyDaemonDrops({ builder: s.builder, rules: s.inputs.ignoreRules, ignoreRel: s.ignoreLabel, dockerfileRel: s.inputs.dockerfileRel });
  if (drop.size === 0) return { index: store, files };
  const index: ContextIndex = {
    get: (p) => (drop.has(p) ? undefined : store.get(p)),
    children: (d) => store.children(d).filter((n) => !drop.has(d === '.' ? n : `${d}/${n}`)),
  };
  return { index, files: files.filter((f) => !drop.has(f.path)) };
}

function plansFor(s: Setup, state: ContextState): StagePlan[] {
  const { model } = needDockerfile(s);
  return buildPlans(model, stagesBuilt(model, s.builder, s.target), { ...state, trace: true }, s.builder);
}

/**
 * The record of the context as it is now: run it right after a build. `previous` (the record
 * of the same inputs, if any) gives its recorded builds' keys and its stat cache.
 */
export function recordBuild(opts: CommonOptions, previous: BuildRecord | null = null, fs?: ContextFS): BuildRecord {
  const s = setup(opts, fs);
  needDockerfile(s);
  const inputs = recordInputs(s, opts.buildArgs);
  const prev = previous !== null && previous.version === RECORD_VERSION && recordId(previous.inputs) === recordId(inputs) ? previous : null;
  const { index } = contextIndex(s);
  const state = diskState(s.fs, index, prev ? { statCache: statCacheOf(prev), statCacheAt: Date.parse(prev.recordedAt) } : {});
  const plans = plansFor(s, state);
  const { snapshot, stored } = snapshotOf(plans);
  const recordedAt = new Date().toISOString();
  const files: BuildRecord['files'] = {};
  for (const [p, h] of [...state.hashed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) files[p] = [h.size, h.mtime, h.ino, h.id];
  return {
    version: RECORD_VERSION,
    recordedAt,
    inputs,
    ...snapshot,
    builds: [{ recordedAt, stored }, ...(prev?.builds ?? [])].slice(0, RECORD_BUILDS),
    files,
  };
}

function statCacheOf(r: BuildRecord): Map<string, HashedFile> {
  const m = new Map<string, HashedFile>();
  for (const [p, [size, mtime, ino, id]] of Object.entries(r.files)) m.set(p, { size, mtime, ino, id });
  return m;
}

/** Is this a BuildRecord ctxcheck can read? (A one-line reason when not.) */
export function checkRecord(data: unknown): string | null {
  const r = data as Partial<BuildRecord> | null;
  if (typeof r !== 'object' || r === null) return 'not a JSON object';
  if (r.version !== RECORD_VERSION) return `record version ${String(r.version)}, this ctxcheck reads version ${RECORD_VERSION} (run ctxcheck record again)`;
  if (!Array.isArray(r.steps) || !Array.isArray(r.stages) || !Array.isArray(r.builds) || typeof r.files !== 'object' || typeof r.inputs !== 'object') return 'not a ctxcheck build record';
  return null;
}

async function churnView(s: Setup, files: readonly { path: string }[], onDisk: boolean): Promise<GitStatus | null> {
  let git: GitStatus | null = null;
  try {
    git = onDisk ? await gitStatus(s.inputs.contextDir) : null;
  } catch {
    git = null;
  }
  if (!git) return null;
  // As the churn analysis does: git's view only counts once git tracks part of the context.
  const g = git;
  const tracked = files.some((f) => !f.path.startsWith('.git/') && gitPathIn(g.ignored, f.path) === null && gitPathIn(g.untracked, f.path) === null);
  return tracked ? git : null;
}

async function advise(s: Setup, changed: Map<string, number[]>, files: { path: string; size: number }[], onDisk: boolean): Promise<IgnoreAdvice[]> {
  if (changed.size === 0) return [];
  const { model } = needDockerfile(s);
  const stages = stagesBuilt(model, s.builder, s.target);
  // The build definition itself is never churn.
  const own = new Set(['.dockerignore', ...(s.inputs.dockerfileRel ? [s.inputs.dockerfileRel] : [])]);
  const kept = new Map([...changed].filter(([p]) => !own.has(p)));
  const sent = files.filter((f) => !own.has(f.path));
  return ignoreAdvice(kept, {
    files: sent,
    churn: { installs: dependencyInstalls(model, stages, s.inputs.dockerfileText ?? undefined), git: await churnView(s, sent, onDisk), explicitSources: explicitSources(model, stages) },
  });
}

function header(s: Setup): Pick<Prediction, 'version' | 'context' | 'builder' | 'dockerfile' | 'target'> {
  const df = needDockerfile(s);
  return { version: 1, context: displayPath(s.inputs.contextDir, s.cwd), builder: s.builder, dockerfile: df.label, target: s.target ?? null };
}

/** Predict the next build of the context as it is now against `record` (what the last recorded build used). */
export async function predictFromRecord(opts: CommonOptions, record: BuildRecord, fs?: ContextFS): Promise<Prediction> {
  const bad = checkRecord(record);
  if (bad !== null) throw new InputError(`build record: ${bad}`);
  const s = setup(opts, fs);
  needDockerfile(s);
  const inputs = recordInputs(s, opts.buildArgs);
  if (recordId(inputs) !== recordId(record.inputs)) {
    throw new InputError(`the build record is for other inputs (${record.inputs.builder}, ${record.inputs.dockerfile ?? 'inline Dockerfile'}${record.inputs.target ? `, --target ${record.inputs.target}` : ''}): run ctxcheck record after a build of these`);
  }
  const { index, files } = contextIndex(s);
  const state = diskState(s.fs, index, { statCache: statCacheOf(record), statCacheAt: Date.parse(record.recordedAt) });
  const plans = plansFor(s, state);
  const { steps, changed } = predictSteps(plans, record, cacheOf(record.builds.map((b) => b.stored)));
  return {
    ...header(s),
    against: { kind: 'record', recordedAt: record.recordedAt, builds: record.builds.length },
    checkout: false,
    steps,
    summary: summarise(steps),
    ignore: await advise(s, changed, files, fs === undefined),
    filesRead: state.reads(),
  };
}

function contextRel(s: Setup, abs: string): string {
  return path.relative(s.inputs.contextDir, abs).split(path.sep).join('/');
}

/**
 * The ignore file a build at the ref would use, with the same choice as now: --ignore-file's
 * path, else (BuildKit) `<Dockerfile>.dockerignore` when the ref has one, else `.dockerignore`.
 */
function ignoreCandidates(s: Setup, dockerfileRel: string): string[] {
  if (s.inputs.ignoreKind === 'flag' && s.inputs.ignoreFile) return [contextRel(s, s.inputs.ignoreFile)];
  return s.builder === 'buildkit' ? [`${dockerfileRel}.dockerignore`, '.dockerignore'] : ['.dockerignore'];
}

function repoPath(prefix: string, rel: string): string | null {
  const p = path.posix.normalize(`${prefix}${rel}`);
  return p === '..' || p.startsWith('../') || p.startsWith('/') ? null : p;
}

/**
 * Predict a build of the working tree against the build of a git ref (for CI: "what rebuilds
 * relative to main's build"). A CI build of either side is a fresh checkout, so both are taken
 * as one: the ref's tree as `git ls-tree` lists it, the working tree as a commit of it would
 * hold it (tracked and untracked files, not git-ignored ones; directories only as parents of
 * files), file modes 0644 or 0755, each side with its own Dockerfile and ignore file.
 */
export async function predictFromRef(opts: CommonOptions, ref: string): Promise<Prediction> {
  const s = setup(opts);
  const df = needDockerfile(s);
  const ctxLabel = displayPath(s.inputs.contextDir, s.cwd);
  if (s.inputs.dockerfileRel === null) throw new InputError('--against needs a Dockerfile file (not an inline one)');
  const repo = await gitRepo(s.inputs.contextDir);
  if (repo === null) throw new InputError(`${ctxLabel}: not inside a git work tree (--against compares with the build of a git ref)`);
  const { root, prefix } = repo;
  const commit = await gitResolveCommit(root, ref);
  if (commit === null) throw new InputError(`--against ${ref}: not a commit in ${root}`);
  const dockerfileRel = goClean(s.inputs.dockerfileRel);
  const dfRepo = repoPath(prefix, dockerfileRel);
  if (dfRepo === null) throw new InputError(`${df.label}: outside the git repository, so it has no version at ${ref}`);

  // The ref's side.
  const candidates = ignoreCandidates(s, dockerfileRel);
  const inRepo = candidates.map((c) => repoPath(prefix, c));
  const blobs = await gitShowFiles(root, [{ rev: commit, path: dfRepo }, ...inRepo.flatMap((p) => (p === null ? [] : [{ rev: commit, path: p }]))]);
  const dfAtRef = blobs[0] ?? null;
  if (dfAtRef === null) throw new InputError(`--against ${ref}: no ${dockerfileRel} at ${commit.slice(0, 12)}`);
  let refIgnoreRel: string | null = null;
  let refRules: RawRule[] = [];
  if (inRepo.length === 1 && inRepo[0] === null) {
    // An --ignore-file outside the repository: the same file for both sides.
    refIgnoreRel = candidates[0]!;
    refRules = s.inputs.ignoreRules;
  } else {
    const k = blobs.slice(1).findIndex((b) => b !== null);
    if (k >= 0) {
      refIgnoreRel = candidates[k]!;
      try {
        refRules = readIgnoreFile(blobs[k + 1]!, `${refIgnoreRel} at ${ref}`);
      } catch (err) {
        throw new InputError((err as Error).message);
      }
    }
  }
  const tree = await gitLsTree(root, commit, prefix === '' ? '' : prefix.slice(0, -1));
  const refState = revisionState(tree, { prefix, rev: commit, linkTargets: await linkTargetsOf(root, [tree]), builder: s.builder, rules: refRules, ignoreRel: refIgnoreRel, dockerfileRel });
  let refPlans: StagePlan[];
  try {
    const model = parseDockerfile(dfAtRef.toString('utf8'), { ...(opts.buildArgs ? { buildArgs: opts.buildArgs } : {}), ...(opts.target ? { target: opts.target } : {}) });
    refPlans = buildPlans(model, stagesBuilt(model, s.builder, s.target), { ...refState, trace: true }, s.builder);
  } catch (err) {
    throw new InputError(`${dockerfileRel} at ${ref}: ${(err as Error).message}`);
  }
  const { snapshot, stored } = snapshotOf(refPlans);

  // The working tree's side, as a checkout of it would be.
  const listed = await gitWorkTreeFiles(root, prefix === '' ? '' : prefix.slice(0, -1));
  const entries: { path: string; type: EntryType }[] = [];
  const special = new Map<string, EntryInfo>();
  const files: { path: string; size: number }[] = [];
  for (const f of listed) {
    if (prefix !== '' && !f.path.startsWith(prefix)) continue;
    const p = f.path.slice(prefix.length);
    if (p === '') continue;
    if (f.mode === '160000') {
      // A submodule: one file standing for its commit (as the ref's side models it).
      entries.push({ path: p, type: 'file' });
      special.set(p, { type: 'file', mode: 0o644, id: `commit:${f.oid ?? ''}` });
      continue;
    }
    let type: EntryType;
    let size = 0;
    try {
      const st = s.fs.lstat(p);
      type = st.type;
      size = st.size;
    } catch {
      continue; // deleted in the working tree: a commit of it would not hold it
    }
    if (type !== 'file' && type !== 'symlink') continue;
    entries.push({ path: p, type });
    files.push({ path: p, size });
  }
  if (prefix === '') {
    entries.push({ path: '.git/HEAD', type: 'file' });
    special.set('.git/HEAD', { type: 'file', mode: 0o644, id: 'checkout:working-tree' });
  }
  const ignoreRel = s.inputs.ignoreFile ? contextRel(s, s.inputs.ignoreFile) : null;
  const index = treeIndex(entries, { builder: s.builder, rules: s.inputs.ignoreRules, ignoreRel, dockerfileRel });
  const disk = diskState(s.fs, index, { checkoutModes: true });
  const state: ContextState = { index, info: (p) => (index.get(p) === undefined ? undefined : (special.get(p) ?? disk.info(p))) };
  const plans = plansFor(s, state);
  const { steps, changed } = predictSteps(plans, snapshot, cacheOf([stored]));
  return {
    ...header(s),
    against: { kind: 'ref', ref, commit },
    checkout: true,
    steps,
    summary: summarise(steps),
    ignore: await advise(s, changed, files, true),
    filesRead: disk.reads(),
  };
}

/**
 * Would a build of these inputs send `file` (absolute)? A record kept there would be content of
 * `COPY . .` and change with every record, busting the cache it describes.
 */
export function wouldBeSent(opts: CommonOptions, file: string): boolean {
  const s = setup(opts);
  const ctx = realContext(s.inputs.contextDir);
  let dir: string;
  try {
    dir = realpathSync(path.dirname(file));
  } catch {
    // Not created yet: resolve the nearest existing parent.
    let p = path.dirname(file);
    const rest: string[] = [];
    for (;;) {
      try {
        dir = path.join(realpathSync(p), ...rest.reverse());
        break;
      } catch {
        const up = path.dirname(p);
        if (up === p) {
          dir = path.dirname(file);
          break;
        }
        rest.push(path.basename(p));
        p = up;
      }
    }
  }
  const rel = path.relative(ctx, path.join(dir, path.basename(file))).split(path.sep).join('/');
  if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return false;
  return explainPath(s.matcher, s.builder, rel, false).included;
}

/** The record inputs of these options (where its record is kept depends on them). */
export function recordInputsFor(opts: CommonOptions): RecordInputs {
  const s = setup(opts);
  needDockerfile(s);
  return recordInputs(s, opts.buildArgs);
}
