// The pipeline behind every command: resolve inputs, compile the rules each builder really
// evaluates, walk the context, and turn the walk into a Report. Nothing here prints.
import { NodeFS } from './fs/node-fs.js';
import type { ContextFS } from './fs/types.js';
import { displayPath, resolveInputs, type ResolvedInputs } from './context/inputs.js';
import { matcherFor } from './context/matcher-for.js';
import { walkContext, type ContextEntry, type WalkOptions, type WalkResult } from './context/walk.js';
import { counterFor } from './context/excluded-counter.js';
import { legacyTarSize } from './context/tar-size.js';
import type { Builder } from './context/builders.js';
import type { Matcher } from './ignore/matcher.js';
import { parentRel } from './paths.js';
import { RULES } from './rules.js';
import type { DirSize, Finding, Report, SizedPath } from './types.js';

export interface CommonOptions {
  /** Context directory (default "."). */
  context?: string;
  /** Dockerfile path, relative to `cwd` like `docker build -f`. */
  dockerfile?: string;
  /** Ignore file to use instead of the builder's choice. */
  ignoreFile?: string;
  builder?: Builder;
  /** Base for relative paths (default process.cwd()). */
  cwd?: string;
}

export interface AnalyzeOptions extends CommonOptions {
  /** Files at or above this many bytes get a `large-file` finding (default 10 MB). */
  large?: number;
  /** Progress callback: entries seen so far. */
  onProgress?: (seen: number) => void;
}

export const DEFAULT_LARGE = 10_000_000;
const LARGEST = 10;
const HEAVIEST_DIRS = 50;

export interface Setup {
  inputs: ResolvedInputs;
  builder: Builder;
  fs: ContextFS;
  matcher: Matcher;
  ignoreLabel: string | null;
  cwd: string;
}

export function setup(opts: CommonOptions, fsOverride?: ContextFS): Setup {
  const builder = opts.builder ?? 'buildkit';
  const cwd = opts.cwd ?? process.cwd();
  const inputs = resolveInputs({ ...opts, builder, cwd }, fsOverride);
  const ignoreLabel = inputs.ignoreFile ? displayPath(inputs.ignoreFile, cwd) : null;
  const fs = fsOverride ?? new NodeFS(inputs.contextDir);
  const matcher = matcherFor(builder, inputs.ignoreRules, ignoreLabel ?? '', inputs.dockerfileRel);
  return { inputs, builder, fs, matcher, ignoreLabel, cwd };
}

const isDirEntry = (e: ContextEntry): boolean => e.type === 'dir';

function dirSizes(entries: readonly ContextEntry[]): DirSize[] {
  const map = new Map<string, DirSize>();
  for (const e of entries) {
    if (isDirEntry(e)) continue;
    for (let d = parentRel(e.path); d !== '.'; d = parentRel(d)) {
      let s = map.get(d);
      if (!s) map.set(d, (s = { path: d, bytes: 0, files: 0 }));
      s.bytes += e.size;
      s.files++;
    }
  }
  return [...map.values()].sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1)).slice(0, HEAVIEST_DIRS);
}

function largest(entries: readonly ContextEntry[]): SizedPath[] {
  return entries
    .filter((e) => e.type === 'file')
    .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1))
    .slice(0, LARGEST)
    .map((e) => ({ path: e.path, bytes: e.size }));
}

function problemFindings(walk: WalkResult): Finding[] {
  return walk.problems.map((p): Finding => {
    if (p.kind === 'vanished') {
      return { ...RULES.vanished, rule: 'vanished', path: p.path, message: `${p.path} disappeared during the walk (${p.code})` };
    }
    const what = p.kind === 'unreadable-dir' ? 'directory' : 'file';
    return {
      rule: 'unreadable',
      category: RULES.unreadable.category,
      severity: RULES.unreadable.severity,
      path: p.path,
      message: `cannot read ${what} ${p.path} (${p.code}); docker build fails on it`,
      fix: `fix its permissions, or exclude it: ${p.path}`,
    };
  });
}

function largeFindings(entries: readonly ContextEntry[], threshold: number): Finding[] {
  return entries
    .filter((e) => e.type === 'file' && e.size >= threshold)
    .sort((a, b) => b.size - a.size)
    .map(
      (e): Finding => ({
        rule: 'large-file',
        category: RULES['large-file'].category,
        severity: RULES['large-file'].severity,
        path: e.path,
        message: `${e.path} is ${e.size} bytes`,
        fix: e.path,
      }),
    );
}

/** Walk the context as `builder` would. */
export function walkFor(s: Setup, opts: Omit<WalkOptions, 'fs' | 'matcher' | 'builder'>): WalkResult {
  return walkContext({ fs: s.fs, matcher: s.matcher, builder: s.builder, ...opts });
}

/**
 * Length of the legacy CLI's context tar for these inputs. `walk` (with stat) is reused when
 * the legacy builder would walk exactly the same way: same rules and no exceptions, so both
 * builders prune every excluded directory.
 */
export function tarBytesFor(s: Setup, walk: WalkResult): number {
  const legacy = s.builder === 'legacy' ? s.matcher : matcherFor('legacy', s.inputs.ignoreRules, s.ignoreLabel ?? '', s.inputs.dockerfileRel);
  const same = legacy === s.matcher || (legacy.rules.length === s.matcher.rules.length && !legacy.hasExceptions);
  const entries = same ? walk.entries : walkContext({ fs: s.fs, matcher: legacy, builder: 'legacy', stat: true }).entries;
  return legacyTarSize(entries).bytes;
}

export async function buildReport(s: Setup, opts: AnalyzeOptions = {}): Promise<Report> {
  const counter = counterFor(s.fs);
  const walk = walkFor(s, { stat: true, excluded: counter, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  const sent = walk.entries.filter((e) => !isDirEntry(e));
  const tarBytes = tarBytesFor(s, walk);
  const excluded = await counter.finish();
  const findings = [...problemFindings(walk), ...largeFindings(walk.entries, opts.large ?? DEFAULT_LARGE)];
  return {
    version: 1,
    context: displayPath(s.inputs.contextDir, s.cwd),
    builder: s.builder,
    dockerfile: s.inputs.dockerfile ? displayPath(s.inputs.dockerfile, s.cwd) : null,
    ignoreFile: s.ignoreLabel,
    summary: {
      files: sent.length,
      bytes: sent.reduce((n, e) => n + e.size, 0),
      tarBytes,
      excludedFiles: excluded.files,
      excludedBytes: excluded.bytes,
      dirs: walk.entries.length - sent.length,
    },
    largestFiles: largest(walk.entries),
    heaviestDirs: dirSizes(walk.entries),
    findings,
  };
}
