// Which builds an ignore file serves. A .dockerignore belongs to a context, not to one
// Dockerfile: every Dockerfile, Compose service and Bake target whose context is that directory
// (and whose builder picks that file) is bound by it, so a proposal is proved against all of
// them. Found with the same discovery `ctxcheck --all` uses.
import * as path from 'node:path';
import type { CommonOptions } from '../pipeline/options.js';
import { setup } from '../pipeline/setup.js';
import { InputError } from '../errors.js';
import type { ContextFS } from '../fs/types.js';
import { discover, type BuildTarget } from '../project/index.js';

export interface BuildSpec {
  /** 'Dockerfile', 'service api (compose.yaml)', 'bake target web (docker-bake.hcl)'. */
  name: string;
  options: CommonOptions;
}

export interface BuildGroup {
  /** The ignore file the builds share (absolute), or where a new one would go. */
  file: string;
  contextDir: string;
  builds: BuildSpec[];
}

export interface BuildsResult {
  groups: BuildGroup[];
  /** Builds that could not be resolved, and discovery problems. */
  problems: { build?: string; file: string; line?: number; message: string }[];
}

/** The ignore file `opts` uses (absolute), or the .dockerignore that would be created. */
export function ignoreFileOf(opts: CommonOptions, fsOverride?: ContextFS): { file: string; contextDir: string; dockerfile: string | null } {
  const s = setup(opts, fsOverride);
  return { file: s.inputs.ignoreFile ?? path.join(s.inputs.contextDir, '.dockerignore'), contextDir: s.inputs.contextDir, dockerfile: s.inputs.dockerfile };
}

function targetOptions(t: BuildTarget, base: CommonOptions): CommonOptions {
  const target = t.target ?? base.target;
  return {
    context: t.context,
    ...(base.cwd ? { cwd: base.cwd } : {}),
    ...(base.builder ? { builder: base.builder } : {}),
    ...(base.ignoreFile ? { ignoreFile: base.ignoreFile } : {}),
    ...(t.dockerfile ? { dockerfile: t.dockerfile } : {}),
    ...(t.dockerfileInline !== null ? { dockerfileInline: t.dockerfileInline } : {}),
    ...(target ? { target } : {}),
    buildArgs: { ...(base.buildArgs ?? {}), ...t.args },
  };
}

/** Discovered builds, without a Dockerfile that a Compose service or Bake target already builds. */
async function discovered(root: string, composeFiles: string[] | undefined): Promise<{ targets: BuildTarget[]; problems: BuildsResult['problems'] }> {
  const found = await discover(root, composeFiles ? { composeFiles } : {});
  const definedElsewhere = new Set(found.targets.filter((t) => t.kind !== 'dockerfile' && t.dockerfile).map((t) => t.dockerfile));
  return {
    targets: found.targets.filter((t) => t.kind !== 'dockerfile' || !definedElsewhere.has(t.dockerfile)),
    problems: found.errors.map((e) => ({ file: e.file, ...(e.line !== undefined ? { line: e.line } : {}), message: e.message })),
  };
}

/** Two definitions of the same build (e.g. the root Dockerfile and a service that builds it). */
const buildKey = (o: CommonOptions, dockerfile: string | null): string =>
  JSON.stringify([dockerfile, o.dockerfileInline ?? null, o.target ?? null, Object.entries(o.buildArgs ?? {}).sort()]);

/**
 * One build (the options given) plus every discovered build that shares its context and
 * ignore file. With an in-memory context there is nothing to discover.
 */
export async function buildsSharing(opts: CommonOptions, fsOverride?: ContextFS): Promise<BuildsResult> {
  const cwd = opts.cwd ?? process.cwd();
  const primary = ignoreFileOf(opts, fsOverride);
  // Named relative to the context, so the generated block reads the same from any directory.
  const label = primary.dockerfile
    ? path.relative(primary.contextDir, primary.dockerfile).split(path.sep).join('/')
    : opts.dockerfileInline !== undefined
      ? '(inline Dockerfile)'
      : '(no Dockerfile)';
  const group: BuildGroup = { file: primary.file, contextDir: primary.contextDir, builds: [{ name: label, options: opts }] };
  if (fsOverride) return { groups: [group], problems: [] };
  const { targets, problems } = await discovered(primary.contextDir, undefined);
  const out: BuildsResult['problems'] = [...problems];
  const seen = new Set([buildKey(opts, primary.dockerfile)]);
  for (const t of targets) {
    const o = targetOptions(t, { ...opts, cwd });
    let f: ReturnType<typeof ignoreFileOf>;
    try {
      f = ignoreFileOf(o);
    } catch (err) {
      if (!(err instanceof InputError) && (err as Error).name !== 'IgnoreFileError') throw err;
      out.push({ build: t.name, file: t.source.file, ...(t.source.line !== undefined ? { line: t.source.line } : {}), message: (err as Error).message });
      continue;
    }
    if (f.contextDir !== primary.contextDir || f.file !== primary.file) continue;
    const key = buildKey(o, f.dockerfile);
    if (seen.has(key)) continue;
    seen.add(key);
    group.builds.push({ name: t.name, options: o });
  }
  return { groups: [group], problems: out };
}

/** `suggest --all`: every discovered build, grouped by the ignore file each one uses. */
export async function allBuilds(rootArg: string, opts: CommonOptions & { composeFiles?: string[] }): Promise<BuildsResult> {
  const cwd = opts.cwd ?? process.cwd();
  const root = path.resolve(cwd, rootArg);
  const { targets, problems } = await discovered(root, opts.composeFiles);
  const groups = new Map<string, BuildGroup>();
  for (const t of targets) {
    const o = targetOptions(t, { ...opts, cwd });
    let f: ReturnType<typeof ignoreFileOf>;
    try {
      f = ignoreFileOf(o);
    } catch (err) {
      if (!(err instanceof InputError) && (err as Error).name !== 'IgnoreFileError') throw err;
      problems.push({ build: t.name, file: t.source.file, ...(t.source.line !== undefined ? { line: t.source.line } : {}), message: (err as Error).message });
      continue;
    }
    const key = `${f.contextDir}\0${f.file}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { file: f.file, contextDir: f.contextDir, builds: [] }));
    g.builds.push({ name: t.name, options: o });
  }
  return { groups: [...groups.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), problems };
}
