// Resolve what `docker build` would use: the context directory, the Dockerfile (-f is
// relative to the current directory, like the docker CLI), and the ignore file
// (--ignore-file, else BuildKit's per-Dockerfile "<Dockerfile>.dockerignore", else the
// context's ".dockerignore").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors.js';
import { IgnoreFileError, readIgnoreFile, type RawRule } from '../ignore/parse.js';
import type { Builder } from './builders.js';

export interface ResolvedInputs {
  contextDir: string;
  /** Absolute Dockerfile path, or null when there is none. */
  dockerfile: string | null;
  /** Dockerfile relative to the context with "/" (may start with "../"), as Docker passes it. */
  dockerfileRel: string | null;
  ignoreFile: string | null;
  /** How `ignoreFile` was chosen. */
  ignoreKind: 'flag' | 'per-dockerfile' | 'context' | 'none';
  ignoreRules: RawRule[];
}

export interface InputOptions {
  context?: string;
  dockerfile?: string;
  ignoreFile?: string;
  builder: Builder;
  cwd?: string;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Human-facing name for a file: relative to the cwd when inside it. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
}

function readIgnore(file: string, label: string): RawRule[] {
  let data: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw new IgnoreFileError(label, null, 'is a directory, not an ignore file');
    data = fs.readFileSync(file);
  } catch (err) {
    if (err instanceof IgnoreFileError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new IgnoreFileError(label, null, `cannot read ignore file (${e.code ?? e.message})`);
  }
  return readIgnoreFile(data, label);
}

export function resolveInputs(opts: InputOptions): ResolvedInputs {
  const cwd = opts.cwd ?? process.cwd();
  const contextArg = opts.context ?? '.';
  const contextDir = path.resolve(cwd, contextArg);
  let st: fs.Stats;
  try {
    st = fs.statSync(contextDir);
  } catch {
    throw new InputError(`context ${contextArg}: no such directory`);
  }
  if (!st.isDirectory()) throw new InputError(`context ${contextArg}: not a directory`);

  let dockerfile: string | null = null;
  if (opts.dockerfile !== undefined) {
    dockerfile = path.resolve(cwd, opts.dockerfile);
    if (!isFile(dockerfile)) throw new InputError(`Dockerfile ${opts.dockerfile}: no such file`);
  } else {
    // docker build looks for "Dockerfile", then "dockerfile", in the context root.
    for (const name of ['Dockerfile', 'dockerfile']) {
      const candidate = path.join(contextDir, name);
      if (isFile(candidate)) {
        dockerfile = candidate;
        break;
      }
    }
  }
  const dockerfileRel = dockerfile ? path.relative(contextDir, dockerfile).split(path.sep).join('/') : null;

  let ignoreFile: string | null = null;
  let ignoreKind: ResolvedInputs['ignoreKind'] = 'none';
  if (opts.ignoreFile !== undefined) {
    ignoreFile = path.resolve(cwd, opts.ignoreFile);
    if (!exists(ignoreFile)) throw new InputError(`ignore file ${opts.ignoreFile}: no such file`);
    ignoreKind = 'flag';
  } else {
    const perDockerfile = dockerfile ? `${dockerfile}.dockerignore` : null;
    if (opts.builder === 'buildkit' && perDockerfile && exists(perDockerfile)) {
      ignoreFile = perDockerfile;
      ignoreKind = 'per-dockerfile';
    } else if (exists(path.join(contextDir, '.dockerignore'))) {
      ignoreFile = path.join(contextDir, '.dockerignore');
      ignoreKind = 'context';
    }
  }
  const ignoreRules = ignoreFile ? readIgnore(ignoreFile, displayPath(ignoreFile, cwd)) : [];
  return { contextDir, dockerfile, dockerfileRel, ignoreFile, ignoreKind, ignoreRules };
}
