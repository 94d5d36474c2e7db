// Git facts about a build context, read with the git CLI (never through a shell):
// which context files git ignores or does not track (churn signals), and the history the
// cache replay walks (commits, changed paths, files and trees at a revision).
//
// Every call runs `git` with an argument array, NUL-separated output (-z), literal pathspecs,
// a bounded output buffer and a timeout. Repository configuration that could run programs
// (core.fsmonitor) is switched off; GIT_DIR-style variables of the caller are dropped so the
// repository is always the one containing the directory asked about.
import { existsSync } from 'node:fs';
import { execFile, spawn } from 'node:child_process';
import * as path from 'node:path';

export interface GitStatus {
  /** Absolute path of the work tree root. */
  root: string;
  /**
   * Context-relative paths git ignores and does not track. A directory git ignores as a whole
   * is listed once, without a trailing "/" ('.' when the whole context is ignored); test
   * membership of a file with `gitPathIn`, which also looks at its parent directories.
   */
  ignored: Set<string>;
  /** Context-relative paths git does not track and does not ignore (directories collapsed likewise). */
  untracked: Set<string>;
  /** The context directory relative to `root`, with a trailing "/" ('' when it is the root). */
  prefix: string;
}

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    message: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitRunOptions {
  /** Maximum bytes of stdout (default 64 MiB). */
  maxBuffer?: number;
  /** Milliseconds before git is killed (default 60 s). */
  timeout?: number;
}

const DEFAULT_MAX_BUFFER = 64 * 1024 * 1024;
const DEFAULT_TIMEOUT = 60_000;
const TREE_MAX_BUFFER = 512 * 1024 * 1024;

// Options placed before the subcommand on every call.
const GLOBAL_ARGS = ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', '--no-pager', '--literal-pathspecs'];
const DROPPED_ENV = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY', 'GIT_NAMESPACE', 'GIT_CEILING_DIRECTORIES'];

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const k of DROPPED_ENV) delete env[k];
  return env;
}

/**
 * Run `git -C cwd <args>` and resolve with its stdout bytes. Rejects with a GitError when git
 * exits non-zero, is killed by the timeout or exceeds the buffer, and with the spawn error
 * (code ENOENT) when git is not installed.
 */
export function runGit(cwd: string, args: readonly string[], opts: GitRunOptions = {}): Promise<Buffer> {
  const full = ['-C', cwd, ...GLOBAL_ARGS, ...args];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      full,
      { encoding: 'buffer', maxBuffer: opts.maxBuffer ?? DEFAULT_MAX_BUFFER, timeout: opts.timeout ?? DEFAULT_TIMEOUT, env: gitEnv(), windowsHide: true },
      (err, stdout, stderr) => {
        if (!err) {
          resolve(stdout);
          return;
        }
        const e = err as NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string | null };
        if (e.code === 'ENOENT') {
          reject(err);
          return;
        }
        const msg = stderr.toString('utf8').trim();
        if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') reject(new GitError(args, `git ${args[0]}: output exceeds the buffer limit`, null));
        else if (e.killed) reject(new GitError(args, `git ${args[0]}: timed out`, null));
        else reject(new GitError(args, `git ${args[0]}: ${msg || e.message}`, typeof e.code === 'number' ? e.code : null));
      },
    );
  });
}

/** Like runGit, with `input` written to git's stdin. */
export function runGitInput(cwd: string, args: readonly string[], input: string, opts: GitRunOptions = {}): Promise<Buffer> {
  const full = ['-C', cwd, ...GLOBAL_ARGS, ...args];
  const maxBuffer = opts.maxBuffer ?? DEFAULT_MAX_BUFFER;
  return new Promise((resolve, reject) => {
    const child = spawn('git', full, { env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: Error | null = null;
    const fail = (err: Error): void => {
      if (failure === null) failure = err;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => fail(new GitError(args, `git ${args[0]}: timed out`, null)), opts.timeout ?? DEFAULT_TIMEOUT);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBuffer) fail(new GitError(args, `git ${args[0]}: output exceeds the buffer limit`, null));
      else chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += c.toString('utf8');
    });
    child.stdin.on('error', () => {}); // EPIPE when git exits early; the exit code tells
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(failure ?? err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else if (code !== 0) reject(new GitError(args, `git ${args[0]}: ${stderr.trim() || `exit code ${code}`}`, code));
      else resolve(Buffer.concat(chunks));
    });
    child.stdin.end(input);
  });
}

function splitZ(buf: Buffer): string[] {
  const out = buf.toString('utf8').split('\0');
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * Can `dir` be inside a git work tree? A work tree needs a `.git` (directory or gitfile) in the
 * directory or an ancestor, unless the environment names one. When this says no, git would only
 * answer "not a git repository", and starting it costs a small report a tenth of its time
 * (issue #17: start-up).
 */
export function mayBeInWorkTree(dir: string): boolean {
  return process.env['GIT_DIR'] !== undefined || process.env['GIT_WORK_TREE'] !== undefined || hasDotGitAbove(dir);
}

function hasDotGitAbove(dir: string): boolean {
  let d = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(d, '.git'))) return true;
    const up = path.dirname(d);
    if (up === d) return false;
    d = up;
  }
}

/** The work tree root and the directory's prefix inside it, or null when not in a work tree. */
export async function gitRepo(dir: string): Promise<{ root: string; prefix: string } | null> {
  if (!mayBeInWorkTree(dir)) return null;
  let out: Buffer;
  try {
    out = await runGit(dir, ['rev-parse', '--show-toplevel', '--show-prefix'], { timeout: 15_000 });
  } catch {
    return null; // git missing, not a work tree, dubious ownership, ...
  }
  const lines = out.toString('utf8').split('\n');
  const root = lines[0] ?? '';
  if (root === '') return null;
  return { root, prefix: lines[1] ?? '' };
}

/**
 * Map a repository-relative path from git output to a context-relative one. A path that is
 * the context directory itself or one of its parents maps to '.'; one outside it to null.
 */
function toContextRel(repoPath: string, prefix: string): string | null {
  const p = repoPath.endsWith('/') ? repoPath.slice(0, -1) : repoPath;
  if (prefix === '') return p === '' ? '.' : p;
  const dir = prefix.slice(0, -1);
  if (p === dir || p === '' || p === '.' || dir.startsWith(`${p}/`)) return '.';
  if (p.startsWith(prefix)) return p.slice(prefix.length);
  return null;
}

/**
 * Is `p` (context-relative) in `set`, itself or through a parent directory? Returns the
 * top-most member that covers it ('.' when the whole context is in the set), else null.
 */
export function gitPathIn(set: ReadonlySet<string>, p: string): string | null {
  if (set.size === 0) return null;
  if (set.has('.')) return '.';
  let i = p.indexOf('/');
  while (i >= 0) {
    const dir = p.slice(0, i);
    if (set.has(dir)) return dir;
    i = p.indexOf('/', i + 1);
  }
  return set.has(p) ? p : null;
}

/**
 * Which files of the context git ignores and which it does not track, or null when git is
 * absent, the directory is not inside a work tree, or git fails. Uses
 * `git ls-files --others [--ignored] --exclude-standard --directory`, which lists a directory
 * whose whole content is ignored (or untracked) once instead of every file in it: fast on
 * node_modules-sized trees. Tracked files are never listed, even when a .gitignore matches them.
 */
export async function gitStatus(contextDir: string): Promise<GitStatus | null> {
  const repo = await gitRepo(contextDir);
  if (repo === null) return null;
  const { root, prefix } = repo;
  const spec = prefix === '' ? [] : ['--', prefix.slice(0, -1)];
  const base = ['ls-files', '-z', '--others', '--exclude-standard', '--directory', '--no-empty-directory'];
  let ignoredOut: Buffer;
  let untrackedOut: Buffer;
  try {
    [ignoredOut, untrackedOut] = await Promise.all([runGit(root, [...base, '--ignored', ...spec]), runGit(root, [...base, ...spec])]);
  } catch {
    return null;
  }
  const collect = (buf: Buffer): Set<string> => {
    const set = new Set<string>();
    for (const p of splitZ(buf)) {
      const rel = toContextRel(p, prefix);
      if (rel !== null) set.add(rel);
    }
    return set;
  };
  return { root: path.resolve(root), ignored: collect(ignoredOut), untracked: collect(untrackedOut), prefix };
}

// ---------------------------------------------------------------------------------------------
// History helpers for the cache replay. `root` is the work tree root; paths are repo-relative.

export interface GitCommit {
  commit: string;
  /** Parent commit ids ([] for a root commit). */
  parents: string[];
  subject: string;
}

/** The last `n` commits reachable from `rev` (default HEAD), newest first, following first parents. */
export async function gitLog(root: string, n: number, rev = 'HEAD'): Promise<GitCommit[]> {
  if (n <= 0) return [];
  const out = await runGit(root, ['log', '-z', '--first-parent', `--max-count=${Math.floor(n)}`, '--format=%H %P%x1f%s', rev, '--']);
  return splitZ(out).map((rec) => {
    const sep = rec.indexOf('\x1f');
    const ids = (sep < 0 ? rec : rec.slice(0, sep)).trim().split(' ').filter((s) => s !== '');
    return { commit: ids[0] ?? '', parents: ids.slice(1), subject: sep < 0 ? '' : rec.slice(sep + 1) };
  });
}

/**
 * Repo-relative paths whose content or mode differs between two revisions (renames reported as
 * a deletion plus an addition, submodules as their gitlink path), via plumbing `git diff-tree`.
 */
export async function gitDiffNames(root: string, a: string, b: string): Promise<string[]> {
  const out = await runGit(root, ['diff-tree', '-r', '-z', '--name-only', '--no-renames', '--no-commit-id', a, b, '--'], { maxBuffer: TREE_MAX_BUFFER });
  return splitZ(out);
}

/** The bytes of `file` (repo-relative) at `rev`, or null when it is absent there or not a file. */
export async function gitShowFile(root: string, rev: string, file: string): Promise<Buffer | null> {
  const spec = `${rev}:${file}`;
  let type: string;
  try {
    // Ask for the type first so "absent" (or a directory) is told apart from real failures.
    type = (await runGit(root, ['cat-file', '-t', spec], { timeout: 15_000 })).toString('utf8').trim();
  } catch (err) {
    if (err instanceof GitError) return null;
    throw err;
  }
  if (type !== 'blob') return null;
  return runGit(root, ['cat-file', 'blob', spec]); // raw bytes: no textconv, no filters
}

/**
 * Several `rev:path` files in one `git cat-file --batch` process: the bytes of each, or null
 * where it is absent or not a file.
 */
export async function gitShowFiles(root: string, specs: readonly { rev: string; path: string }[]): Promise<(Buffer | null)[]> {
  if (specs.length === 0) return [];
  if (specs.some((s) => /[\n\r]/.test(s.rev + s.path))) return Promise.all(specs.map((s) => gitShowFile(root, s.rev, s.path)));
  return catBatch(root, specs.map((s) => `${s.rev}:${s.path}`));
}

/** The bytes of blobs by object id (e.g. symlink targets from `git ls-tree`), one git process. */
export async function gitBlobs(root: string, oids: readonly string[]): Promise<(Buffer | null)[]> {
  if (oids.length === 0) return [];
  if (oids.some((o) => !/^[0-9a-f]+$/.test(o))) throw new Error('gitBlobs: object ids only');
  return catBatch(root, oids);
}

async function catBatch(root: string, objects: readonly string[]): Promise<(Buffer | null)[]> {
  const input = objects.map((o) => `${o}\n`).join('');
  const out = await runGitInput(root, ['cat-file', '--batch'], input, { maxBuffer: TREE_MAX_BUFFER });
  const result: (Buffer | null)[] = [];
  let pos = 0;
  for (let i = 0; i < objects.length; i++) {
    const nl = out.indexOf(0x0a, pos);
    if (nl < 0) throw new GitError(['cat-file', '--batch'], 'git cat-file: truncated output', null);
    const header = out.subarray(pos, nl).toString('utf8');
    pos = nl + 1;
    // "<oid> <type> <size>" then the content and a newline; otherwise "<spec> missing" (or ambiguous).
    const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
    if (!m) {
      result.push(null);
      continue;
    }
    const size = Number(m[3]);
    result.push(m[2] === 'blob' ? Buffer.from(out.subarray(pos, pos + size)) : null);
    pos += size + 1;
  }
  return result;
}

export interface TreeEntry {
  /** Repo-relative path. */
  path: string;
  /** Octal mode as git prints it: 100644, 100755, 120000 (symlink), 160000 (submodule). */
  mode: string;
  type: 'blob' | 'commit' | 'tree';
  oid: string;
}

/** Every blob and submodule under `dir` ('' or '.' = the whole tree) at `rev`, recursively. */
export async function gitLsTree(root: string, rev: string, dir: string): Promise<TreeEntry[]> {
  const d = dir === '.' ? '' : dir.replace(/\/+$/, '');
  const args = ['ls-tree', '-r', '-z', '--full-tree', rev];
  if (d !== '') args.push('--', d);
  const out = await runGit(root, args, { maxBuffer: TREE_MAX_BUFFER });
  const entries: TreeEntry[] = [];
  for (const rec of splitZ(out)) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', type = '', oid = ''] = rec.slice(0, tab).split(' ');
    if (type !== 'blob' && type !== 'commit' && type !== 'tree') continue;
    entries.push({ path: rec.slice(tab + 1), mode, type, oid });
  }
  return entries;
}

/**
 * The files a commit of the work tree would hold under `dir` ('' = everything), repo-relative:
 * the tracked ones (with the index's mode and object id; a path in conflict is listed once) and
 * the untracked ones git does not ignore (mode and oid null).
 */
export async function gitWorkTreeFiles(root: string, dir: string): Promise<{ path: string; mode: string | null; oid: string | null }[]> {
  const d = dir === '.' ? '' : dir.replace(/\/+$/, '');
  const spec = d === '' ? [] : ['--', d];
  const [staged, others] = await Promise.all([
    runGit(root, ['ls-files', '-z', '-s', ...spec], { maxBuffer: TREE_MAX_BUFFER }),
    runGit(root, ['ls-files', '-z', '-o', '--exclude-standard', ...spec], { maxBuffer: TREE_MAX_BUFFER }),
  ]);
  const out: { path: string; mode: string | null; oid: string | null }[] = [];
  const seen = new Set<string>();
  for (const rec of splitZ(staged)) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const p = rec.slice(tab + 1);
    if (seen.has(p)) continue;
    seen.add(p);
    const [mode = '', oid = ''] = rec.slice(0, tab).split(' ');
    out.push({ path: p, mode, oid });
  }
  for (const p of splitZ(others)) if (!seen.has(p)) out.push({ path: p, mode: null, oid: null });
  return out;
}

/** The commit id `ref` names, or null when it names none. */
export async function gitResolveCommit(root: string, ref: string): Promise<string | null> {
  try {
    const out = await runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { timeout: 15_000 });
    const id = out.toString('utf8').trim();
    return /^[0-9a-f]{40,64}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}
