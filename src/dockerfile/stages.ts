// The stage graph: which stages a build of --target runs (FROM <stage>, COPY --from, RUN
// --mount from=, as dispatchStates resolves them), and which of their instructions read the
// build context.
import type { CopyLike, DockerfileModel, RunInstr, RunMount, Stage } from './model.js';

function stageDeps(stage: Stage): number[] {
  const deps: number[] = [];
  if (stage.baseStage !== null) deps.push(stage.baseStage);
  for (const ins of stage.instructions) {
    if ((ins.kind === 'COPY' || ins.kind === 'ADD') && ins.fromStage !== null) deps.push(ins.fromStage);
    if (ins.kind === 'RUN') for (const m of ins.mounts) if (m.fromStage !== null) deps.push(m.fromStage);
  }
  return deps;
}

/**
 * Indexes of the stages BuildKit builds for `target` (default: last stage): the target and
 * everything it depends on via FROM <stage>, COPY --from=<stage>, RUN --mount from=<stage>.
 */
export function stagesToBuild(model: DockerfileModel, target?: string): number[] {
  if (model.stages.length === 0) throw new Error('dockerfile contains no stages to build');
  let start: number;
  if (target === undefined || target === '') {
    start = model.stages.length - 1;
  } else {
    const lower = target.toLowerCase();
    let found = -1;
    for (let i = model.stages.length - 1; i >= 0; i--) {
      if (model.stages[i]!.name === lower) {
        found = i;
        break;
      }
    }
    if (found < 0) {
      const names = model.stages.map((s) => s.name).filter((n): n is string => n !== null);
      throw new Error(`target stage ${JSON.stringify(target)} could not be found${names.length ? ` (stages: ${names.join(', ')})` : ''}`);
    }
    start = found;
  }
  const seen = new Set<number>();
  const todo = [start];
  while (todo.length > 0) {
    const i = todo.pop()!;
    if (seen.has(i)) continue;
    seen.add(i);
    const st = model.stages[i];
    if (st) todo.push(...stageDeps(st));
  }
  return [...seen].sort((a, b) => a - b);
}

/** Does this mount read the build context? bind mounts without from= (see convert_runmount.go). */
export function isContextMount(m: RunMount): boolean {
  return m.type === 'bind' && m.from === null;
}

/**
 * The stages a build runs, in dispatch order: BuildKit only those the target needs
 * (stagesToBuild); the legacy builder every stage up to the target, needed or not (moby
 * builder/dockerfile dispatches stages[:targetIx+1]).
 */
export function stagesBuilt(model: DockerfileModel, builder: 'buildkit' | 'legacy', target?: string): number[] {
  const needed = stagesToBuild(model, target);
  if (builder === 'buildkit') return needed;
  const last = Math.max(...needed);
  return Array.from({ length: last + 1 }, (_, i) => i);
}

/**
 * Every instruction in the built stages that reads the build context (COPY/ADD without --from
 * and with a non-remote source; RUN --mount=type=bind without from=), in dispatch order.
 */
export function contextUses(model: DockerfileModel, target?: string, builder: 'buildkit' | 'legacy' = 'buildkit'): { stage: number; instr: CopyLike | RunInstr; sources: string[] }[] {
  const out: { stage: number; instr: CopyLike | RunInstr; sources: string[] }[] = [];
  for (const i of stagesBuilt(model, builder, target)) {
    for (const ins of model.stages[i]!.instructions) {
      if (ins.kind === 'COPY' || ins.kind === 'ADD') {
        if (ins.from !== null) continue;
        const sources = ins.sources.filter((_, k) => !ins.remote[k]);
        if (sources.length > 0) out.push({ stage: i, instr: ins, sources });
      } else if (ins.kind === 'RUN') {
        const sources = ins.mounts.filter(isContextMount).map((m) => (m.source === null || m.source === '' ? '.' : m.source));
        if (sources.length > 0) out.push({ stage: i, instr: ins, sources });
      }
    }
  }
  return out;
}
