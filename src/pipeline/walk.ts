// Pipeline step 2: walk the context as the builder would, once per distinct context and rules
// (shared across the builds of `--all`), plus the walks derived from it: BuildKit's transfer
// set and the legacy CLI's tar length.
import { walkContext, type WalkOptions, type WalkResult } from '../context/walk.js';
import { counterFor, type ExcludedTotals } from '../context/excluded-counter.js';
import { legacyTarSize } from '../context/tar-size.js';
import { withOutsideDockerfile } from '../context/tar-outside-dockerfile.js';
import { checkLegacyValidation } from '../context/legacy-validation.js';
import { matcherFor } from '../context/matcher-for.js';
import { EntryStore as EntryStoreClass, type EntryStore } from '../context/entry-store.js';
import { Matcher } from '../ignore/matcher.js';
import { followPaths } from '../dockerfile/copy-sources.js';
import { followLinks } from '../dockerfile/follow-links.js';
import type { ScanResult } from '../analyzers/secrets/index.js';
import type { AnalyzeOptions } from './options.js';
import type { Setup } from './setup.js';

/** Walk the context as `builder` would. */
export function walkFor(s: Setup, opts: Omit<WalkOptions, 'fs' | 'matcher' | 'builder'>): WalkResult {
  const walk = walkContext({ fs: s.fs, matcher: s.matcher, builder: s.builder, stopOnMatchError: s.builder === 'legacy', ...opts });
  if (walk.aborted) checkLegacyValidation(s.fs, s.inputs.ignoreRules, s.ignoreLabel ?? '', walk.aborted.error);
  return walk;
}

/**
 * Length of the legacy CLI's context tar for these inputs. `walk` (with stat) is reused when
 * the legacy builder would walk exactly the same way: same rules and no exceptions, so both
 * builders prune every excluded directory.
 */
export function tarBytesFor(s: Setup, walk: WalkResult): number {
  const legacy = s.builder === 'legacy' ? s.matcher : matcherFor('legacy', s.inputs.ignoreRules, s.ignoreLabel ?? '', s.inputs.dockerfileRel);
  const same = legacy === s.matcher || (legacy.rules.length === s.matcher.rules.length && !legacy.hasExceptions);
  const entries = same ? walk.entries : walkContext({ fs: s.fs, matcher: legacy, builder: 'legacy', stat: true, stopOnMatchError: true }).entries;
  const bytes = legacyTarSize(entries).bytes;
  const rel = s.inputs.dockerfileRel;
  if (rel === null || !rel.startsWith('../') || s.inputs.dockerfileBytes === null) return bytes;
  return withOutsideDockerfile(bytes, entries, s.inputs.dockerfileBytes);
}

/** The include matcher for BuildKit's FollowPaths (null = no filter: the whole context). */
export function followMatcher(paths: string[] | null): Matcher | null {
  if (paths === null) return null;
  return Matcher.fromRaw(
    paths.map((text, i) => ({ text, line: i + 1, raw: text })),
    '(Dockerfile sources)',
  );
}

/**
 * What BuildKit transfers: the context filtered by the Dockerfile's FollowPaths, with the
 * symlinks along them (and their targets) added as fsutil's FollowLinks does.
 */
export function transferWalk(s: Setup, context: WalkResult, stat: boolean): { follow: string[] | null; entries: EntryStore } | null {
  if (!s.dockerfile || s.builder !== 'buildkit') return null;
  const follow = followPaths(s.dockerfile.model, s.target);
  if (follow === null) return { follow, entries: context.entries };
  if (follow.length === 0) return { follow, entries: new EntryStoreClass(stat) };
  const include = followMatcher(followLinks(s.fs, follow));
  if (include === null) return { follow, entries: context.entries }; // a link led to the root
  return { follow, entries: walkFor(s, { stat, include }).entries };
}

/**
 * Work shared between analyses of several builds (`--all`): builds with the same context, ignore
 * rules and builder are walked once, and their files scanned for secrets once.
 */
export interface SharedWork {
  walks: Map<string, ContextWalk>;
  scans: Map<string, Promise<ScanResult>>;
  /** How many walks were really done (for tests and the summary). */
  walkCount: number;
}

export function sharedWork(): SharedWork {
  return { walks: new Map(), scans: new Map(), walkCount: 0 };
}

export function walkKey(s: Setup): string {
  return JSON.stringify([s.builder, s.inputs.contextDir, s.matcher.rules.map((r) => [r.exception, r.pattern])]);
}

export interface ContextWalk {
  walk: WalkResult;
  /**
   * What the ignore file keeps out. The count may still be running (in a worker); calling this
   * lends it the calling thread until it is done, so call it once the rest of the analysis is.
   */
  excluded: () => Promise<ExcludedTotals>;
}

export function contextWalk(s: Setup, opts: Pick<AnalyzeOptions, 'onProgress' | 'onPhase'>, shared?: SharedWork): ContextWalk {
  const key = walkKey(s);
  const hit = shared?.walks.get(key);
  if (hit) return hit;
  const counter = counterFor(s.fs);
  let walk: WalkResult;
  const { onProgress, onPhase } = opts;
  let seen = 0;
  const progress =
    onProgress || onPhase
      ? (n: number): void => {
          seen = n;
          onProgress?.(n);
          onPhase?.('walking', n);
        }
      : undefined;
  onPhase?.('walking', 0);
  try {
    walk = walkFor(s, { stat: true, excluded: counter, ...(progress ? { onProgress: progress } : {}) });
    onPhase?.('walking', seen, seen); // the phase's end: always shown
  } catch (err) {
    counter.abort?.();
    throw err;
  }
  counter.end?.();
  const done: ContextWalk = { walk, excluded: () => counter.finish() };
  if (shared) {
    shared.walkCount++;
    shared.walks.set(key, done);
  }
  return done;
}
