// What the next build rebuilds, and why: the cache steps of the context as it is now, looked up
// in the keys an earlier build stored (a record written after that build, or the build of a git
// ref), and for every step that misses, the reason — its own inputs changed (which files, and
// how), its instruction or environment changed, or an earlier step in its chain rebuilds.
//
// A snapshot is the serialisable part of a build's plan: per step its definition digest, the
// digest of what it reads and the token of every entry it read (type, mode and content id, as
// cache-keys.ts hashes them), so that two snapshots can be compared entry by entry.
import { createHash } from 'node:crypto';
import { alignOps } from './cache-replay.js';
import { CacheStore, evaluate, type EntryInfo, type PlannedOp, type StagePlan, type StepStatus } from './cache-keys.js';
import { classifyChurn, type ChurnOptions } from './churn.js';
import { ignoreLineFor } from './findings.js';

export interface SnapshotStage {
  index: number;
  /** Stage name, or "#<index>". */
  id: string;
  /** The FROM image text. */
  base: string;
  baseStage: string | null;
}

export interface SnapshotStep {
  stage: number;
  line: number;
  kind: string;
  text: string;
  /** Kind and text: what matches a step to the same step of another build (alignOps). */
  agg: string;
  /** sha256 of the step's definition (instruction, expanded sources and destination, environment). */
  def: string;
  /** Digest of the context content it reads; null when it reads nothing from the context. */
  inputs: string | null;
  /** The cache key the build stored for it (certain chain). */
  key: string;
  /** Stage ids it copies from (COPY --from, RUN --mount from=). */
  fromStages: string[];
  /** Every context entry it read: path → "type:mode:id" (octal mode). */
  reads: Record<string, string>;
}

export interface Snapshot {
  stages: SnapshotStage[];
  steps: SnapshotStep[];
}

/** The keys a cache holds, serialisable. */
export interface StoredKeys {
  keys: string[];
  loose: [string, string][];
}

export function token(info: EntryInfo): string {
  return `${info.type}:${info.mode.toString(8)}:${info.id}`;
}

function digest(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** The snapshot of a build of `plans` (traced: each op's `reads`), and the keys it stores. */
export function snapshotOf(plans: readonly StagePlan[]): { snapshot: Snapshot; stored: StoredKeys } {
  const ev = evaluate(plans, new CacheStore());
  const steps: SnapshotStep[] = [];
  for (const plan of plans) {
    for (const op of plan.ops) {
      const reads: Record<string, string> = {};
      for (const [p, info] of op.reads ?? []) reads[p] = token(info);
      steps.push({
        stage: plan.index,
        line: op.line,
        kind: op.kind,
        text: op.text,
        agg: op.agg,
        def: digest(op.def),
        inputs: op.inputs,
        key: ev.keys.get(op) ?? '',
        fromStages: op.fromStages,
        reads,
      });
    }
  }
  return {
    snapshot: { stages: plans.map((p) => ({ index: p.index, id: p.id, base: p.base, baseStage: p.baseStage })), steps },
    stored: storedKeys(ev.stored),
  };
}

export function storedKeys(store: CacheStore): StoredKeys {
  return { keys: [...store.keys], loose: [...store.loose] };
}

export function cacheOf(all: readonly StoredKeys[]): CacheStore {
  const c = new CacheStore();
  for (const s of all) {
    for (const k of s.keys) c.keys.add(k);
    for (const [k, v] of s.loose) c.loose.set(k, v);
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Prediction

export type PredictedStatus = 'rebuild' | 'cached' | 'uncertain';
export type ChangeKind = 'content' | 'mode' | 'added' | 'removed' | 'type';

export interface PathChange {
  path: string;
  change: ChangeKind;
}

export type Reason =
  /** What the step reads from the context changed (`changes`: the first few, byte order). */
  | { type: 'inputs'; changed: number; changes: PathChange[] }
  /** The instruction's text changed. */
  | { type: 'instruction' }
  /** Same text, different environment: an ENV/ARG/USER/SHELL/WORKDIR above it changed. */
  | { type: 'environment' }
  /** The step has no counterpart in the earlier build. */
  | { type: 'new' }
  /** The stage's FROM changed. */
  | { type: 'base'; before: string; now: string }
  /** An earlier step of its chain rebuilds (its line). */
  | { type: 'after'; line: number }
  /** It copies from a stage that rebuilds: it reruns only if that stage's output changed. */
  | { type: 'stage-output'; stages: string[] }
  /** Nothing about it changed that ctxcheck can see, yet its key is not in the cache. */
  | { type: 'not-cached' };

export interface PredictedStep {
  stage: number;
  /** Stage name, or null for an unnamed stage. */
  stageName: string | null;
  line: number;
  kind: string;
  text: string;
  status: PredictedStatus;
  /** Why it does not come from the cache (empty when cached). */
  reasons: Reason[];
}

export interface IgnoreAdvice {
  /** The ignore-file line that keeps these paths out. */
  rule: string;
  /** The churn kind (log, cache, build-output, ...). */
  kind: string;
  reason: string;
  /** The changed paths it keeps out (the first few). */
  paths: string[];
  /** Lines of the steps whose inputs they are. */
  steps: number[];
}

export interface PredictionCore {
  steps: PredictedStep[];
  summary: { steps: number; rebuild: number; cached: number; uncertain: number };
  ignore: IgnoreAdvice[];
}

/** How many changed paths a reason lists. */
export const CHANGES_SHOWN = 5;

const STATUS: Record<StepStatus, PredictedStatus> = { hit: 'cached', miss: 'rebuild', uncertain: 'uncertain' };

function parseToken(t: string): { type: string; mode: string; id: string } {
  const a = t.indexOf(':');
  const b = t.indexOf(':', a + 1);
  return { type: t.slice(0, a), mode: t.slice(a + 1, b), id: t.slice(b + 1) };
}

/** How the entries a step read differ between two builds, in byte order of path. */
export function diffReads(before: Record<string, string>, now: Record<string, string>): PathChange[] {
  const out: PathChange[] = [];
  const paths = new Set([...Object.keys(before), ...Object.keys(now)]);
  for (const path of paths) {
    const a = before[path];
    const b = now[path];
    if (a === b) continue;
    if (a === undefined) out.push({ path, change: 'added' });
    else if (b === undefined) out.push({ path, change: 'removed' });
    else {
      const x = parseToken(a);
      const y = parseToken(b);
      out.push({ path, change: x.type !== y.type ? 'type' : x.id !== y.id ? 'content' : 'mode' });
    }
  }
  return out.sort((p, q) => (Buffer.compare(Buffer.from(p.path), Buffer.from(q.path))));
}

/**
 * Compare the current plans (traced) with an earlier build: per step, whether it comes from
 * `cache` and, when not, why (against `before`, the earlier build's snapshot).
 */
export function predictSteps(plans: readonly StagePlan[], before: Snapshot, cache: CacheStore): { steps: PredictedStep[]; changed: Map<string, number[]> } {
  const ev = evaluate(plans, cache);
  const cur = snapshotOf(plans).snapshot;
  const byOp = new Map<PlannedOp, SnapshotStep>();
  let k = 0;
  for (const plan of plans) for (const op of plan.ops) byOp.set(op, cur.steps[k++]!);
  const beforeStages = new Map(before.stages.map((s) => [s.id, s]));
  const beforeSteps = new Map<string, SnapshotStep[]>();
  for (const s of before.steps) {
    const id = before.stages.find((x) => x.index === s.stage)?.id ?? `#${s.stage}`;
    const list = beforeSteps.get(id) ?? [];
    list.push(s);
    beforeSteps.set(id, list);
  }
  const steps: PredictedStep[] = [];
  /** Per stage id: the line of the first step that does not come from the cache (its chain breaks there). */
  const broken = new Map<string, number>();
  /** Changed path → lines of the steps that read it and rebuild because of it. */
  const changed = new Map<string, number[]>();
  for (const plan of plans) {
    const old = beforeStages.get(plan.id);
    const curSteps = plan.ops.map((op) => byOp.get(op)!);
    const align = alignOps(curSteps, beforeSteps.get(plan.id) ?? []);
    let chain: number | null = plan.baseStage !== null ? (broken.get(plan.baseStage) ?? null) : null;
    let baseChanged = old !== undefined && (old.base !== plan.base || old.baseStage !== plan.baseStage);
    for (const op of plan.ops) {
      const status = STATUS[ev.status.get(op) ?? 'miss'];
      const now = byOp.get(op)!;
      const reasons: Reason[] = [];
      if (status !== 'cached') {
        const was = align.get(now);
        if (baseChanged) reasons.push({ type: 'base', before: old!.base, now: plan.base });
        if (was === undefined) reasons.push({ type: 'new' });
        else {
          if (was.def !== now.def) reasons.push(was.text !== now.text ? { type: 'instruction' } : { type: 'environment' });
          if (was.inputs !== now.inputs) {
            const changes = diffReads(was.reads, now.reads);
            reasons.push({ type: 'inputs', changed: changes.length, changes: changes.slice(0, CHANGES_SHOWN) });
            for (const c of changes) {
              const lines = changed.get(c.path) ?? [];
              lines.push(op.line);
              changed.set(c.path, lines);
            }
          }
        }
        const rebuilt = op.fromStages.filter((id) => broken.has(id));
        if (rebuilt.length > 0) reasons.push({ type: 'stage-output', stages: rebuilt });
        if (chain !== null) reasons.push({ type: 'after', line: chain });
        if (reasons.length === 0) reasons.push({ type: 'not-cached' });
        chain ??= op.line;
      }
      baseChanged = false;
      steps.push({ stage: plan.index, stageName: plan.id.startsWith('#') ? null : plan.id, line: op.line, kind: op.kind, text: op.text, status, reasons });
    }
    if (chain !== null) broken.set(plan.id, chain);
  }
  return { steps, changed };
}

export interface AdviceInput {
  /** The sent files of the current context (for the churn classifier's view of their neighbours). */
  files: Iterable<{ path: string; size: number }>;
  churn: Omit<ChurnOptions, 'paths' | 'firstUse' | 'fileNames'>;
}

/**
 * Ignore rules that would have kept changed inputs out: changed paths the churn classifier puts
 * in a group (and so no COPY names explicitly), one rule per group name, written as suggest
 * writes them. Files git merely does not track are left alone: a new untracked file is most
 * often new source about to be committed.
 */
export function ignoreAdvice(changed: ReadonlyMap<string, number[]>, input: AdviceInput): IgnoreAdvice[] {
  if (changed.size === 0) return [];
  const all = new Map<string, number>();
  for (const f of input.files) all.set(f.path, f.size);
  // Directories are not files to classify (their files are); a removed file is, by its name.
  const dirs = new Set<string>();
  for (const p of all.keys()) for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) dirs.add(p.slice(0, i));
  const isDir = (p: string): boolean => dirs.has(p);
  for (const p of changed.keys()) if (!all.has(p) && !isDir(p)) all.set(p, 0);
  const files = [...all].map(([path, size]) => ({ path, size })).sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  const groups = classifyChurn(files, { ...input.churn, paths: false });
  const byRule = new Map<string, IgnoreAdvice>();
  for (const [path, lines] of changed) {
    if (isDir(path)) continue;
    const g = groups.find((x) => x.root === path || path.startsWith(`${x.root}/`));
    if (!g || g.kind === 'git-untracked') continue;
    const rule = g.rule === 'git-ignored' ? ignoreLineFor(g.root) : `**/${g.rule}`;
    const a = byRule.get(rule) ?? { rule, kind: g.kind, reason: g.reason, paths: [], steps: [] };
    if (a.paths.length < CHANGES_SHOWN) a.paths.push(path);
    for (const l of lines) if (!a.steps.includes(l)) a.steps.push(l);
    byRule.set(rule, a);
  }
  for (const a of byRule.values()) {
    a.paths.sort();
    a.steps.sort((x, y) => x - y);
  }
  return [...byRule.values()];
}

export function summarise(steps: readonly PredictedStep[]): PredictionCore['summary'] {
  return {
    steps: steps.length,
    rebuild: steps.filter((s) => s.status === 'rebuild').length,
    cached: steps.filter((s) => s.status === 'cached').length,
    uncertain: steps.filter((s) => s.status === 'uncertain').length,
  };
}
