// Fixture trees for the discovery tests, written to a temp dir at test time.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach } from 'vitest';

const exec = promisify(execFile);

/** Write `files` under a new temp dir (realpath'd, so paths compare equal to what discovery reports). */
export function makeDir(files: Record<string, string>, prefix = 'ctxcheck-project-'): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [p, content] of Object.entries(files)) {
    const abs = join(root, p);
    if (p.endsWith('/')) {
      mkdirSync(abs, { recursive: true });
      continue;
    }
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export function removeDir(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** `git init` in `dir`, isolated from the user's and the system's git configuration. */
export async function gitInit(dir: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[k];
  await exec('git', ['-C', dir, 'init', '-q', '.'], { env });
}

/**
 * Fixture trees for one test file: `dir(files)` writes a temp dir, `repo(files)` a git work tree
 * (so no "not a git work tree" note); every tree is removed after each test.
 */
export function tempTrees(): { dir: (files: Record<string, string>) => string; repo: (files: Record<string, string>) => Promise<string> } {
  const roots: string[] = [];
  afterEach(() => {
    for (const r of roots.splice(0)) removeDir(r);
  });
  const dir = (files: Record<string, string>): string => {
    const root = makeDir(files);
    roots.push(root);
    return root;
  };
  return {
    dir,
    repo: async (files) => {
      const root = dir(files);
      await gitInit(root);
      return root;
    },
  };
}
