// `ctxcheck cache`: replay the git history through the Dockerfile and ignore file, as they were
// at each commit, and count how often each step's cache would break — then the same with
// ctxcheck's suggested ignore rules and the manifest-first order applied.
import { count as countOf } from '../units.js';
import * as path from 'node:path';
import type { AnalyzeOptions } from '../pipeline/options.js';
import { setup } from '../pipeline/setup.js';
import { CACHE_MODEL_TEXT, cacheReplay, type CacheModel, type ReplayResult, type ReplayStep } from '../analyzers/cache-replay.js';
import { InputError } from '../errors.js';
import { gitRepo } from '../git.js';
import { splitBlock, suggest } from '../suggest/suggest.js';

export interface CacheComparison {
  commits: number;
  before: ReplayResult;
  after: ReplayResult;
  /** The ignore lines simulated in `after`. */
  extraIgnore: string[];
}

export async function compareCache(opts: AnalyzeOptions & { commits: number; cacheModel?: CacheModel }): Promise<CacheComparison> {
  const s = setup(opts);
  if (!s.inputs.dockerfile || !s.inputs.dockerfileRel) throw new InputError('cache replay needs a Dockerfile (none found; use -f)');
  if (!(await gitRepo(s.inputs.contextDir))) throw new InputError(`${s.inputs.contextDir}: not inside a git work tree (cache replay reads the git history)`);
  const ignoreFileRel = s.inputs.ignoreFile ? path.relative(s.inputs.contextDir, s.inputs.ignoreFile).split(path.sep).join('/') : null;
  const base = {
    contextDir: s.inputs.contextDir,
    dockerfileRel: s.inputs.dockerfileRel,
    ignoreFileRel,
    builder: s.builder,
    commits: opts.commits,
    cacheModel: opts.cacheModel ?? 'local',
    ...(opts.target ? { target: opts.target } : {}),
    ...(opts.buildArgs ? { buildArgs: opts.buildArgs } : {}),
  };
  opts.onPhase?.('replaying history', 0, opts.commits);
  const before = await cacheReplay(base);
  const sug = await suggest(opts);
  opts.onPhase?.('replaying history', 0, opts.commits);
  const block = splitBlock(sug.proposed).block ?? '';
  const extraIgnore = block
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const after = await cacheReplay({ ...base, extraIgnore, reorderManifestFirst: true });
  return { commits: before.commits, before, after, extraIgnore };
}

export function renderCache(c: CacheComparison): string {
  const out: string[] = [];
  out.push(`Cache replay over the last ${countOf(c.commits, 'commit')}: how many would rebuild each step`);
  out.push(`Cache model: ${CACHE_MODEL_TEXT[c.before.cacheModel]} (--cache-model ${c.before.cacheModel === 'local' ? 'previous' : 'local'} for the other)`);
  out.push('');
  // "2*": of those rebuilds, some happen only if a rebuilt stage's output changed.
  const count = (s: ReplayStep | undefined): string => (s === undefined ? '-' : `${s.rebuilds}${s.uncertain > 0 ? '*' : ''}`);
  const afterByLine = new Map(c.after.steps.filter((s) => !s.simulated).map((s) => [`${s.stage}:${s.line}`, s]));
  const w = Math.max(4, ...c.before.steps.map((s) => String(s.line).length));
  out.push(`  ${'line'.padStart(w)}  before  after  step`);
  for (const s of c.before.steps) {
    const after = afterByLine.get(`${s.stage}:${s.line}`);
    out.push(`  ${String(s.line).padStart(w)}  ${count(s).padStart(6)}  ${count(after).padStart(5)}  ${s.text}`);
  }
  const simulated = c.after.steps.filter((s) => s.simulated);
  for (const s of simulated) out.push(`  ${'+'.padStart(w)}  ${'-'.padStart(6)}  ${count(s).padStart(5)}  ${s.text}  (manifest-first, simulated)`);
  out.push('');
  if ([...c.before.steps, ...c.after.steps].some((s) => s.uncertain > 0)) {
    out.push('* counts a rebuild that happens only if a rebuilt stage produced different files: COPY --from is keyed on the content it copies.');
  }
  out.push(`"after" applies ctxcheck's suggested ignore rules${c.extraIgnore.length ? ` (${c.extraIgnore.join(', ')})` : ' (none needed)'} and the dependency-manifest-first order.`);
  return out.join('\n') + '\n';
}
