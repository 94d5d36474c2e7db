// Build-cache keys as the builders compute them, from one state of the context: what each step's
// cache lookup depends on, so that "does this step rebuild?" is a set-membership question.
//
// Pinned against a real engine (dockerd 20.10: its legacy builder, and BuildKit v0.8; test/engine/
// cache-*.test.ts), where the two builders agree unless said:
// - A step's key chains on the key of the step before it (BuildKit: the parent vertex's cache key;
//   legacy: the parent image id), so after the first miss in a stage everything after it misses.
// - COPY/ADD/RUN --mount=type=bind of the context are keyed on the CONTENT of what they read: per
//   file its bytes and permission bits (chmod g+w busts, touch and chown do not), per directory its
//   entries (a new empty directory busts `COPY . .`, including one whose files are all excluded),
//   per symlink inside a copied directory its target text. Names matter (a wildcard match renamed
//   with the same content busts); files the source does not reach do not (a new file beside a
//   single-file source, a new non-match of a wildcard, an excluded file).
// - A symlink that IS the source (or a wildcard match): BuildKit follows it (FollowSymlinks) and
//   keys on the target's content only — a retarget to a file with the same bytes, or a file
//   replaced by a link to the same bytes, still hits. The legacy builder keys on the link itself
//   too: the same retarget misses.
// - The mode of a copied directory itself: keyed by the legacy builder (chmod 700 src/ busts
//   `COPY src /x`), not by BuildKit (it copies the directory's contents).
// - COPY --from=<stage> (and RUN --mount from=<stage>) is keyed on the content of what it copies
//   from that stage, on both builders: when the stage rebuilt but produced the same bytes, the
//   COPY still hits. ctxcheck cannot know a RUN's output, so such a step is "uncertain": it
//   rebuilds only if the rebuilt stage's output changed (optimistic and certain chains below).
// - Instructions: BuildKit turns only RUN, COPY, ADD and WORKDIR into cached operations; ENV, ARG,
//   USER and SHELL reach later RUNs (their environment), not COPY/ADD; LABEL, EXPOSE, CMD, ... are
//   image config and bust nothing. The legacy builder commits every instruction as an image, so
//   each is a cache step keyed on its text (an ENV, ARG or LABEL edit busts everything after it).
// - Stages: BuildKit builds only the stages the target needs; the legacy builder builds every
//   stage up to the target, in order (stagesBuilt in dockerfile/model.ts).
import { createHash } from 'node:crypto';
import { goClean, goDir, joinRel } from '../paths.js';
import type { Builder } from '../context/builders.js';
import { Matcher, type MatchInfo } from '../ignore/matcher.js';
import type { RawRule } from '../ignore/parse.js';
import { cleanSource, resolveSource, type ContextIndex } from '../dockerfile/copy-sources.js';
import type { CopyLike, DockerfileModel, RunInstr } from '../dockerfile/model.js';
import type { ManifestAdvice } from './cache-bust.js';

/** What the builder's content hash sees of one context entry. */
export interface EntryInfo {
  type: string;
  /** Permission bits (and setuid/setgid/sticky). */
  mode: number;
  /** Content identity: a digest of a file's bytes; a symlink's target text; '' for directories. */
  id: string;
}

/** One state of the (ignore-filtered) context as a build sees it. */
export interface ContextState {
  index: ContextIndex;
  info(path: string): EntryInfo | undefined;
  /** List on each planned op the entries it read (PlannedOp.reads), to explain a miss entry by entry. */
  trace?: boolean;
}

export interface PlannedOp {
  stage: number;
  kind: string;
  line: number;
  text: string;
  /** The op's own definition (instruction, expanded sources and destination, environment). */
  def: string;
  /** Digest of the context content it reads; null when it reads nothing from the context. */
  inputs: string | null;
  /** Match roots it reads in the context (for explaining a miss), in order. */
  roots: string[];
  /** Ids of stages whose content it reads (COPY --from, RUN --mount from=). */
  fromStages: string[];
  simulated: boolean;
  /** Identity used to match this op to another revision's steps (kind and text). */
  agg: string;
  /** With ContextState.trace: every context entry its inputs token looked at, by path. */
  reads?: Map<string, EntryInfo>;
}

export interface StagePlan {
  index: number;
  id: string;
  base: string;
  /** Base stage id, when FROM names a stage. */
  baseStage: string | null;
  ops: PlannedOp[];
}

function stageId(model: DockerfileModel, i: number): string {
  return model.stages[i]?.name ?? `#${i}`;
}

const ENV_KEYWORDS = new Set(['ENV', 'ARG', 'USER', 'SHELL']);

function sha(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

function patternMatcher(patterns: readonly string[], label: string): Matcher | null {
  if (patterns.length === 0) return null;
  const raw: RawRule[] = patterns.map((text, i) => ({ text, line: i + 1, raw: text }));
  return Matcher.fromRaw(raw, label);
}

/** Follow a symlink chain inside the context (as BuildKit's FollowSymlinks on a source path does). */
function followLink(path: string, state: ContextState): string | null {
  let p = path;
  for (let hops = 0; hops < 255; hops++) {
    const info = state.info(p);
    if (info === undefined) return null;
    if (info.type !== 'symlink') return p;
    const target = info.id.startsWith('/') ? info.id : `${goDir(p) === '.' ? '' : `${goDir(p)}/`}${info.id}`;
    const clean = cleanSource(goClean(target));
    if (clean === '.') return '.';
    p = clean;
  }
  return null;
}

/**
 * The content token of one copied root: the entry (file: mode and content; directory: every entry
 * below it, with paths relative to the root; symlink below a copied dir: its target text).
 */
function treeToken(root: string, state: ContextState, builder: Builder, include: Matcher | null, exclude: Matcher | null, out: string[]): void {
  const info = root === '.' ? { type: 'dir', mode: 0o755, id: '' } : state.info(root);
  if (info === undefined) {
    out.push('missing');
    return;
  }
  if (info.type !== 'dir') {
    out.push(`${info.type}:${info.mode.toString(8)}:${info.id}`);
    return;
  }
  // The legacy builder hashes the copied directory's own header; BuildKit copies its contents.
  out.push(builder === 'legacy' && root !== '.' ? `dir:${info.mode.toString(8)}` : 'dir');
  const walk = (dir: string, relDir: string, incInfo: MatchInfo, excInfo: MatchInfo): void => {
    for (const name of state.index.children(dir)) {
      const path = joinRel(dir, name);
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      let included = true;
      let nextInc: MatchInfo = null;
      let nextExc: MatchInfo = null;
      if (include) {
        const d = include.matchesUsingParentResults(rel, incInfo);
        included = d.excluded;
        nextInc = d.info;
      }
      if (exclude) {
        const d = exclude.matchesUsingParentResults(rel, excInfo);
        if (d.excluded) included = false;
        nextExc = d.info;
      }
      const e = state.info(path);
      if (e === undefined) continue;
      if (included || e.type === 'dir') out.push(`${rel}\0${e.type}:${e.mode.toString(8)}:${e.id}`);
      if (e.type === 'dir') walk(path, rel, nextInc, nextExc);
    }
  };
  walk(root, '', null, null);
}

/** Content token of everything one instruction reads from the context, and the roots it reads. */
function inputsOf(ins: CopyLike | RunInstr, state: ContextState, builder: Builder): { inputs: string | null; roots: string[] } {
  const parts: string[] = [];
  const roots: string[] = [];
  const add = (match: string, include: Matcher | null, exclude: Matcher | null, follow: boolean): void => {
    let root = match;
    const info = match === '.' ? undefined : state.info(match);
    if (follow && info?.type === 'symlink') {
      const target = followLink(match, state);
      // BuildKit keys on the target only; the legacy builder on the link and its target.
      if (builder === 'legacy') parts.push(`link:${info.id}`);
      if (target === null) {
        parts.push('dangling');
        roots.push(match);
        return;
      }
      root = target;
    }
    roots.push(match);
    parts.push(`@${match}`);
    treeToken(root, state, builder, include, exclude, parts);
  };
  if (ins.kind === 'RUN') {
    const mounts = ins.mounts.filter((m) => m.type === 'bind' && m.from === null);
    if (mounts.length === 0) return { inputs: null, roots };
    for (const m of mounts) for (const match of resolveSource(m.source ?? '.', state.index, { literal: true }).matches) add(match, null, null, true);
    return { inputs: sha(parts), roots };
  }
  if (ins.from !== null || !ins.sources.some((_, k) => !ins.remote[k])) return { inputs: null, roots };
  const exclude = patternMatcher(ins.exclude, '--exclude');
  ins.sources.forEach((src, i) => {
    if (ins.remote[i]) {
      parts.push(`remote:${src}`); // content not in the repository: assumed unchanged
      return;
    }
    let source = src;
    let include: Matcher | null = null;
    if (ins.parents) {
      const pivot = src.indexOf('/./');
      const pattern = pivot < 0 ? src : src.slice(pivot + 3);
      source = pivot < 0 ? '/' : src.slice(0, pivot);
      const cleaned = cleanSource(pattern);
      if (cleaned !== '.') include = patternMatcher([cleaned], '--parents');
    }
    const r = resolveSource(source, state.index);
    parts.push(`src:${src}:${r.matches.length}`);
    for (const match of r.matches) add(match, include, exclude, true);
  });
  return { inputs: sha(parts), roots };
}

/**
 * The cache plan of one revision: per built stage, its cache steps with their definitions and
 * content inputs. `advice` simulates the dependency-manifest-first layout (see cache-replay).
 */
export function buildPlans(
  model: DockerfileModel,
  stages: readonly number[],
  state: ContextState,
  builder: Builder,
  advice: readonly ManifestAdvice[] = [],
): StagePlan[] {
  const plans: StagePlan[] = [];
  const finalEnv = new Map<number, string>();
  const finalWd = new Map<number, string>();
  for (const s of stages) {
    const st = model.stages[s]!;
    let env = st.baseStage !== null ? (finalEnv.get(st.baseStage) ?? '') : '';
    // WORKDIR history resolves relative COPY/ADD destinations.
    let wd = st.baseStage !== null ? (finalWd.get(st.baseStage) ?? '') : '';
    const ops: PlannedOp[] = [];
    const push = (op: Omit<PlannedOp, 'agg' | 'stage'>, aggText: string): void => {
      ops.push({ ...op, stage: s, agg: `${op.kind}\0${aggText}` });
    };
    const adv = advice.find((a) => a.stage === s) ?? null;
    const moved = adv ? st.instructions.find((x): x is RunInstr => x.kind === 'RUN' && x.line === adv.installLine) : undefined;
    const fromIds = (ins: CopyLike | RunInstr): string[] => {
      if (ins.kind === 'RUN') return ins.mounts.filter((m) => m.fromStage !== null).map((m) => stageId(model, m.fromStage!));
      return ins.fromStage !== null ? [stageId(model, ins.fromStage)] : [];
    };
    const opFor = (ins: CopyLike | RunInstr, simulated: boolean): Omit<PlannedOp, 'agg' | 'stage'> => {
      let def: string;
      if (builder === 'legacy') def = ins.kind === 'RUN' ? `${ins.text}\0${env}` : `${ins.text}\0${JSON.stringify(ins.sources)}\0${ins.dest}`;
      else if (ins.kind === 'RUN') def = `${ins.text}\0${env}`;
      else def = `${ins.text}\0${JSON.stringify(ins.sources)}\0${ins.dest}\0${wd}`;
      const reads = state.trace ? new Map<string, EntryInfo>() : null;
      const seen: ContextState = reads
        ? { index: state.index, info: (p) => { const e = state.info(p); if (e !== undefined) reads.set(p, e); return e; } }
        : state;
      const { inputs, roots } = inputsOf(ins, seen, builder);
      return { kind: ins.kind, line: ins.line, text: ins.text, def, inputs, roots, fromStages: fromIds(ins), simulated, ...(reads ? { reads } : {}) };
    };
    for (const ins of st.instructions) {
      if (ins === moved) continue;
      if (adv && moved && (ins.kind === 'COPY' || ins.kind === 'ADD') && ins.line === adv.line) {
        const text = `COPY ${adv.manifests.join(' ')} ./`;
        const parts: string[] = [];
        for (const m of adv.manifests) treeToken(m, state, builder, null, null, parts);
        push({ kind: 'COPY', line: adv.line, text, def: `${text}\0${wd}`, inputs: sha(parts), roots: adv.manifests.slice(), fromStages: [], simulated: true }, 'manifest-first');
        push(opFor(moved, false), moved.text);
      }
      if (ins.kind === 'OTHER') {
        if (builder === 'legacy') {
          // Every instruction is a committed image (ARG values reach later RUN keys via their text).
          push({ kind: ins.keyword, line: ins.line, text: ins.text, def: ins.text, inputs: null, roots: [], fromStages: [], simulated: false }, ins.text);
        } else if (ins.keyword === 'WORKDIR') {
          // A mkdir keyed on its path (relative to the previous WORKDIR); variables expand from the environment.
          const def = `${ins.text}\0${wd}${ins.text.includes('$') ? `\0${env}` : ''}`;
          push({ kind: 'WORKDIR', line: ins.line, text: ins.text, def, inputs: null, roots: [], fromStages: [], simulated: false }, ins.text);
        }
        if (ENV_KEYWORDS.has(ins.keyword) || ins.keyword === 'WORKDIR') env += `\n${ins.text}`;
        if (ins.keyword === 'WORKDIR') wd += `\n${ins.text}`;
        continue;
      }
      push(opFor(ins, false), ins.text);
    }
    finalEnv.set(s, env);
    finalWd.set(s, wd);
    plans.push({ index: s, id: stageId(model, s), base: st.image, baseStage: st.baseStage !== null ? stageId(model, st.baseStage) : null, ops });
  }
  return plans;
}

// ---------------------------------------------------------------------------------------------
// Cache lookups

export type StepStatus = 'hit' | 'miss' | 'uncertain';

/**
 * The keys a build leaves in the cache. `certain` keys assume every rebuilt stage produced new
 * content; `loose` maps a COPY --from step's key without the stage content to the key it was
 * stored under, which is how a rebuilt stage with identical output still hits.
 */
export class CacheStore {
  readonly keys = new Set<string>();
  readonly loose = new Map<string, string>();

  addAll(other: CacheStore): void {
    for (const k of other.keys) this.keys.add(k);
    for (const [k, v] of other.loose) this.loose.set(k, v);
  }
}

export interface Evaluation {
  /** Per op, in plan order. */
  status: Map<PlannedOp, StepStatus>;
  /** What this build stores (to be added to the cache for later builds). */
  stored: CacheStore;
  /** Per op, the key it is stored under (assuming every rebuilt stage produced new content). */
  keys: Map<PlannedOp, string>;
}

/** Which steps of `plans` hit `cache`, and what building them stores. */
export function evaluate(plans: readonly StagePlan[], cache: CacheStore): Evaluation {
  const status = new Map<PlannedOp, StepStatus>();
  const keys = new Map<PlannedOp, string>();
  const stored = new CacheStore();
  const finalCertain = new Map<string, string>();
  const finalOpt = new Map<string, string>();
  for (const plan of plans) {
    let certain = plan.baseStage !== null ? `stage:${finalCertain.get(plan.baseStage) ?? plan.baseStage}` : `image:${plan.base}`;
    let opt = plan.baseStage !== null ? `stage:${finalOpt.get(plan.baseStage) ?? plan.baseStage}` : `image:${plan.base}`;
    for (const op of plan.ops) {
      const own = [op.def, op.inputs ?? ''];
      const nextCertain = sha([certain, ...own, ...op.fromStages.map((id) => finalCertain.get(id) ?? id)]);
      let nextOpt = sha([opt, ...own, ...op.fromStages.map((id) => finalOpt.get(id) ?? id)]);
      if (op.fromStages.length > 0) {
        const looseKey = sha([opt, ...own, 'from-content']);
        const known = cache.loose.get(looseKey);
        if (known !== undefined) nextOpt = known;
        stored.loose.set(sha([certain, ...own, 'from-content']), nextCertain);
        stored.loose.set(looseKey, nextOpt);
      }
      const s: StepStatus = cache.keys.has(nextCertain) ? 'hit' : cache.keys.has(nextOpt) ? 'uncertain' : 'miss';
      status.set(op, s);
      keys.set(op, nextCertain);
      stored.keys.add(nextCertain);
      stored.keys.add(nextOpt);
      certain = nextCertain;
      opt = nextOpt;
    }
    finalCertain.set(plan.id, certain);
    finalOpt.set(plan.id, opt);
  }
  return { status, stored, keys };
}
