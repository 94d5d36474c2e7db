// Cache replay: rebuild the recent git history in the head, one commit after another, and count
// how often each Dockerfile step would miss the build cache.
//
// For each of the last N first-parent commits (and the parent of the oldest):
//   - the context tree comes from `git ls-tree -r` (files only: git has no empty directories, so a
//     checkout has exactly the directories its files imply), filtered by the ignore file read AT
//     THAT REVISION (plus any `extraIgnore` lines) through the same matcher and walk the rest of
//     ctxcheck uses, so inclusion is Docker-exact;
//   - the Dockerfile is read and parsed at that revision;
//   - every cache step of the stages the builder builds gets its cache key from the content it
//     reads (git blob ids and modes: what the builders hash; mtimes never matter) — see
//     cache-keys.ts for what each builder keys on, pinned against a real engine.
// Two cache models (named in the output):
//   - local (default): the builder keeps every earlier build, as `docker build` does by default,
//     so a commit that reverts a change hits the cache of the build before the change;
//   - previous: only the previous commit's build is in the cache (a CI runner restoring the last
//     build's cache).
// Remote ADD sources are assumed unchanged (their content is not in the repository); a submodule
// is one file at its path, changed when its commit moves.
// Line numbers in `steps` are those of the newest commit's Dockerfile; an older commit's steps are
// matched to them per stage (by name, else index) with a diff of the instruction texts (alignOps):
// an edited instruction still counts as the same step, an added or removed one has no match.
import { mapBounded } from '../util/map-bounded.js';
import * as path from 'node:path';
import { parseDockerfile } from '../dockerfile/parse.js';
import { stagesBuilt } from '../dockerfile/stages.js';
import type { ContextIndex } from '../dockerfile/copy-sources.js';
import { matcherFor } from '../context/matcher-for.js';
import { walkContext } from '../context/walk.js';
import type { Builder } from '../context/builders.js';
import { Matcher } from '../ignore/matcher.js';
import { readIgnoreFile, type RawRule } from '../ignore/parse.js';
import { FsError, type ContextFS, type DirEntry, type EntryType, type Stat } from '../fs/types.js';
import { gitBlobs, gitDiffNames, gitLog, gitLsTree, gitRepo, gitShowFiles, type TreeEntry } from '../git.js';
import { goClean } from '../paths.js';
import { manifestFirst } from './cache-bust.js';
import { buildPlans, CacheStore, evaluate, type ContextState, type EntryInfo, type PlannedOp, type StagePlan, type StepStatus } from './cache-keys.js';

/** Which earlier builds the builder's cache holds (see the header). */
export type CacheModel = 'local' | 'previous';
export const CACHE_MODELS: readonly CacheModel[] = ['local', 'previous'];
export const CACHE_MODEL_TEXT: Record<CacheModel, string> = {
  local: 'local: the builder keeps every earlier build, as docker build does by default',
  previous: "previous: only the previous commit's build is cached, as on a CI runner that restores the last build's cache",
};

export interface ReplayOptions {
  /** Absolute (or cwd-relative) context directory, inside a git work tree. */
  contextDir: string;
  /** The Dockerfile, relative to the context (may start with "../" while inside the repository). */
  dockerfileRel: string;
  /** The ignore file, relative to the context; null = none. Read at each commit (absent there = no rules). */
  ignoreFileRel: string | null;
  builder: Builder;
  target?: string;
  buildArgs?: Record<string, string>;
  /** How many of the latest commits (first-parent history of HEAD) to replay. */
  commits: number;
  /** Extra ignore lines appended to the ignore file at every commit, to simulate suggested rules. */
  extraIgnore?: string[];
  /**
   * Simulate the dependency-manifest-first layout wherever manifestFirst() advises it: a COPY of
   * just the manifests the broad COPY takes in, and the install RUN, moved in front of the broad
   * COPY (the RUN is taken out of its old place; instructions between the two stay after the
   * broad COPY). Approximation: the install is assumed to read only those manifests.
   */
  reorderManifestFirst?: boolean;
  /** Revision to start from (default HEAD). */
  rev?: string;
  /** Default 'local'. */
  cacheModel?: CacheModel;
}

export interface ReplayStep {
  stage: number;
  line: number;
  text: string;
  /** COPY, ADD, RUN, or the keyword (WORKDIR; every instruction for the legacy builder). */
  kind: string;
  /** How many of the examined commits would rebuild this step (uncertain ones included). */
  rebuilds: number;
  /**
   * Of those, how many rebuild only if a rebuilt stage's output changed (COPY --from and what
   * follows it: both builders key it on the copied content, which a RUN may leave unchanged).
   */
  uncertain: number;
  /** A step that only exists in the reorderManifestFirst simulation (its line is the broad COPY's). */
  simulated?: boolean;
}

export interface ReplayCommit {
  commit: string;
  subject: string;
  /** Line (in this commit's Dockerfile) of the first step whose cache breaks; null = full cache hit. */
  firstStep: number | null;
  /** How many steps rebuild (uncertain ones included). */
  rebuilt: number;
  /** Lines (in the newest Dockerfile, see ReplayResult.steps) of the steps that rebuild, uncertain ones included. */
  rebuiltLines: number[];
  /** Of those, the lines that rebuild only if a rebuilt stage's output changed. */
  uncertainLines: number[];
  /** Changed paths inside the context (included or not). */
  changed: number;
  /** Why the commit was not examined (no Dockerfile, unknown target, bad ignore file). */
  skipped?: string;
}

export interface ReplayResult {
  cacheModel: CacheModel;
  /** Consecutive (parent, commit) pairs examined. */
  commits: number;
  /** Steps of the newest examined commit's Dockerfile, in build order, with rebuild counts. */
  steps: ReplayStep[];
  /** Newest first. */
  perCommit: ReplayCommit[];
}

// ---------------------------------------------------------------------------------------------
// A ContextFS over a git tree listing (names only; content is never read).

export class TreeFS implements ContextFS {
  private readonly kids = new Map<string, DirEntry[]>([['.', []]]);
  private readonly types = new Map<string, EntryType>([['.', 'dir']]);

  constructor(entries: readonly { path: string; type: EntryType }[]) {
    for (const e of entries) {
      const parts = e.path.split('/');
      let dir = '.';
      for (let i = 0; i < parts.length; i++) {
        const name = parts[i]!;
        const p = dir === '.' ? name : `${dir}/${name}`;
        const last = i === parts.length - 1;
        if (!this.types.has(p)) {
          const type: EntryType = last ? e.type : 'dir';
          this.types.set(p, type);
          this.kids.get(dir)!.push({ name, type });
          if (type === 'dir') this.kids.set(p, []);
        }
        dir = p;
      }
    }
  }

  readdir(p: string): DirEntry[] {
    const k = this.kids.get(p);
    if (!k) throw new FsError(this.types.has(p) ? 'ENOTDIR' : 'ENOENT', p, `${p}: not a directory`);
    return k.slice();
  }

  lstat(p: string): Stat {
    const type = this.types.get(p);
    if (type === undefined) throw new FsError('ENOENT', p, `${p}: ENOENT: no such file or directory`);
    return { type, size: 0, mode: type === 'dir' ? 0o755 : 0o644, mtime: 0, uid: 0, gid: 0, nlink: 1, ino: 0, dev: 1, rdev: 0 };
  }

  readlink(): string {
    return '';
  }

  readFile(): Uint8Array {
    return new Uint8Array(0);
  }

  canRead(): boolean {
    return true;
  }
}

/**
 * A ContextIndex over walkContext entries (already clean, every directory listed before its
 * children, siblings in byte order): what indexFromPaths builds, without re-normalising.
 */
function indexFromWalk(entries: readonly { path: string; type: string }[]): ContextIndex {
  const types = new Map<string, string>([['.', 'dir']]);
  const kids = new Map<string, string[]>();
  for (const e of entries) {
    types.set(e.path, e.type);
    const slash = e.path.lastIndexOf('/');
    const dir = slash < 0 ? '.' : e.path.slice(0, slash);
    let list = kids.get(dir);
    if (!list) kids.set(dir, (list = []));
    list.push(slash < 0 ? e.path : e.path.slice(slash + 1));
  }
  return { get: (p) => types.get(p), children: (d) => kids.get(d) ?? [] };
}

// ---------------------------------------------------------------------------------------------
// Per-revision build plans

interface RevState {
  rev: string;
  error: string | null;
  plans: StagePlan[];
}

/**
 * Match the ops of one stage at an older commit (`a`) to those of the newest commit (`b`): equal
 * kind and text by longest common subsequence; between two matches, a run of changed ops with
 * as many ops on both sides is paired in order when the kinds agree (an edited instruction).
 */
export function alignOps<T extends { agg: string; kind: string }>(a: readonly T[], b: readonly T[]): Map<T, T> {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i]!.agg === b[j]!.agg ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out = new Map<T, T>();
  let gapA: T[] = [];
  let gapB: T[] = [];
  const flush = (): void => {
    if (gapA.length === gapB.length) gapA.forEach((x, k) => { if (x.kind === gapB[k]!.kind) out.set(x, gapB[k]!); });
    gapA = [];
    gapB = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i]!.agg === b[j]!.agg && lcs[i]![j] === lcs[i + 1]![j + 1]! + 1) {
      flush();
      out.set(a[i]!, b[j]!);
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      gapB.push(b[j++]!);
    } else {
      gapA.push(a[i++]!);
    }
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------

function repoPath(prefix: string, rel: string): string {
  const p = path.posix.normalize(`${prefix}${rel}`);
  if (p === '..' || p.startsWith('../') || p.startsWith('/')) throw new Error(`${rel}: outside the git repository`);
  return p;
}


function entryType(e: TreeEntry): EntryType {
  if (e.mode === '120000') return 'symlink';
  return 'file'; // blobs, and submodules (one file standing for the gitlink)
}

/** The content identity the builders hash, from a git tree entry (mode: what a checkout writes). */
function entryInfo(e: TreeEntry, linkTarget: string | undefined): EntryInfo {
  if (e.mode === '120000') return { type: 'symlink', mode: 0o777, id: linkTarget ?? e.oid };
  if (e.mode === '160000') return { type: 'file', mode: 0o644, id: `commit:${e.oid}` };
  return { type: 'file', mode: e.mode === '100755' ? 0o755 : 0o644, id: e.oid };
}

/** How the context of one state is filtered: the builder, its ignore rules, and the Dockerfile's place. */
export interface ContextFilter {
  builder: Builder;
  rules: readonly RawRule[];
  /** The ignore file relative to the context (its label in decisions); null = none. */
  ignoreRel: string | null;
  dockerfileRel: string;
}

/**
 * What the legacy daemon removes from the context after reading them: the Dockerfile and
 * .dockerignore when the ignore rules exclude them (the CLI sends them anyway; moby
 * builder/remotecontext/detect.go removeDockerfile). Empty for BuildKit.
 */
export function legacyDaemonDrops(f: ContextFilter): Set<string> {
  if (f.builder !== 'legacy') return new Set();
  const raw = Matcher.fromRaw(f.rules, f.ignoreRel ?? '');
  return new Set(['.dockerignore', f.dockerfileRel].filter((p) => raw.matchesOrParentMatches(p).excluded));
}

/**
 * The index of what the builder receives from a listing of a checkout-like tree (files and
 * symlinks; directories exist as their parents): walked through the ignore rules as the
 * builder walks a context, minus what the legacy daemon removes.
 */
export function treeIndex(entries: readonly { path: string; type: EntryType }[], f: ContextFilter): ContextIndex {
  const fs = new TreeFS(entries);
  const matcher = matcherFor(f.builder, f.rules, f.ignoreRel ?? '', f.dockerfileRel);
  let included = Array.from(walkContext({ fs, matcher, builder: f.builder }).entries, (e) => ({ path: e.path, type: e.type as string }));
  const drop = legacyDaemonDrops(f);
  if (drop.size > 0) included = included.filter((e) => !drop.has(e.path));
  return indexFromWalk(included);
}

export interface RevisionOptions extends ContextFilter {
  /** The context directory relative to the repository root, with a trailing "/" ('' at the root). */
  prefix: string;
  rev: string;
  /** Symlink blob id → target text (a link's blob is its target). */
  linkTargets: ReadonlyMap<string, string>;
}

/**
 * The context state at one revision, from its `git ls-tree -r` listing: blob ids and the modes a
 * checkout writes (0644, 0755 for 100755; 0755 directories), symlink targets, submodules as one
 * file per gitlink, and a synthetic .git/HEAD per revision when the context is the repository
 * root (its .git, unless ignored, is content of `COPY . .` and differs between checkouts).
 */
export function revisionState(tree: readonly TreeEntry[], o: RevisionOptions): ContextState {
  const infos = new Map<string, EntryInfo>();
  const entries: { path: string; type: EntryType }[] = [];
  for (const e of tree) {
    const p = e.path.slice(o.prefix.length);
    if (p === '') continue;
    entries.push({ path: p, type: entryType(e) });
    infos.set(p, entryInfo(e, o.linkTargets.get(e.oid)));
  }
  if (o.prefix === '') {
    // A context at the repository root holds .git, whose content (HEAD, index, logs) changes
    // with every commit and checkout: unless the ignore file excludes it, `COPY . .` misses.
    entries.push({ path: '.git/HEAD', type: 'file' });
    infos.set('.git/HEAD', { type: 'file', mode: 0o644, id: `checkout:${o.rev}` });
  }
  const index = treeIndex(entries, o);
  return {
    index,
    // Directories exist in a checkout only as parents of files; git keeps no directory modes.
    info: (p) => (index.get(p) === undefined ? undefined : (infos.get(p) ?? { type: 'dir', mode: 0o755, id: '' })),
  };
}

/** Symlink targets of these trees, fetched once per distinct blob. */
export async function linkTargetsOf(root: string, trees: readonly (readonly TreeEntry[])[]): Promise<Map<string, string>> {
  const linkOids = [...new Set(trees.flatMap((t) => t.filter((e) => e.mode === '120000').map((e) => e.oid)))];
  const linkTargets = new Map<string, string>();
  (await gitBlobs(root, linkOids)).forEach((b, i) => {
    if (b) linkTargets.set(linkOids[i]!, b.toString('utf8'));
  });
  return linkTargets;
}

/**
 * Replay the last `commits` commits and count, per Dockerfile step, how many would rebuild it.
 * Throws when the context is not inside a git work tree or git fails.
 */
export async function cacheReplay(opts: ReplayOptions): Promise<ReplayResult> {
  const contextDir = path.resolve(opts.contextDir);
  const repo = await gitRepo(contextDir);
  if (repo === null) throw new Error(`${opts.contextDir}: not inside a git work tree (or git is not installed)`);
  const { root, prefix } = repo;
  const dockerfileRel = goClean(opts.dockerfileRel);
  const dfRepo = repoPath(prefix, dockerfileRel);
  const ignoreRel = opts.ignoreFileRel === null ? null : goClean(opts.ignoreFileRel);
  const ignoreRepo = ignoreRel === null ? null : repoPath(prefix, ignoreRel);
  const extra: RawRule[] = (opts.extraIgnore ?? []).map((text, i) => ({ text, line: 100_000 + i, raw: text }));
  const builder = opts.builder;
  const cacheModel = opts.cacheModel ?? 'local';

  const log = await gitLog(root, opts.commits, opts.rev ?? 'HEAD');
  const pairs = log.filter((c) => c.parents.length > 0);
  const revs = [...new Set(pairs.flatMap((c) => [c.commit, c.parents[0]!]))];

  // The Dockerfile and ignore file of every revision, in one git process.
  const specs = revs.flatMap((rev) => [{ rev, path: dfRepo }, ...(ignoreRepo === null ? [] : [{ rev, path: ignoreRepo }])]);
  const blobs = await gitShowFiles(root, specs);
  const perRev = ignoreRepo === null ? 1 : 2;
  const trees = await mapBounded(revs, 4, (rev) => gitLsTree(root, rev, prefix === '' ? '' : prefix.slice(0, -1)));
  // Symlink targets (a link's blob is its target text), fetched once per distinct blob.
  const linkTargets = await linkTargetsOf(root, trees);

  const loadRev = (rev: string, i: number): RevState => {
    const state: RevState = { rev, error: null, plans: [] };
    const tree = trees[i]!;
    const df = blobs[i * perRev] ?? null;
    const ign = ignoreRepo === null ? null : (blobs[i * perRev + 1] ?? null);
    if (df === null) {
      state.error = `no ${dockerfileRel} at this commit`;
      return state;
    }
    try {
      const rules: RawRule[] = [...(ign ? readIgnoreFile(ign, ignoreRel!) : []), ...extra];
      const ctx = revisionState(tree, { prefix, rev, linkTargets, builder, rules, ignoreRel, dockerfileRel });
      const index = ctx.index;
      const text = df.toString('utf8');
      const model = parseDockerfile(text, { ...(opts.buildArgs ? { buildArgs: opts.buildArgs } : {}), ...(opts.target ? { target: opts.target } : {}) });
      const stages = stagesBuilt(model, builder, opts.target);
      const advice = opts.reorderManifestFirst ? manifestFirst(model, stages, index, text) : [];
      state.plans = buildPlans(model, stages, ctx, builder, advice);
    } catch (err) {
      state.error = (err as Error).message;
    }
    return state;
  };

  const states = new Map<string, RevState>();
  revs.forEach((rev, k) => states.set(rev, loadRev(rev, k)));
  const diffs = await mapBounded(pairs, 4, (c) => gitDiffNames(root, c.parents[0]!, c.commit));

  const newest = pairs.map((c) => states.get(c.commit)!).find((s) => s.error === null);
  const newestPlans = new Map((newest?.plans ?? []).map((p) => [p.id, p]));
  const alignments = new Map<RevState, Map<PlannedOp, PlannedOp>>();
  const alignTo = (state: RevState): Map<PlannedOp, PlannedOp> => {
    let map = alignments.get(state);
    if (map) return map;
    map = new Map();
    for (const plan of state.plans) {
      const target = newestPlans.get(plan.id);
      if (target) for (const [x, y] of alignOps(plan.ops, target.ops)) map.set(x, y);
    }
    alignments.set(state, map);
    return map;
  };

  // What each revision's build stores, computed in history order (oldest first) so that the
  // local model's cache holds every earlier build.
  const stored = new Map<string, CacheStore>();
  const everything = new CacheStore();
  const build = (state: RevState, cache: CacheStore): Map<PlannedOp, StepStatus> | null => {
    if (state.error !== null) return null;
    const ev = evaluate(state.plans, cache);
    stored.set(state.rev, ev.stored);
    return ev.status;
  };
  const chronological = pairs.map((c, i) => ({ c, i })).reverse();
  const oldestParent = chronological[0] ? states.get(chronological[0].c.parents[0]!) : undefined;
  if (oldestParent) {
    build(oldestParent, new CacheStore());
    const st = stored.get(oldestParent.rev);
    if (st) everything.addAll(st);
  }

  const perCommit: ReplayCommit[] = new Array(pairs.length);
  const counts = new Map<PlannedOp, { rebuilds: number; uncertain: number }>();
  let examined = 0;
  for (const { c, i } of chronological) {
    const cur = states.get(c.commit)!;
    const changed = diffs[i]!.filter((p) => prefix === '' || p.startsWith(prefix)).length;
    if (cur.error !== null) {
      perCommit[i] = { commit: c.commit, subject: c.subject, firstStep: null, rebuilt: 0, rebuiltLines: [], uncertainLines: [], changed, skipped: cur.error };
      continue;
    }
    examined++;
    let cache: CacheStore;
    if (cacheModel === 'local') cache = everything;
    else {
      const prev = states.get(c.parents[0]!)!;
      if (!stored.has(prev.rev)) build(prev, new CacheStore());
      cache = stored.get(prev.rev) ?? new CacheStore();
    }
    const status = build(cur, cache)!;
    if (cacheModel === 'local') everything.addAll(stored.get(cur.rev)!);
    const align = alignTo(cur);
    let first: number | null = null;
    let rebuilt = 0;
    const rebuiltLines: number[] = [];
    const uncertainLines: number[] = [];
    for (const plan of cur.plans) {
      for (const op of plan.ops) {
        const st = status.get(op);
        if (st === 'hit' || st === undefined) continue;
        rebuilt++;
        first ??= op.line;
        const step = align.get(op);
        if (!step) continue;
        rebuiltLines.push(step.line);
        if (st === 'uncertain') uncertainLines.push(step.line);
        const n = counts.get(step) ?? { rebuilds: 0, uncertain: 0 };
        n.rebuilds++;
        if (st === 'uncertain') n.uncertain++;
        counts.set(step, n);
      }
    }
    perCommit[i] = { commit: c.commit, subject: c.subject, firstStep: first, rebuilt, rebuiltLines, uncertainLines, changed };
  }

  const steps: ReplayStep[] = [];
  for (const plan of newest?.plans ?? []) {
    for (const op of plan.ops) {
      const n = counts.get(op);
      const step: ReplayStep = { stage: plan.index, line: op.line, text: op.text, kind: op.kind, rebuilds: n?.rebuilds ?? 0, uncertain: n?.uncertain ?? 0 };
      if (op.simulated) step.simulated = true;
      steps.push(step);
    }
  }
  return { cacheModel, commits: examined, steps, perCommit };
}
