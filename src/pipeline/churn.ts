// Pipeline step: the churn and cache-bust analyzers over the walk, given git's view of the
// context and the Dockerfile steps' inputs.
import type { WalkResult } from '../context/walk.js';
import { sizesOf } from '../context/sizes.js';
import { stagesBuilt } from '../dockerfile/stages.js';
import type { UsesAnalysis } from '../analyzers/dockerfile-uses.js';
import { classifyChurn, explicitSources, type ChurnGroup } from '../analyzers/churn.js';
import { dependencyInstalls } from '../analyzers/dependency-installs.js';
import { cacheBusts, manifestFirst } from '../analyzers/cache-bust.js';
import { cacheBustFindings, churnFindings, manifestFindings } from '../analyzers/findings.js';
import { gitPathIn, type GitStatus } from '../git.js';
import type { Finding } from '../types.js';
import type { Setup } from './setup.js';

/** Churning files: cache busts where a step takes them in, plain churn where none does. */
export function churnAnalysis(
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
  const stages = stagesBuilt(model, s.builder, s.target);
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
