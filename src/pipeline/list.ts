// What the builder sends and why, without the analysis: `ctxcheck ls` and `why` load this
// and not the report pipeline (issue #17: start-up).
import { goClean } from '../paths.js';
import type { CommonOptions } from './options.js';
import { setup } from './setup.js';
import { transferWalk, walkFor } from './walk.js';
import { explainPath, type PathVerdict } from '../context/explain.js';
import { sortedPaths } from '../context/list.js';
import { matcherFor } from '../context/matcher-for.js';
import { BUILDERS, type Builder } from '../context/builders.js';
import { InputError } from '../errors.js';
import type { ContextFS } from '../fs/types.js';

export interface ListOptions extends CommonOptions {
  /** Include directories (their paths end in "/"). */
  dirs?: boolean;
  /**
   * BuildKit's transfer set instead of the whole context: only what the Dockerfile's stages
   * (for `target`) use. Needs a Dockerfile and the BuildKit builder.
   */
  transfer?: boolean;
}

/** Every path the builder would send, sorted by byte order. */
export async function listContext(options: ListOptions = {}, fs?: ContextFS): Promise<string[]> {
  return Array.from(await iterateContext(options, fs));
}

/** listContext one path at a time: for contexts too big to list in memory. */
export async function iterateContext(options: ListOptions = {}, fs?: ContextFS): Promise<Iterable<string>> {
  const s = setup(options, fs);
  const walk = walkFor(s, { stat: false });
  let entries = walk.entries;
  if (options.transfer) {
    if (!s.dockerfile) throw new InputError('--transfer needs a Dockerfile (none found; use -f)');
    if (s.builder !== 'buildkit') throw new InputError('--transfer is BuildKit behaviour; the legacy builder sends the whole context');
    entries = transferWalk(s, walk, false)!.entries;
  }
  return sortedPaths(entries, { dirs: options.dirs === true, builder: s.builder });
}

export interface Explanation {
  path: string;
  exists: boolean;
  verdicts: Record<Builder, PathVerdict>;
  /** True when the two builders reach different answers. */
  disagree: boolean;
}

/** Why each path is in or out of the context, for both builders. */
export async function explain(paths: readonly string[], options: CommonOptions = {}, fs?: ContextFS): Promise<Explanation[]> {
  const s = setup(options, fs);
  const matchers = Object.fromEntries(
    BUILDERS.map((b) => [b, b === s.builder ? s.matcher : matcherFor(b, s.inputs.ignoreRules, s.ignoreLabel ?? '', s.inputs.dockerfileRel)]),
  ) as Record<Builder, ReturnType<typeof matcherFor>>;
  return paths.map((raw) => {
    const path = goClean(raw);
    if (path === '.' || path.startsWith('../') || path === '..' || path.startsWith('/')) {
      throw new InputError(`why ${raw}: give a path inside the context, relative to it`);
    }
    let exists = true;
    let isDir = raw.endsWith('/');
    try {
      isDir = s.fs.lstat(path).type === 'dir';
    } catch {
      exists = false;
    }
    const verdicts = Object.fromEntries(BUILDERS.map((b) => [b, explainPath(matchers[b], b, path, isDir)])) as Record<Builder, PathVerdict>;
    return { path, exists, verdicts, disagree: verdicts.buildkit.included !== verdicts.legacy.included };
  });
}
