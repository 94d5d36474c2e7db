// Where SARIF URIs and GitHub annotation paths are anchored. GitHub code scanning and the
// Actions runner resolve paths against the checkout (GITHUB_WORKSPACE, also upload-sarif's
// default checkout_path); elsewhere the repository is the git work tree holding the context.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { gitRepo } from '../git.js';
import type { SourceRoot } from '../report/types.js';

export async function sourceRoot(context: string | undefined, cwd = process.cwd()): Promise<SourceRoot> {
  const workspace = process.env['GITHUB_WORKSPACE'];
  if (workspace && path.isAbsolute(workspace)) return { cwd, repoRoot: path.resolve(workspace) };
  const dir = path.resolve(cwd, context ?? '.');
  // A context that does not exist is reported as bad input; its repository does not matter.
  const repo = await gitRepo(existsSync(dir) ? dir : cwd);
  return { cwd, repoRoot: repo ? repo.root : null };
}
