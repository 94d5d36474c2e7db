// Where a secret file from the context ends up when the Dockerfile is built: never sent, sent
// but not copied, copied into a stage only the legacy builder builds, copied into a build stage,
// possibly or certainly in the final image. The answer is per builder, because the builders
// build different stages:
// * BuildKit (dockerfile2llb, Dockerfile2LLB): only stages reachable from the target are
//   dispatched (`isReachable(target, d)`), and only their COPY/ADD/RUN --mount sources become
//   the context's FollowPaths: a file outside them is never transferred.
// * The legacy builder (moby builder/dockerfile/builder.go, build): `stages[:targetIx+1]`, then
//   every one of those stages is dispatched in order, needed or not; each step is committed as
//   an image, so a stage the target does not need still leaves its files in the local image store.
// * "In the final image" means in a layer of the image `docker save` writes for the target:
//   a COPY/ADD in the target stage or any stage it builds on (FROM <stage>) puts the bytes in a
//   layer for good (a later RUN rm only hides them); COPY --from=<stage> copies from that stage's
//   final filesystem, so it carries the file exactly when a copied path holds it. A RUN in that
//   stage may have moved or copied it anywhere, so a COPY --from of another path then carries it
//   possibly, not certainly. A RUN that deletes the file from a copied path is not modelled
//   (the COPY --from is taken to carry it). RUN --mount=type=bind reads files without putting
//   them in a layer; what the command itself does with them is not modelled either.
import { baseName, goClean } from '../paths.js';
import { BadPatternError, goMatch } from '../ignore/go-match.js';
import type { Builder } from '../context/builders.js';
import type { SecretPlacement } from '../types.js';
import { copiedFiles, resolveSource, splitWildcards, type ContextIndex, type FileSet } from '../dockerfile/copy-sources.js';
import { stagesToBuild, isContextMount } from '../dockerfile/stages.js';
import type { CopyLike, DockerfileModel, RunInstr } from '../dockerfile/model.js';

export const SECRET_PLACEMENTS: readonly SecretPlacement[] = ['not-sent', 'sent', 'legacy-stage', 'build-stage', 'maybe-final-image', 'final-image'];

/** One Dockerfile instruction named by a placement. */
export interface PlacementStep {
  stage: number;
  line: number;
  text: string;
}

export interface Placement {
  placement: SecretPlacement;
  /** The COPY/ADD that takes the file in from the context (on the way to where it ends up). */
  copy?: PlacementStep;
  /** What carries it into the final image from another stage: a COPY --from, or the FROM <stage> line. */
  carry?: PlacementStep;
  /** maybe-final-image: the RUN that could have moved it into the carried path. */
  run?: PlacementStep;
  /** sent: a RUN --mount=type=bind that reads it. */
  mount?: PlacementStep;
}

export interface PlacementInput {
  model: DockerfileModel;
  target?: string;
  builder: Builder;
  /** Context files a COPY/ADD from the context or a RUN's context bind mounts take in. */
  filesOf(instr: CopyLike | RunInstr): FileSet;
  /** The top-level context paths one COPY/ADD source resolves to ('.' = the whole context). */
  matchesOf(src: string): string[];
  /** Is the file in what the builder receives? (BuildKit: the transfer set; legacy: always.) */
  transferred(path: string): boolean;
}

/** A place in a stage's filesystem: an absolute path, or null when it cannot be known (an unknown WORKDIR). */
type Loc = string | null;

/** One copy of the file in a stage's filesystem: it sits at one of `alts`. */
interface Held {
  alts: Loc[];
}

const NO = 0;
const MAYBE = 1;
const YES = 2;
type Level = typeof NO | typeof MAYBE | typeof YES;

interface Via {
  copy: PlacementStep;
  carry?: PlacementStep;
  run?: PlacementStep;
}

interface StageState {
  /** Are the bytes in a layer of this stage's image? */
  layers: Level;
  /** Where the file certainly sits in the stage's final filesystem. */
  held: Held[];
  /** It could sit anywhere else too: the RUN after its arrival (or the possible carry) that allows it. */
  loose: PlacementStep | null;
  /** The working directory, null when unknown (an image's own WORKDIR, or one with variables). */
  workdir: string | null;
  /** How it reached this stage's layers: the context COPY/ADD, and the step that carried it from another stage. */
  via: Via | null;
}

function step(stage: number, instr: { line: number; text: string }): PlacementStep {
  return { stage, line: instr.line, text: instr.text };
}

function join(dir: string, rel: string): string {
  return goClean(`${dir}/${rel}`);
}

/** The WORKDIR argument as a new working directory (relative ones join the current one). */
function nextWorkdir(current: string | null, text: string): string | null {
  const arg = text.replace(/^\S+\s+/, '').trim();
  if (arg === '' || /[$"'\\]/.test(arg)) return null;
  if (arg.startsWith('/')) return goClean(arg);
  return current === null ? null : join(current, arg);
}

/**
 * Where a copied file lands: `dest` resolved against the working directory. A directory source
 * copies its contents into dest (Docker's COPY always copies directory contents); a file source
 * lands at dest/<name> when dest ends in "/" and otherwise at dest itself, or inside it when dest
 * is an existing directory, which only the image knows: both are kept as alternatives.
 */
function landing(dest: string, workdir: string | null, rel: string | null, name: string): Loc[] {
  const base = dest.startsWith('/') ? goClean(dest) : workdir === null ? null : join(workdir, dest);
  if (base === null) return [null];
  if (rel !== null) return [join(base, rel)];
  if (dest.endsWith('/') || dest.endsWith('/.') || dest === '.') return [join(base, name)];
  return [base, join(base, name)];
}

/** Does a COPY --from source path cover a file at `loc` in the source stage? And where does it land? */
function carried(src: string, loc: Loc, dest: string, workdir: string | null): { level: Level; alts: Loc[] } {
  const abs = goClean('/' + src);
  const { base, pattern } = splitWildcards(src);
  if (loc === null) {
    // Only the whole filesystem certainly covers an unknown place.
    return abs === '/' && pattern === '' ? { level: YES, alts: [null] } : { level: MAYBE, alts: [null] };
  }
  if (pattern === '') {
    if (abs === '/') return { level: YES, alts: landing(dest, workdir, loc.slice(1), '') };
    if (loc === abs) return { level: YES, alts: landing(dest, workdir, null, baseName(loc)) };
    if (loc.startsWith(abs + '/')) return { level: YES, alts: landing(dest, workdir, loc.slice(abs.length + 1), '') };
    return { level: NO, alts: [] };
  }
  // fsutil's ResolveWildcards: walk the fixed prefix, match each path relative to it; a
  // matching directory is taken whole (so the shortest matching prefix of the file's path wins).
  const root = base === '.' ? '/' : '/' + base;
  const rel = root === '/' ? loc.slice(1) : loc.startsWith(root + '/') ? loc.slice(root.length + 1) : null;
  if (rel === null) return { level: NO, alts: [] };
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    let m = false;
    try {
      m = goMatch(pattern, prefix);
    } catch (err) {
      if (!(err instanceof BadPatternError)) throw err;
    }
    if (!m) continue;
    if (i === parts.length) return { level: YES, alts: landing(dest, workdir, null, baseName(loc)) };
    return { level: YES, alts: landing(dest, workdir, parts.slice(i).join('/'), '') };
  }
  return { level: NO, alts: [] };
}

function stageIndex(model: DockerfileModel, target: string | undefined): number {
  if (target === undefined || target === '') return model.stages.length - 1;
  const lower = target.toLowerCase();
  for (let i = model.stages.length - 1; i >= 0; i--) if (model.stages[i]!.name === lower) return i;
  return -1;
}

/** Place secret files for one build (Dockerfile, target, builder). */
export function secretPlacer(input: PlacementInput): (path: string) => Placement {
  const { model } = input;
  const target = stageIndex(model, input.target);
  if (target < 0) throw new Error(`target stage ${JSON.stringify(input.target)} could not be found`);
  const needed = new Set(stagesToBuild(model, input.target));
  // The legacy builder dispatches every stage up to the target, in order.
  const built = input.builder === 'legacy' ? model.stages.map((_, i) => i).filter((i) => i <= target) : [...needed];
  const files = new Map<CopyLike | RunInstr, FileSet>();
  const filesOf = (instr: CopyLike | RunInstr): FileSet => {
    let f = files.get(instr);
    if (!f) files.set(instr, (f = input.filesOf(instr)));
    return f;
  };

  return (path: string): Placement => {
    const states = new Map<number, StageState>();
    let mount: PlacementStep | undefined;
    for (const i of built) {
      const stage = model.stages[i]!;
      const base = stage.baseStage !== null ? states.get(stage.baseStage) : undefined;
      // FROM <stage> starts from that stage's image: its layers, files and working directory.
      const st: StageState = base
        ? { ...base, held: [...base.held], via: base.via && { ...base.via, carry: base.via.carry ?? step(i, { line: stage.line, text: `FROM ${stage.image}` }) } }
        : { layers: NO, held: [], loose: null, workdir: stage.image === 'scratch' ? '/' : null, via: null };
      for (const ins of stage.instructions) {
        if (ins.kind === 'OTHER') {
          if (ins.keyword.toUpperCase() === 'WORKDIR') st.workdir = nextWorkdir(st.workdir, ins.text);
          continue;
        }
        if (ins.kind === 'RUN') {
          // The command sees the stage's files: it could move or copy the file anywhere.
          if (st.layers > NO) st.loose ??= step(i, ins);
          if (!mount && ins.mounts.some(isContextMount) && filesOf(ins).has(path)) mount = step(i, ins);
          continue;
        }
        if (ins.from === null) {
          if (!filesOf(ins).has(path)) continue;
          const alts: Loc[] = [];
          if (!ins.parents) {
            ins.sources.forEach((src, k) => {
              if (ins.remote[k]) return;
              for (const m of input.matchesOf(src)) {
                if (m === '.') alts.push(...landing(ins.dest, st.workdir, path, ''));
                else if (m === path) alts.push(...landing(ins.dest, st.workdir, null, baseName(path)));
                else if (path.startsWith(m + '/')) alts.push(...landing(ins.dest, st.workdir, path.slice(m.length + 1), ''));
              }
            });
          }
          // --parents keeps the source's directories under dest: where is not modelled.
          st.held.push({ alts: alts.length > 0 ? alts : [null] });
          if (st.layers < YES) st.via = { copy: step(i, ins) };
          st.layers = YES;
          continue;
        }
        if (ins.fromStage === null) continue; // --from an image, not a stage
        const from = states.get(ins.fromStage);
        if (!from || from.layers === NO || !from.via) continue;
        let level: Level = NO;
        for (const h of from.held) {
          let all: Level = YES;
          let any: Level = NO;
          const alts: Loc[] = [];
          for (const loc of h.alts) {
            let best: { level: Level; alts: Loc[] } = { level: NO, alts: [] };
            for (const src of ins.sources) {
              const c = carried(src, loc, ins.dest, st.workdir);
              if (c.level > best.level) best = c;
            }
            all = Math.min(all, best.level) as Level;
            any = Math.max(any, best.level) as Level;
            alts.push(...best.alts);
          }
          // Certain only when every place it may sit is copied.
          const l: Level = all === YES ? YES : any > NO ? MAYBE : NO;
          if (l === YES) st.held.push({ alts });
          level = Math.max(level, l) as Level;
        }
        if (level < YES && from.loose) level = MAYBE;
        if (level === NO) continue;
        if (level === YES) {
          if (st.layers < YES) st.via = { copy: from.via.copy, carry: step(i, ins) };
          st.layers = YES;
          continue;
        }
        // Possibly carried: wherever it landed, it is loose in this stage now.
        st.loose ??= step(i, ins);
        if (st.layers === NO) {
          st.layers = MAYBE;
          st.via = { copy: from.via.copy, carry: step(i, ins), ...(from.loose ? { run: from.loose } : {}) };
        }
      }
      states.set(i, st);
    }
    const final = states.get(target)!;
    if (final.layers > NO && final.via) {
      const { copy, carry, run } = final.via;
      return { placement: final.layers === YES ? 'final-image' : 'maybe-final-image', copy, ...(carry ? { carry } : {}), ...(run ? { run } : {}) };
    }
    const holding = (pred: (i: number) => boolean): Via | undefined => {
      for (const i of built) {
        const s = states.get(i)!;
        if (pred(i) && s.layers > NO && s.via) return s.via;
      }
      return undefined;
    };
    const inNeeded = holding((i) => needed.has(i));
    if (inNeeded) return { placement: 'build-stage', copy: inNeeded.copy };
    const inLegacy = holding((i) => !needed.has(i));
    if (inLegacy) return { placement: 'legacy-stage', copy: inLegacy.copy };
    if (!input.transferred(path)) return { placement: 'not-sent' };
    return { placement: 'sent', ...(mount ? { mount } : {}) };
  };
}

/**
 * A placer over one context: COPY/ADD file sets and source matches from `index` (the context
 * the builder receives), the transfer set from `transfer` (BuildKit; null = everything is sent,
 * as the legacy builder does and as BuildKit does without FollowPaths).
 */
export function contextPlacer(o: {
  model: DockerfileModel;
  target?: string;
  builder: Builder;
  index: ContextIndex;
  transfer: ContextIndex | null;
  /** File sets already computed for these instructions (the report's steps), reused as they are. */
  known?: Iterable<{ instr: CopyLike | RunInstr; files: FileSet }>;
}): (path: string) => Placement {
  const known = new Map<CopyLike | RunInstr, FileSet>();
  for (const k of o.known ?? []) known.set(k.instr, k.files);
  // Built on first use: most reports have no secret to place.
  let place: ((path: string) => Placement) | null = null;
  return (path) => (place ??= secretPlacer({
    model: o.model,
    ...(o.target !== undefined ? { target: o.target } : {}),
    builder: o.builder,
    filesOf: (instr) => known.get(instr) ?? copiedFiles(instr, o.index),
    matchesOf: (src) => resolveSource(src, o.index).matches,
    transferred: (p) => o.builder === 'legacy' || o.transfer === null || o.transfer.get(p) !== undefined,
  }))(path);
}
