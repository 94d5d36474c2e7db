// What each builder does with a directory that the ignore rules exclude: skip it whole
// ("prune"), or keep walking because an exception might re-include something inside.
// Pruned directories are the source of every disagreement between the two builders.
import type { Matcher, Rule } from '../ignore/matcher.js';

export type Builder = 'buildkit' | 'legacy';
export const BUILDERS: readonly Builder[] = ['buildkit', 'legacy'];

// tonistiigi/fsutil treats an exception as "prefix only" (safe to prune around) when, after
// dropping a trailing "/**" or "/*", it has none of these characters.
export const WILDCARD_CHARS = /[*[\]?^\\]/;

export function withoutTrailingGlob(pattern: string): string {
  let p = pattern;
  if (p.endsWith('/**')) p = p.slice(0, -3);
  if (p.endsWith('/*')) p = p.slice(0, -2);
  return p;
}

export interface PrunePolicy {
  /** Would this builder skip the (excluded) directory `dir` without looking inside? */
  prunes(dir: string): boolean;
  /** The exception rule that keeps an excluded directory open, if any (for explanations). */
  keptOpenBy(dir: string): Rule | 'wildcard-exception' | null;
}

export function prunePolicy(builder: Builder, matcher: Matcher): PrunePolicy {
  const exceptions = matcher.rules.filter((r) => r.exception);
  if (builder === 'legacy') {
    // docker/cli → moby archive.TarWithOptions: keep the directory open only when an
    // exception's literal text starts with "dir/".
    const keptOpenBy = (dir: string): Rule | null =>
      exceptions.find((r) => `${r.pattern}/`.startsWith(`${dir}/`)) ?? null;
    return { prunes: (dir) => keptOpenBy(dir) === null, keptOpenBy };
  }
  // BuildKit (fsutil filterFS): any exception with a wildcard disables pruning altogether.
  const wildcard = exceptions.find((r) => WILDCARD_CHARS.test(withoutTrailingGlob(r.pattern)));
  if (wildcard) return { prunes: () => false, keptOpenBy: () => 'wildcard-exception' };
  const keptOpenBy = (dir: string): Rule | null =>
    exceptions.find((r) => `${withoutTrailingGlob(r.pattern)}/`.startsWith(`${dir}/`)) ?? null;
  return { prunes: (dir) => keptOpenBy(dir) === null, keptOpenBy };
}

/**
 * BuildKit's include side (FollowPaths → include patterns): a directory that no include
 * pattern matches is skipped whole unless some pattern lies inside it — but only while every
 * include pattern is a plain prefix; one wildcard include makes fsutil walk everything.
 */
export function includePrunePolicy(include: Matcher): PrunePolicy {
  const patterns = include.rules.filter((r) => !r.exception);
  if (patterns.some((r) => WILDCARD_CHARS.test(withoutTrailingGlob(r.pattern)))) {
    return { prunes: () => false, keptOpenBy: () => 'wildcard-exception' };
  }
  const keptOpenBy = (dir: string): Rule | null =>
    patterns.find((r) => `${withoutTrailingGlob(r.pattern)}/`.startsWith(`${dir}/`)) ?? null;
  return { prunes: (dir) => keptOpenBy(dir) === null, keptOpenBy };
}
