// The context of a Dockerfile found by name alone, when nothing (Compose, Bake, devcontainer)
// says what it is.
//
// `docker build -f DIR/NAME DIR` is the convention, but many repositories keep Dockerfiles in a
// subdirectory (docker/, build/, deploy/) and build them from the repository root: their COPY
// sources (`COPY package.json src/ ./`) then do not exist next to the Dockerfile. Checking them
// against the Dockerfile's directory would report every one as missing. Instead, when some do
// not resolve there, each ancestor up to the searched root is tried, and the nearest one in
// which the most of them resolve becomes the context (ties go to the nearest). Only COPY/ADD
// sources read from the context count: not `--from`, URLs, git sources, heredocs, or sources
// with variables ctxcheck could not expand. A source resolves when the path exists, or, with
// wildcards (`*`, `?`, `[`), when its fixed prefix directory holds a match for the next component.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

import { cleanSource, splitWildcards } from '../dockerfile/copy-sources.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import type { ContextChoice } from './types.js';

/** Local COPY/ADD sources of a Dockerfile, cleaned relative to the context root. */
export function localCopySources(text: string): string[] {
  let model;
  try {
    model = parseDockerfile(text);
  } catch {
    return [];
  }
  const out = new Set<string>();
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      if (ins.kind !== 'COPY' && ins.kind !== 'ADD') continue;
      if (ins.from !== null || ins.unresolvedVars.length > 0) continue;
      ins.sources.forEach((src, i) => {
        if (ins.remote[i] === true || ins.heredocs.includes(src)) return;
        out.add(src);
      });
    }
  }
  return [...out];
}

/** One path component pattern (Go's filepath.Match syntax, no "/") as a RegExp. */
function componentRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '\\' && i + 1 < pattern.length) re += '\\' + pattern[++i]!;
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return /$^/;
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('^')) body = '!' + body.slice(1);
      re += body.startsWith('!') ? `[^${body.slice(1)}]` : `[${body}]`;
      i = end;
    } else re += ch.replace(/[.+^${}()|\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.lstat(p);
    return true;
  } catch {
    return false;
  }
}

async function resolvesIn(dir: string, src: string): Promise<boolean> {
  const { base, pattern } = splitWildcards(src);
  const baseAbs = base === '.' ? dir : path.join(dir, base);
  if (pattern === '') return cleanSource(src) === '.' || exists(baseAbs);
  const first = pattern.split('/')[0] ?? '';
  let names: string[];
  try {
    names = await fsp.readdir(baseAbs);
  } catch {
    return false;
  }
  const re = componentRegExp(first);
  return names.some((n) => re.test(n));
}

async function countResolved(dir: string, sources: readonly string[]): Promise<number> {
  let n = 0;
  for (const s of sources) if (await resolvesIn(dir, s)) n++;
  return n;
}

/**
 * The context for a Dockerfile in `ownDir` with these sources: `ownDir` unless some source does
 * not resolve there and an ancestor (up to `root`) resolves more of them.
 */
export async function chooseContext(ownDir: string, root: string, sources: readonly string[]): Promise<{ context: string; choice: ContextChoice } | null> {
  if (sources.length === 0) return null;
  const own = await countResolved(ownDir, sources);
  if (own === sources.length) return null;
  let best = { dir: ownDir, n: own };
  const rel = path.relative(root, ownDir);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  let dir = ownDir;
  while (dir !== root) {
    dir = path.dirname(dir);
    const n = await countResolved(dir, sources);
    if (n > best.n) best = { dir, n }; // strictly more: a tie keeps the nearer directory
    if (n === sources.length) break;
  }
  if (best.dir === ownDir) return null;
  return { context: best.dir, choice: { reason: 'copy-sources', sources: sources.length, resolved: best.n, resolvedInOwnDir: own } };
}
