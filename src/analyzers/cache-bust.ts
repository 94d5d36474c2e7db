// Which Dockerfile step each churn group invalidates, and which expensive steps rerun because
// of it; plus the dependency-manifest-first advice (copy only the manifests, install, then copy
// the rest), the standard fix for a broad COPY placed before the dependency install.
import { copiedFiles, resolveSource, type ContextIndex, type FileSet, type PathLookup } from '../dockerfile/copy-sources.js';
import type { CopyLike, DockerfileModel, RunInstr } from '../dockerfile/model.js';
import type { contextUses } from '../dockerfile/stages.js';
import type { ChurnGroup, ChurnKind, Ecosystem } from './churn.js';
import { installEcosystems, runScript } from './dependency-installs.js';
import { baseName } from '../paths.js';

export type ContextUses = ReturnType<typeof contextUses>;

export interface StepRef {
  stage: number;
  line: number;
  text: string;
}

export interface CacheBust {
  rule: 'cache-bust';
  /** The churn group's root. */
  path: string;
  kind: ChurnKind;
  /** Files of the group some built instruction takes in. */
  files: number;
  /** Their bytes (the group's total when no sizes were given). */
  bytes: number;
  /** The first instruction that takes in a file of the group: its cache breaks whenever one changes. */
  step: StepRef;
  /**
   * The RUN instructions that then rerun: later RUNs in that stage and every RUN of the stages
   * built FROM it (directly or not), in stage order. When `step` is itself a RUN (a context bind
   * mount), it is listed first: it reruns too.
   */
  reruns: { line: number; text: string }[];
}

/**
 * For every context file, the index into `uses` of the first use (dispatch order) that takes it
 * in — the `copied` argument of cacheBusts.
 */
export function firstUses(uses: ContextUses, index: ContextIndex): PathLookup<number> {
  return firstUseOf(uses.map((u) => copiedFiles(u.instr, index)));
}

/**
 * File → index of the first of these file sets that holds it. Asked, not tabulated: a table
 * would hold every path of a `COPY . .`.
 */
export function firstUseOf(filesPerUse: readonly FileSet[]): PathLookup<number> {
  return {
    get(path) {
      const i = filesPerUse.findIndex((files) => files.has(path));
      return i < 0 ? undefined : i;
    },
  };
}

/** Stages in `stages` built FROM `stage`, directly or through other stages (not `stage` itself). */
export function descendantStages(model: DockerfileModel, stages: readonly number[], stage: number): number[] {
  const built = new Set(stages);
  const desc = new Set<number>([stage]);
  const out: number[] = [];
  for (const st of model.stages) {
    if (st.index <= stage || st.baseStage === null) continue;
    if (desc.has(st.baseStage)) {
      desc.add(st.index);
      if (built.has(st.index)) out.push(st.index);
    }
  }
  return out;
}

/** The RUN steps that rerun when the cache breaks at `instr` of `stage`. */
export function rerunsAfter(model: DockerfileModel, stages: readonly number[], stage: number, instr: CopyLike | RunInstr): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const own = model.stages[stage]?.instructions ?? [];
  const at = own.indexOf(instr);
  for (let k = Math.max(at, 0); k < own.length; k++) {
    const ins = own[k]!;
    if (ins.kind === 'RUN' && (k > at || ins === instr)) out.push({ line: ins.line, text: ins.text });
  }
  for (const d of descendantStages(model, stages, stage)) {
    for (const ins of model.stages[d]!.instructions) if (ins.kind === 'RUN') out.push({ line: ins.line, text: ins.text });
  }
  return out;
}

/**
 * Tie churn groups to the step whose cache they break: for each group, the first use (in
 * `uses` order) taking in any of its files. Groups no built instruction takes in are dropped.
 * `copied` maps a context file to the index in `uses` of the first use that takes it in
 * (firstUses). `sizes` (file → bytes) makes `bytes` count only the files taken in.
 *
 * Not counted as reruns: stages that only COPY --from the busted stage — BuildKit keys such a
 * copy on the content it copies, so they rerun only if the rebuilt output differs.
 */
export function cacheBusts(
  model: DockerfileModel,
  stages: readonly number[],
  uses: ContextUses,
  copied: PathLookup<number>,
  groups: readonly ChurnGroup[],
  sizes?: PathLookup<number>,
): CacheBust[] {
  const out: CacheBust[] = [];
  for (const g of groups) {
    let first = -1;
    let files = 0;
    let bytes = 0;
    if (g.use) {
      // Tallied while classifying (the group kept no file list).
      ({ first, files, bytes } = g.use);
    } else {
      for (const f of g.files) {
        const u = copied.get(f);
        if (u === undefined) continue;
        files++;
        bytes += sizes?.get(f) ?? 0;
        if (first < 0 || u < first) first = u;
      }
    }
    const use = uses[first];
    if (first < 0 || use === undefined) continue;
    out.push({
      rule: 'cache-bust',
      path: g.root,
      kind: g.kind,
      files,
      bytes: sizes ? bytes : g.bytes,
      step: { stage: use.stage, line: use.instr.line, text: use.instr.text },
      reruns: rerunsAfter(model, stages, use.stage, use.instr),
    });
  }
  return out.sort((a, b) => a.step.line - b.step.line || b.bytes - a.bytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Dependency manifests first

export interface ManifestAdvice {
  rule: 'cache-manifest-order';
  stage: number;
  /** The broad COPY/ADD that takes the manifests together with everything else. */
  line: number;
  /** The dependency install RUN after it. */
  installLine: number;
  /** Ecosystems the install RUN installs. */
  ecosystems: Ecosystem[];
  /** The manifests of those ecosystems the broad COPY takes in (context-relative, sorted). */
  manifests: string[];
}

const MANIFESTS: Record<Ecosystem, RegExp> = {
  node: /^(package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|bun\.lockb?)$/,
  python: /^(requirements.*\.txt|poetry\.lock|pyproject\.toml|Pipfile|Pipfile\.lock|uv\.lock|pdm\.lock)$/,
  go: /^(go\.mod|go\.sum|go\.work|go\.work\.sum)$/,
  rust: /^(Cargo\.toml|Cargo\.lock)$/,
  java: /^(pom\.xml|build\.gradle|build\.gradle\.kts|settings\.gradle|settings\.gradle\.kts|gradle\.properties)$/,
  dotnet: /(\.csproj|\.fsproj|\.vbproj|\.sln|^packages\.lock\.json|^Directory\.Packages\.props|^Directory\.Build\.props|^[Nn]u[Gg]et\.[Cc]onfig)$/,
  ruby: /^(Gemfile|Gemfile\.lock|gems\.rb|gems\.locked)$/,
  php: /^(composer\.json|composer\.lock)$/,
};

// Manifests inside installed trees belong to the dependencies, not to the project.
const NOT_PROJECT = /(^|\/)(node_modules|vendor|\.venv|venv|site-packages|target|\.git|bin|obj)\//;

/** Is `path` a dependency manifest of one of `ecos`? */
export function isManifest(path: string, ecos: Iterable<Ecosystem>): boolean {
  if (NOT_PROJECT.test(path)) return false;
  const name = baseName(path);
  for (const e of ecos) if (MANIFESTS[e].test(name)) return true;
  return false;
}

/** Does the instruction take in a whole directory (`COPY . .`, `COPY app/ /app`)? */
function copiesDirectory(ins: CopyLike, index: ContextIndex): boolean {
  return ins.sources.some((src, k) => {
    if (ins.remote[k]) return false;
    const s = ins.parents && src.includes('/./') ? src.slice(0, src.indexOf('/./')) : src;
    return resolveSource(s, index).matches.some((m) => index.get(m) === 'dir');
  });
}

/**
 * Stages where a broad COPY/ADD — one that takes in a whole directory containing dependency
 * manifests — comes before the dependency install RUN, so every source change reruns the
 * install. Only the first install RUN of each ecosystem in a stage is looked at (a later one,
 * e.g. a production-only reinstall after the sources, is deliberate). An earlier COPY of just the
 * manifests does not help while the broad COPY still precedes the install, so it does not
 * silence the advice. At most one advice per stage: the earliest install concerned. Pass the
 * Dockerfile text to have here-document RUN bodies looked at too.
 */
export function manifestFirst(model: DockerfileModel, stages: readonly number[], index: ContextIndex, dockerfileText?: string): ManifestAdvice[] {
  const out: ManifestAdvice[] = [];
  for (const s of stages) {
    const ins = model.stages[s]?.instructions ?? [];
    const seen = new Set<Ecosystem>();
    let advice: ManifestAdvice | null = null;
    for (let k = 0; k < ins.length && advice === null; k++) {
      const run = ins[k]!;
      if (run.kind !== 'RUN') continue;
      const ecos = [...installEcosystems(runScript(run, dockerfileText))].filter((e) => !seen.has(e));
      for (const e of ecos) seen.add(e);
      if (ecos.length === 0) continue;
      for (let j = 0; j < k; j++) {
        const c = ins[j]!;
        if ((c.kind !== 'COPY' && c.kind !== 'ADD') || c.from !== null || !copiesDirectory(c, index)) continue;
        const manifests: string[] = [];
        for (const f of copiedFiles(c, index)) if (isManifest(f, ecos)) manifests.push(f);
        manifests.sort();
        if (manifests.length === 0) continue;
        advice = { rule: 'cache-manifest-order', stage: s, line: c.line, installLine: run.line, ecosystems: ecos.sort(), manifests };
        break;
      }
    }
    if (advice) out.push(advice);
  }
  return out;
}
