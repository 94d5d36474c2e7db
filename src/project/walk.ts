// A bounded walk of a repository for build definition files.
//
// It never follows directory symlinks, and it does not descend into:
// - version-control metadata (.git, .hg, .svn, .jj): not reported, it is never user content;
// - dependency and tool directories by name (node_modules, bower_components, jspm_packages,
//   .venv, __pycache__, .tox, .nox, .terraform, .pnpm-store);
// - directories that mark themselves as caches or environments: a CACHEDIR.TAG with the
//   standard signature (Cargo's target/, many build tools), a pyvenv.cfg (any Python virtualenv),
//   and `vendor/` directories holding Go modules (vendor/modules.txt) or Composer packages
//   (vendor/autoload.php);
// - anything git ignores (`git ls-files --others --ignored --exclude-standard --directory`, run
//   in the walked root and again in every nested repository or submodule met on the way).
// Git-ignored definition files are left out too. Without git, or outside a work tree, only the
// first three rules apply (and a note says so). The walk stops after `maxEntries` directory
// entries and reports that as an error: results are then incomplete.
import { promises as fsp } from 'node:fs';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';

import { mayBeInWorkTree, runGit } from '../git.js';
import { compareStrings, definitionKind, devcontainerKind, isDockerfileTemplate } from './names.js';
import type { DiscoveryProblem, FoundKind } from './types.js';

export const DEFAULT_MAX_ENTRIES = 200_000;
const MAX_GIT_RUNS = 64;

const VCS_DIRS = new Set(['.git', '.hg', '.svn', '.jj']);
const DEPENDENCY_DIRS = new Set(['node_modules', 'bower_components', 'jspm_packages', '.venv', '__pycache__', '.tox', '.nox', '.terraform', '.pnpm-store']);
const CACHEDIR_SIGNATURE = 'Signature: 8a477f597d28d172789f06886806bc55';

export interface WalkResult {
  /** Definition files found (absolute), sorted. */
  files: { file: string; kind: FoundKind }[];
  skippedDirs: string[];
  /** Definition files left out because git ignores them. */
  gitIgnoredFiles: string[];
  /** Dockerfile templates (`Dockerfile.j2`, `Dockerfile.in`…) seen and not listed, sorted. */
  templates: string[];
  /** Directory entries looked at. */
  visited: number;
  truncated: boolean;
  errors: DiscoveryProblem[];
  notes: DiscoveryProblem[];
}

interface IgnoreScope {
  /** Directory git ran in; the set holds paths relative to it ("a/b", no trailing slash). */
  base: string;
  ignored: Set<string>;
}

function splitZ(buf: Buffer): string[] {
  const out = buf.toString('utf8').split('\0');
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Ignored paths below `dir`, or an Error explaining why git could not say. */
async function gitIgnored(dir: string): Promise<IgnoreScope | Error> {
  if (!mayBeInWorkTree(dir)) return new Error('not a git repository (no .git here or above)');
  try {
    const out = await runGit(dir, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], { timeout: 60_000 });
    const ignored = new Set<string>();
    for (const p of splitZ(out)) ignored.add(p.endsWith('/') ? p.slice(0, -1) : p);
    return { base: dir, ignored };
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

function isIgnored(scope: IgnoreScope | null, abs: string): boolean {
  if (scope === null) return false;
  const rel = path.relative(scope.base, abs).split(path.sep).join('/');
  return scope.ignored.has(rel);
}

async function hasCachedirSignature(file: string): Promise<boolean> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(file, 'r');
    const buf = Buffer.alloc(CACHEDIR_SIGNATURE.length);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.toString('latin1', 0, bytesRead) === CACHEDIR_SIGNATURE;
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}

/** Why the directory (already listed) should not be searched, or null. */
async function markerReason(dir: string, names: ReadonlySet<string>): Promise<string | null> {
  if (names.has('CACHEDIR.TAG') && (await hasCachedirSignature(path.join(dir, 'CACHEDIR.TAG')))) return 'cache';
  if (names.has('pyvenv.cfg')) return 'virtualenv';
  if (path.basename(dir) === 'vendor' && (names.has('modules.txt') || names.has('autoload.php'))) return 'vendor';
  return null;
}

export async function walkTree(root: string, opts: { maxEntries?: number } = {}): Promise<WalkResult> {
  const maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const result: WalkResult = { files: [], skippedDirs: [], gitIgnoredFiles: [], templates: [], visited: 0, truncated: false, errors: [], notes: [] };

  let gitRuns = 1;
  const rootScope = await gitIgnored(root);
  let scope0: IgnoreScope | null = null;
  if (rootScope instanceof Error) {
    const code = (rootScope as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'git is not installed' : /not a git repository/i.test(rootScope.message) ? 'not inside a git work tree' : rootScope.message;
    result.notes.push({ file: root, message: `${why}: directories git would ignore are searched too` });
  } else {
    scope0 = rootScope;
  }

  const stack: { dir: string; scope: IgnoreScope | null }[] = [{ dir: root, scope: scope0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const { dir } = item;
    let scope = item.scope;
    if (result.visited >= maxEntries) {
      result.truncated = true;
      break;
    }
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code !== 'ENOENT') result.errors.push({ file: dir, message: `cannot read directory: ${err.code ?? err.message}` });
      continue;
    }
    result.visited += entries.length;
    const names = new Set(entries.map((e) => e.name));
    if (dir !== root) {
      const reason = await markerReason(dir, names);
      if (reason !== null) {
        result.skippedDirs.push(dir);
        continue;
      }
      if (names.has('.git') && gitRuns < MAX_GIT_RUNS) {
        // A nested repository or submodule: the enclosing repository's ignore rules stop here.
        gitRuns++;
        const nested = await gitIgnored(dir);
        if (!(nested instanceof Error)) scope = nested;
      }
    }
    entries.sort((a, b) => compareStrings(b.name, a.name)); // popped in ascending order
    for (const ent of entries) {
      const abs = path.join(dir, ent.name);
      if (ent.isDirectory()) {
        if (VCS_DIRS.has(ent.name)) continue;
        if (DEPENDENCY_DIRS.has(ent.name) || isIgnored(scope, abs)) {
          result.skippedDirs.push(abs);
          continue;
        }
        stack.push({ dir: abs, scope });
        continue;
      }
      const kind = definitionKind(ent.name) ?? devcontainerKind(abs);
      if (kind === null) {
        if (isDockerfileTemplate(ent.name) && (ent.isFile() || ent.isSymbolicLink()) && !isIgnored(scope, abs)) result.templates.push(abs);
        continue;
      }
      if (ent.isSymbolicLink()) {
        try {
          if (!(await fsp.stat(abs)).isFile()) continue;
        } catch {
          continue; // dangling link
        }
      } else if (!ent.isFile()) {
        continue;
      }
      if (isIgnored(scope, abs)) {
        result.gitIgnoredFiles.push(abs);
        continue;
      }
      result.files.push({ file: abs, kind });
    }
  }
  if (result.truncated) {
    result.errors.push({
      file: root,
      message: `stopped after ${result.visited} directory entries (limit ${maxEntries}): build definitions in directories not reached are missing`,
    });
  }
  result.files.sort((a, b) => compareStrings(a.file, b.file));
  result.skippedDirs.sort(compareStrings);
  result.gitIgnoredFiles.sort(compareStrings);
  result.templates.sort(compareStrings);
  return result;
}
