// Cache replay: rebuild the recent git history in the head, one commit after another, and count
// how often each Dockerfile step would miss the build cache — with the cache of the parent
// commit's build available, which is what an incremental CI or a developer pulling gets.
//
// For each of the last N first-parent commits, at the commit and at its parent:
//   - the context tree comes from `git ls-tree -r` (files only: git has no empty directories),
//     filtered by the ignore file read AT THAT REVISION (plus any `extraIgnore` lines) through
//     the same matcher and walk the rest of ctxcheck uses, so inclusion is Docker-exact;
//   - the Dockerfile is read and parsed at that revision;
//   - every COPY/ADD/RUN --mount of the built stages is resolved to the context files it takes
//     in (copiedFiles).
// The changed files come from `git diff-tree` (content and mode: what BuildKit's content-based
// cache key sees; mtimes never matter). Then, per stage, the cache chain is compared like the
// builder does: a step hits only if every step before it hit, its own definition is unchanged
// and the files it takes in are the same set with the same content. The first miss is where
// the cache breaks; everything after it in the stage, and in stages built FROM it, rebuilds.
//
// What takes part in the chain:
//   - BuildKit: the instructions that become LLB operations — RUN, COPY, ADD, WORKDIR. ENV, ARG,
//     USER and SHELL are folded into the key of later RUNs (they change their environment) and
//     WORKDIR into later COPY/ADD/RUN; a COPY/ADD is keyed on its text, expanded sources and
//     destination, so an ENV edit reruns the next RUN but not a COPY in between; LABEL, CMD,
//     EXPOSE, ENTRYPOINT, ... only edit the image config and never invalidate anything.
//   - legacy builder: every instruction is a cache step (its text is the key).
//   - FROM: the same base image text (a moved tag is invisible here) or the same base stage
//     with no miss in it; COPY --from / RUN --mount from= a stage that had a miss counts as a
//     changed input (conservative: BuildKit would hit if the rebuilt output were byte-identical).
//   - ADD of a URL or git source: assumed unchanged (its content is not in the repository).
//   - submodules: a submodule is modelled as one file at its path, changed when its commit moves.
// Line numbers in `steps` are those of the newest commit's Dockerfile; an older commit's steps are
// matched to them per stage (by name, else index) with a diff of the instruction texts (alignOps):
// an edited instruction still counts as the same step, an added or removed one has no match.
import { mapBounded } from '../util/map-bounded.js';
import * as path from 'node:path';
import type { CopyLike, DockerfileModel, RunInstr } from '../dockerfile/model.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import { stagesToBuild } from '../dockerfile/stages.js';
import { copiedFiles, type ContextIndex, type FileSet } from '../dockerfile/copy-sources.js';
import { matcherFor } from '../context/matcher-for.js';
import { walkContext } from '../context/walk.js';
import type { Builder } from '../context/builders.js';
import { Matcher } from '../ignore/matcher.js';
import { readIgnoreFile, type RawRule } from '../ignore/parse.js';
import { FsError, type ContextFS, type DirEntry, type EntryType, type Stat } from '../fs/types.js';
import { gitDiffNames, gitLog, gitLsTree, gitRepo, gitShowFiles, type TreeEntry } from '../git.js';
import { goClean } from '../paths.js';
import { manifestFirst, type ManifestAdvice } from './cache-bust.js';

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
}

export interface ReplayStep {
  stage: number;
  line: number;
  text: string;
  /** COPY, ADD, RUN, or the keyword (WORKDIR; every instruction for the legacy builder). */
  kind: string;
  /** How many of the examined commits would rebuild this step. */
  rebuilds: number;
  /** A step that only exists in the reorderManifestFirst simulation (its line is the broad COPY's). */
  simulated?: boolean;
}

export interface ReplayCommit {
  commit: string;
  subject: string;
  /** Line (in this commit's Dockerfile) of the first step whose cache breaks; null = full cache hit. */
  firstStep: number | null;
  /** How many steps rebuild. */
  rebuilt: number;
  /** Changed paths inside the context (included or not). */
  changed: number;
  /** Why the commit was not examined (no Dockerfile, unknown target, bad ignore file). */
  skipped?: string;
}

export interface ReplayResult {
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

interface Op {
  kind: string;
  line: number;
  text: string;
  /** The op's own definition (what must be equal for a hit, besides inputs). */
  key: string;
  /** Context files taken in, or null when it reads nothing from the context. */
  files: FileSet | null;
  /** Ids of stages it reads (COPY --from, RUN --mount from=). */
  fromStages: string[];
  simulated: boolean;
  /** Identity used to match this op to the newest commit's steps (kind and text). */
  agg: string;
}

interface StagePlan {
  index: number;
  id: string;
  base: string;
  /** Base stage id, when FROM names a stage. */
  baseStage: string | null;
  ops: Op[];
}

interface RevState {
  rev: string;
  error: string | null;
  plans: StagePlan[];
}

const ENV_KEYWORDS = new Set(['ENV', 'ARG', 'USER', 'SHELL']);

function stageId(model: DockerfileModel, i: number): string {
  return model.stages[i]?.name ?? `#${i}`;
}

function buildPlans(
  model: DockerfileModel,
  stages: readonly number[],
  index: ContextIndex,
  builder: Builder,
  advice: readonly ManifestAdvice[],
): StagePlan[] {
  const plans: StagePlan[] = [];
  const finalEnv = new Map<number, string>();
  const finalWd = new Map<number, string>();
  for (const s of stages) {
    const st = model.stages[s]!;
    const id = stageId(model, s);
    const initialEnv = st.baseStage !== null ? (finalEnv.get(st.baseStage) ?? '') : '';
    let env = initialEnv;
    // WORKDIR history: resolves relative COPY/ADD destinations (ENV/ARG/USER do not enter a
    // COPY's cache key, only its expanded sources and destination do).
    let wd = st.baseStage !== null ? (finalWd.get(st.baseStage) ?? '') : '';
    const ops: Op[] = [];
    const push = (op: Omit<Op, 'agg'>, aggText: string): void => {
      ops.push({ ...op, agg: `${op.kind}\0${aggText}` });
    };
    const adv = advice.find((a) => a.stage === s) ?? null;
    const moved = adv ? st.instructions.find((x): x is RunInstr => x.kind === 'RUN' && x.line === adv.installLine) : undefined;
    const fromIds = (ins: CopyLike | RunInstr): string[] => {
      if (ins.kind === 'RUN') return ins.mounts.filter((m) => m.fromStage !== null).map((m) => stageId(model, m.fromStage!));
      return ins.fromStage !== null ? [stageId(model, ins.fromStage)] : [];
    };
    const filesOf = (ins: CopyLike | RunInstr): FileSet | null => {
      const reads = ins.kind === 'RUN' ? ins.mounts.some((m) => m.type === 'bind' && m.from === null) : ins.from === null && ins.sources.some((_, k) => !ins.remote[k]);
      return reads ? copiedFiles(ins, index) : null;
    };
    const opFor = (ins: CopyLike | RunInstr, simulated: boolean): Omit<Op, 'agg'> => {
      let key: string;
      if (builder === 'legacy') key = ins.kind === 'RUN' ? ins.text : `${ins.text}\0${JSON.stringify(ins.sources)}\0${ins.dest}`;
      else if (ins.kind === 'RUN') key = `${ins.text}\0${env}`;
      else key = `${ins.text}\0${JSON.stringify(ins.sources)}\0${ins.dest}\0${wd}`;
      return { kind: ins.kind, line: ins.line, text: ins.text, key, files: filesOf(ins), fromStages: fromIds(ins), simulated };
    };
    for (const ins of st.instructions) {
      if (ins === moved) continue;
      if (adv && moved && (ins.kind === 'COPY' || ins.kind === 'ADD') && ins.line === adv.line) {
        const text = `COPY ${adv.manifests.join(' ')} ./`;
        push(
          { kind: 'COPY', line: adv.line, text, key: `${text}\0${wd}`, files: new Set(adv.manifests), fromStages: [], simulated: true },
          'manifest-first',
        );
        push(opFor(moved, false), moved.text);
      }
      if (ins.kind === 'OTHER') {
        if (builder === 'legacy') {
          push({ kind: ins.keyword, line: ins.line, text: ins.text, key: ins.text, files: null, fromStages: [], simulated: false }, ins.text);
        } else if (ins.keyword === 'WORKDIR') {
          // A mkdir keyed on its path (relative to the previous WORKDIR); variables in it expand from the environment.
          const key = `${ins.text}\0${wd}${ins.text.includes('$') ? `\0${env}` : ''}`;
          push({ kind: 'WORKDIR', line: ins.line, text: ins.text, key, files: null, fromStages: [], simulated: false }, ins.text);
        }
        if (ENV_KEYWORDS.has(ins.keyword) || ins.keyword === 'WORKDIR') env += `\n${ins.text}`;
        if (ins.keyword === 'WORKDIR') wd += `\n${ins.text}`;
        continue;
      }
      push(opFor(ins, false), ins.text);
    }
    finalEnv.set(s, env);
    finalWd.set(s, wd);
    plans.push({
      index: s,
      id,
      base: st.image,
      baseStage: st.baseStage !== null ? stageId(model, st.baseStage) : null,
      ops,
    });
  }
  return plans;
}

function sameInputs(a: FileSet | null, b: FileSet | null, changed: readonly string[]): boolean {
  if (a === null || b === null) return a === b;
  if (a.size !== b.size) return false;
  for (const f of a) if (!b.has(f)) return false;
  for (const f of changed) if (a.has(f)) return false;
  return true;
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

/** The ops of `cur` that miss the cache left by building `prev`, in build order. */
function misses(cur: RevState, prev: RevState | null, changed: readonly string[]): Op[] {
  const out: Op[] = [];
  const missed = new Set<string>();
  const prevPlans = new Map((prev?.error === null ? prev.plans : []).map((p) => [p.id, p]));
  for (const plan of cur.plans) {
    const old = prevPlans.get(plan.id);
    let hit =
      old !== undefined &&
      old.base === plan.base &&
      old.baseStage === plan.baseStage &&
      (plan.baseStage === null || !missed.has(plan.baseStage));
    plan.ops.forEach((op, k) => {
      if (hit) {
        const q = old!.ops[k];
        hit = q !== undefined && q.key === op.key && sameInputs(op.files, q.files, changed) && !op.fromStages.some((id) => missed.has(id));
      }
      if (!hit) {
        out.push(op);
        missed.add(plan.id);
      }
    });
  }
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

  const log = await gitLog(root, opts.commits, opts.rev ?? 'HEAD');
  const pairs = log.filter((c) => c.parents.length > 0);
  const revs = [...new Set(pairs.flatMap((c) => [c.commit, c.parents[0]!]))];

  // The Dockerfile and ignore file of every revision, in one git process.
  const specs = revs.flatMap((rev) => [{ rev, path: dfRepo }, ...(ignoreRepo === null ? [] : [{ rev, path: ignoreRepo }])]);
  const blobs = await gitShowFiles(root, specs);
  const perRev = ignoreRepo === null ? 1 : 2;

  const loadRev = async (rev: string, i: number): Promise<RevState> => {
    const state: RevState = { rev, error: null, plans: [] };
    const tree = await gitLsTree(root, rev, prefix === '' ? '' : prefix.slice(0, -1));
    const df = blobs[i * perRev] ?? null;
    const ign = ignoreRepo === null ? null : (blobs[i * perRev + 1] ?? null);
    if (df === null) {
      state.error = `no ${dockerfileRel} at this commit`;
      return state;
    }
    try {
      const entries = tree.map((e) => ({ path: e.path.slice(prefix.length), type: entryType(e) })).filter((e) => e.path !== '');
      const fs = new TreeFS(entries);
      const rules: RawRule[] = [...(ign ? readIgnoreFile(ign, ignoreRel!) : []), ...extra];
      const matcher = matcherFor(builder, rules, ignoreRel ?? '', dockerfileRel);
      let included = Array.from(walkContext({ fs, matcher, builder }).entries, (e) => ({ path: e.path, type: e.type as string }));
      if (builder === 'legacy') {
        // The daemon removes the Dockerfile and .dockerignore from the context after reading them
        // when the ignore rules exclude them (moby builder/remotecontext/detect.go removeDockerfile).
        const raw = Matcher.fromRaw(rules, ignoreRel ?? '');
        const drop = new Set(['.dockerignore', dockerfileRel].filter((f) => raw.matchesOrParentMatches(f).excluded));
        included = included.filter((e) => !drop.has(e.path));
      }
      const index = indexFromWalk(included);
      const text = df.toString('utf8');
      const model = parseDockerfile(text, { ...(opts.buildArgs ? { buildArgs: opts.buildArgs } : {}), ...(opts.target ? { target: opts.target } : {}) });
      const stages = stagesToBuild(model, opts.target);
      const advice = opts.reorderManifestFirst ? manifestFirst(model, stages, index, text) : [];
      state.plans = buildPlans(model, stages, index, builder, advice);
    } catch (err) {
      state.error = (err as Error).message;
    }
    return state;
  };

  const states = new Map<string, RevState>();
  for (const [i, s] of (await mapBounded(revs.map((rev, k) => [rev, k] as const), 4, ([rev, k]) => loadRev(rev, k))).entries()) states.set(revs[i]!, s);
  const diffs = await mapBounded(pairs, 4, (c) => gitDiffNames(root, c.parents[0]!, c.commit));

  const newest = pairs.map((c) => states.get(c.commit)!).find((s) => s.error === null);
  const newestPlans = new Map((newest?.plans ?? []).map((p) => [p.id, p]));
  const alignments = new Map<RevState, Map<Op, Op>>();
  const alignTo = (state: RevState): Map<Op, Op> => {
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

  const perCommit: ReplayCommit[] = [];
  const counts = new Map<Op, number>();
  let examined = 0;
  pairs.forEach((c, i) => {
    const cur = states.get(c.commit)!;
    const prev = states.get(c.parents[0]!)!;
    const changed: string[] = [];
    for (const p of diffs[i]!) {
      if (prefix === '' || p.startsWith(prefix)) changed.push(p.slice(prefix.length));
    }
    if (cur.error !== null) {
      perCommit.push({ commit: c.commit, subject: c.subject, firstStep: null, rebuilt: 0, changed: changed.length, skipped: cur.error });
      return;
    }
    examined++;
    const missed = misses(cur, prev, changed);
    const align = alignTo(cur);
    for (const op of missed) {
      const step = align.get(op);
      if (step) counts.set(step, (counts.get(step) ?? 0) + 1);
    }
    perCommit.push({ commit: c.commit, subject: c.subject, firstStep: missed[0]?.line ?? null, rebuilt: missed.length, changed: changed.length });
  });

  const steps: ReplayStep[] = [];
  for (const plan of newest?.plans ?? []) {
    for (const op of plan.ops) {
      const step: ReplayStep = { stage: plan.index, line: op.line, text: op.text, kind: op.kind, rebuilds: counts.get(op) ?? 0 };
      if (op.simulated) step.simulated = true;
      steps.push(step);
    }
  }
  return { commits: examined, steps, perCommit };
}
