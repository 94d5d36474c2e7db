// The build description Compose services and Bake targets share before paths are resolved, and
// its resolution into the fields of a BuildTarget.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

import { remoteKind, resolveLocal } from './names.js';
import type { BuildTarget } from './types.js';

/** Build attributes as written (after interpolation), paths still relative. */
export interface RawBuild {
  /** Relative to the definition file's directory; default ".". */
  context?: string;
  /** Relative to the context; default "Dockerfile". */
  dockerfile?: string;
  dockerfileInline?: string;
  target?: string;
  /** null: declared without a value (not passed to the build). */
  args: Record<string, string | null>;
  /** Named contexts as written, local paths relative to the definition file's directory. */
  contexts: Record<string, string>;
}

export function emptyRaw(): RawBuild {
  return { args: {}, contexts: {} };
}

/** `over` on top of `base`: scalars replace, `args` and `contexts` merge key by key. */
export function mergeRaw(base: RawBuild, over: RawBuild): RawBuild {
  const out: RawBuild = { ...base, args: { ...base.args, ...over.args }, contexts: { ...base.contexts, ...over.contexts } };
  if (over.context !== undefined) out.context = over.context;
  if (over.dockerfile !== undefined) out.dockerfile = over.dockerfile;
  if (over.dockerfileInline !== undefined) out.dockerfileInline = over.dockerfileInline;
  if (over.target !== undefined) out.target = over.target;
  return out;
}

/** The fields of a BuildTarget that a Compose service or Bake target resolves to. */
export type ResolvedBuild = Pick<BuildTarget, 'context' | 'dockerfile' | 'dockerfileInline' | 'target' | 'args' | 'additionalContexts' | 'notes'>;

/**
 * Resolve `raw` against `base` (the definition file's directory). Returns the remote context
 * instead when the build context is not a local directory. Notes record what is not passed or
 * does not exist.
 */
export async function resolveBuild(raw: RawBuild, base: string): Promise<ResolvedBuild | { remote: string }> {
  const notes: string[] = [];
  const ctxValue = raw.context === undefined || raw.context === '' ? '.' : raw.context;
  if (remoteKind(ctxValue) !== null) return { remote: ctxValue };
  const context = resolveLocal(base, ctxValue);
  let dockerfile: string | null = null;
  let dockerfileInline: string | null = null;
  if (raw.dockerfileInline !== undefined) {
    dockerfileInline = raw.dockerfileInline;
    if (raw.dockerfile !== undefined) notes.push(`dockerfile ${raw.dockerfile} is not used: the inline Dockerfile takes precedence`);
  } else {
    dockerfile = path.resolve(context, raw.dockerfile === undefined || raw.dockerfile === '' ? 'Dockerfile' : raw.dockerfile);
  }
  const args: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw.args)) {
    if (v === null) notes.push(`build arg ${k} has no value and is not passed`);
    else args[k] = v;
  }
  const additionalContexts: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.contexts)) {
    const remote = remoteKind(value);
    if (remote !== null) {
      notes.push(`additional context ${name} (${value}) is not a local directory: skipped`);
      continue;
    }
    additionalContexts[name] = resolveLocal(base, value);
  }
  if (!(await isDir(context))) notes.push('context directory does not exist');
  if (dockerfile !== null && !(await isFile(dockerfile))) notes.push('Dockerfile not found');
  for (const [name, dir] of Object.entries(additionalContexts)) {
    if (!(await exists(dir))) notes.push(`additional context ${name} does not exist`);
  }
  const out: ResolvedBuild = { context, dockerfile, dockerfileInline, args, additionalContexts, notes };
  if (raw.target !== undefined && raw.target !== '') out.target = raw.target;
  return out;
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await fsp.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fsp.stat(p)).isFile();
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.stat(p);
    return true;
  } catch {
    return false;
  }
}

/** The BuildTarget a resolved Compose service or Bake target describes. */
export function targetFrom(name: string, kind: BuildTarget['kind'], built: ResolvedBuild, source: BuildTarget['source'], notes: string[]): BuildTarget {
  const t: BuildTarget = {
    name,
    kind,
    context: built.context,
    dockerfile: built.dockerfile,
    dockerfileInline: built.dockerfileInline,
    args: built.args,
    additionalContexts: built.additionalContexts,
    source,
    notes,
  };
  if (built.target !== undefined) t.target = built.target;
  return t;
}
