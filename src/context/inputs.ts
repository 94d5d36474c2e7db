// Resolve what `docker build` would use: the context directory, the Dockerfile (-f is
// relative to the current directory, like the docker CLI), and the ignore file
// (--ignore-file, else BuildKit's per-Dockerfile "<Dockerfile>.dockerignore", else the
// context's ".dockerignore").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors.js';
import { IgnoreFileError, readIgnoreFile, type RawRule } from '../ignore/parse.js';
import type { Builder } from './builders.js';
import type { ContextFS } from '../fs/types.js';

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
  /** The ignore file's text as read (or as given in `ignoreText`), null without one. */
  ignoreText: string | null;
  /** The Dockerfile's text (UTF-8, BOM kept for the parser to handle), null without one. */
  dockerfileText: string | null;
  /** The Dockerfile file's length in bytes (null without a file). */
  dockerfileBytes: number | null;
}

export interface InputOptions {
  context?: string;
  dockerfile?: string;
  ignoreFile?: string;
  /**
   * Evaluate this text as the ignore file's content instead of reading it (e.g. to measure a
   * proposed ignore file before writing it). Applies to the ignore file the builder would use,
   * or `<context>/.dockerignore` when there is none.
   */
  ignoreText?: string;
  /** Dockerfile content given inline (Compose `dockerfile_inline`); no file is read. */
  dockerfileInline?: string;
  builder: Builder;
  cwd?: string;
}

/** File checks the resolver needs, so in-memory contexts resolve like disk ones. */
export interface HostView {
  kind(abs: string): 'file' | 'dir' | 'other' | null;
  read(abs: string): Uint8Array;
}

export const DISK: HostView = {
  kind(abs) {
    try {
      const st = fs.statSync(abs);
      return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
    } catch {
      try {
        fs.lstatSync(abs);
        return 'other'; // e.g. a dangling symlink
      } catch {
        return null;
      }
    }
  },
  read: (abs) => fs.readFileSync(abs),
};

/** Paths inside `contextDir` come from `cfs`; anything outside from the disk. */
export function overlayView(contextDir: string, cfs: ContextFS): HostView {
  const rel = (abs: string): string | null => {
    const r = path.relative(contextDir, abs);
    if (r === '') return '.';
    return r.startsWith('..') || path.isAbsolute(r) ? null : r.split(path.sep).join('/');
  };
  return {
    kind(abs) {
      const r = rel(abs);
      if (r === null) return DISK.kind(abs);
      try {
        const t = cfs.lstat(r).type;
        return t === 'file' ? 'file' : t === 'dir' ? 'dir' : 'other';
      } catch {
        return null;
      }
    },
    read(abs) {
      const r = rel(abs);
      return r === null ? DISK.read(abs) : cfs.readFile(r);
    },
  };
}

/** Human-facing name for a file: relative to the cwd when inside it. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
}

function readIgnore(host: HostView, file: string, label: string): { rules: RawRule[]; text: string } {
  if (host.kind(file) === 'dir') throw new IgnoreFileError(label, null, 'is a directory, not an ignore file');
  let data: Uint8Array;
  try {
    data = host.read(file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new IgnoreFileError(label, null, `cannot read ignore file (${e.code ?? e.message})`);
  }
  return { rules: readIgnoreFile(data, label), text: new TextDecoder().decode(data) };
}

/** docker build's default: "Dockerfile", then "dockerfile", in the context root (null: none). */
export function defaultDockerfile(contextDir: string, host: HostView = DISK): string | null {
  for (const name of ['Dockerfile', 'dockerfile']) {
    const candidate = path.join(contextDir, name);
    if (host.kind(candidate) === 'file') return candidate;
  }
  return null;
}

export function resolveInputs(opts: InputOptions, cfs?: ContextFS): ResolvedInputs {
  const cwd = opts.cwd ?? process.cwd();
  const contextArg = opts.context ?? '.';
  const contextDir = path.resolve(cwd, contextArg);
  const host = cfs ? overlayView(contextDir, cfs) : DISK;
  const kind = host.kind(contextDir);
  if (kind === null) throw new InputError(`context ${contextArg}: no such directory`);
  if (kind !== 'dir') throw new InputError(`context ${contextArg}: not a directory`);
  const isFile = (p: string): boolean => host.kind(p) === 'file';
  const exists = (p: string): boolean => host.kind(p) !== null;

  let dockerfile: string | null = null;
  if (opts.dockerfileInline !== undefined) {
    // An inline Dockerfile has no file: nothing to find, and no per-Dockerfile ignore file.
  } else if (opts.dockerfile !== undefined) {
    dockerfile = path.resolve(cwd, opts.dockerfile);
    if (!isFile(dockerfile)) throw new InputError(`Dockerfile ${opts.dockerfile}: no such file`);
  } else {
    dockerfile = defaultDockerfile(contextDir, host);
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
  if (opts.ignoreText !== undefined && ignoreFile === null) {
    ignoreFile = path.join(contextDir, '.dockerignore');
    ignoreKind = 'context';
  }
  const read =
    opts.ignoreText !== undefined
      ? { rules: readIgnoreFile(new TextEncoder().encode(opts.ignoreText), displayPath(ignoreFile!, cwd)), text: opts.ignoreText }
      : ignoreFile
        ? readIgnore(host, ignoreFile, displayPath(ignoreFile, cwd))
        : { rules: [], text: null };
  const ignoreRules = read.rules;
  const ignoreText = read.text;
  let dockerfileText: string | null = opts.dockerfileInline ?? null;
  let dockerfileBytes: number | null = null;
  if (dockerfile) {
    try {
      const raw = host.read(dockerfile);
      dockerfileBytes = raw.length;
      dockerfileText = new TextDecoder().decode(raw);
    } catch (err) {
      throw new InputError(`Dockerfile ${displayPath(dockerfile, cwd)}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  return { contextDir, dockerfile, dockerfileRel, ignoreFile, ignoreKind, ignoreRules, ignoreText, dockerfileText, dockerfileBytes };
}
