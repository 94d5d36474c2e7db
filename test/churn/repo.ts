// Real git repositories for the churn tests: created in a temp dir, committed with execFile.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';

const exec = promisify(execFile);

export class Repo {
  private constructor(readonly dir: string) {}

  static async create(prefix = 'ctxcheck-churn-'): Promise<Repo> {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const repo = new Repo(dir);
    await repo.git('init', '-q', '-b', 'main', '.');
    return repo;
  }

  async git(...args: string[]): Promise<string> {
    const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
    for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[k];
    const { stdout } = await exec('git', ['-C', this.dir, '-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { env });
    return stdout;
  }

  write(files: Record<string, string>): void {
    for (const [p, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, p)), { recursive: true });
      writeFileSync(join(this.dir, p), content);
    }
  }

  remove(...paths: string[]): void {
    for (const p of paths) rmSync(join(this.dir, p), { recursive: true, force: true });
  }

  /** Write files (all of them added, ignored ones forced) and commit; returns the commit id. */
  async commit(message: string, files: Record<string, string> = {}, opts: { force?: boolean } = {}): Promise<string> {
    this.write(files);
    await this.git('add', '-A');
    if (opts.force && Object.keys(files).length > 0) await this.git('add', '-f', '--', ...Object.keys(files));
    await this.git('commit', '-q', '--allow-empty', '-m', message);
    return (await this.git('rev-parse', 'HEAD')).trim();
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Keep the user's global and system git config (e.g. a global excludes file) out of the code
 * under test for the whole test file: call once at module level.
 */
export function isolateGitConfig(): void {
  const savedEnv = { global: process.env.GIT_CONFIG_GLOBAL, system: process.env.GIT_CONFIG_NOSYSTEM };
  beforeAll(() => {
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    process.env.GIT_CONFIG_NOSYSTEM = '1';
  });
  afterAll(() => {
    if (savedEnv.global === undefined) delete process.env.GIT_CONFIG_GLOBAL;
    else process.env.GIT_CONFIG_GLOBAL = savedEnv.global;
    if (savedEnv.system === undefined) delete process.env.GIT_CONFIG_NOSYSTEM;
    else process.env.GIT_CONFIG_NOSYSTEM = savedEnv.system;
  });
}
