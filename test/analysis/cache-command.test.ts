// `ctxcheck cache`: rebuild counts from a real git history, before and after the suggestions.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCache } from '../../src/cli/cache-compare.js';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
}

function repo(): string {
  const dir = writeTree({
    files: {
      Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n',
      '.dockerignore': 'node_modules\n',
      'package.json': '{"v":1}',
      'src/index.js': 'a',
      'README.md': 'r',
      '.vscode/settings.json': '{}',
    },
  });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'initial');
  const commit = (file: string, content: string, msg: string): void => {
    writeFileSync(join(dir, file), content);
    git(dir, 'commit', '-qam', msg);
  };
  commit('.vscode/settings.json', '{"x":1}', 'editor settings');
  commit('src/index.js', 'b', 'code');
  commit('package.json', '{"v":2}', 'deps');
  return dir;
}

describe('cache replay before and after the suggestions', () => {
  it('counts rebuilds per step from the real history', async () => {
    const dir = repo();
    const c = await compareCache({ context: dir, cwd: dir, commits: 3, git: false });
    expect(c.commits).toBe(3);
    const counts = (r: typeof c.before) => r.steps.map((s) => [s.line, s.simulated ? 'sim' : s.kind, s.rebuilds]);
    expect(counts(c.before)).toEqual([
      [2, 'WORKDIR', 0],
      [3, 'COPY', 3],
      [4, 'RUN', 3],
      [5, 'RUN', 3],
    ]);
    // Suggested: .vscode excluded; manifest-first: npm ci only reruns when package.json changes.
    expect(c.extraIgnore).toContain('**/.vscode');
    const after = new Map(c.after.steps.map((s) => [`${s.line}:${s.simulated ? 'sim' : s.kind}:${s.text}`, s.rebuilds]));
    expect(after.get('3:COPY:COPY . .')).toBe(2);
    expect(after.get('5:RUN:RUN npm run build')).toBe(2);
    expect([...after.entries()].filter(([k]) => k.includes('npm ci')).map(([, v]) => v)).toEqual([1]);
  });

  it('the CLI prints the table; without git history it is bad input', () => {
    const dir = repo();
    const r = runCli(['cache', '--commits', '3'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+3\s+3\s+[0-3]\s+COPY \. \.$/m);
    const sug = runCli(['suggest', '--replay', '3'], { cwd: dir });
    expect(sug.code).toBe(0);
    expect(sug.stderr).toMatch(/Cache replay over the last 3 commits/);
    expect(sug.stderr).toMatch(/^\s+3\s+3\s+[0-3]\s+COPY \. \.$/m);
    const plain = writeTree({ files: { Dockerfile: 'FROM alpine\n' } });
    const bad = runCli(['cache'], { cwd: plain, env: { GIT_CEILING_DIRECTORIES: plain.replace(/\/[^/]*$/, '') } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('git');
  });
});
