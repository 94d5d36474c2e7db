// The pre-commit hook installed and run by pre-commit itself (`pre-commit try-repo`), the way a
// user's repository gets it: pre-commit's node installer runs `npm install` in a clone of this
// repository, reads the tarball name from `npm pack`'s stdout and installs that tarball. CI
// installs pre-commit (.ci/run); without it locally the test is skipped with one line.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/tree.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasPreCommit) console.warn('pre-commit not installed (apt-get install pre-commit): skipping the pre-commit try-repo test');

// Spliced so that no scanner flags this file itself.
const KEY = ['-----BEGIN OPENSSH', ' PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH', ' PRIVATE KEY-----\n'].join('');

describe.skipIf(!hasPreCommit)('pre-commit try-repo', () => {
  it('installs the hook, passes a clean repository, and catches a key file added to a commit', () => {
    const repo = writeTree({ files: { Dockerfile: 'FROM alpine\nCOPY . /app\n', 'main.c': 'int main(){}\n', '.dockerignore': '.git\n' } });
    const git = (...args: string[]): void => void execFileSync('git', ['-C', repo, ...args]);
    git('init', '-q');
    git('add', '.');
    // Its own cache: the hook is installed from scratch, from the working tree under test.
    const env = { ...process.env, PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), 'ctxcheck-pre-commit-')), NO_COLOR: '1', GITHUB_ACTIONS: '' };
    const tryRepo = (...extra: string[]): { code: number | null; out: string } => {
      const r = spawnSync('pre-commit', ['try-repo', ROOT, 'ctxcheck', ...extra], { cwd: repo, env, encoding: 'utf8', timeout: 540_000 });
      return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
    };
    const clean = tryRepo('--all-files');
    expect(clean.out).toMatch(/ctxcheck \(Docker build context\)\.+Passed/);
    expect(clean.code, clean.out).toBe(0);
    // A new key file of any name: the hook runs on every commit (always_run, no files filter).
    writeFileSync(join(repo, 'deploy_key'), KEY);
    git('add', 'deploy_key');
    const caught = tryRepo();
    expect(caught.out).toMatch(/ctxcheck \(Docker build context\)\.+Failed/);
    expect(caught.out).toContain('secret/private-key');
    expect(caught.code).toBe(1);
  }, 600_000);
});
