// The suggest command through the built CLI: --check for CI and pre-commit, --all (automatic
// without a root Dockerfile), --style, and exit codes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

const monorepo = () =>
  writeTree({
    files: {
      'compose.yaml': 'services:\n  web:\n    build:\n      context: .\n      dockerfile: web/Dockerfile\n  api:\n    build: ./api\n',
      'web/Dockerfile': 'FROM scratch\nCOPY web/dist /site\n',
      'web/dist/index.html': 'x',
      'web/package.json': '{}',
      'lib/dist/old.js': 'x'.repeat(1000),
      'api/Dockerfile': 'FROM scratch\nCOPY . /app\n',
      'api/main.go': 'package main\n',
      'api/.git/HEAD': 'x',
      '.git/HEAD': 'x',
    },
  });

describe('suggest --check', () => {
  it('exits 1 and names the missing lines, writes nothing; after --write it exits 0', () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM scratch\nCOPY . /app\n', '.dockerignore': '*.bak\n', '.git/HEAD': 'x', 'a.c': 'c' } });
    const r = runCli(['suggest', '--check'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/missing +\*\*\/\.git/);
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('*.bak\n');
    expect(runCli(['suggest', '--write'], { cwd: dir }).code).toBe(0);
    expect(runCli(['suggest', '--check'], { cwd: dir }).code).toBe(0);
  });
});

describe('suggest --all', () => {
  it('is automatic without a root Dockerfile: one proposal per ignore file, each proved against its builds', () => {
    const dir = monorepo();
    const r = runCli(['suggest', '--write'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const root = readFileSync(join(dir, '.dockerignore'), 'utf8');
    const api = readFileSync(join(dir, 'api/.dockerignore'), 'utf8');
    // web COPYs web/dist: a "**/dist" rule must keep it; lib/dist goes.
    expect(root).toContain('# >>> ctxcheck suggest');
    const sent = runCli(['ls', '.'], { cwd: dir }).stdout.split('\n');
    expect(sent).toContain('web/dist/index.html');
    expect(sent).not.toContain('lib/dist/old.js');
    expect(api).toContain('**/.git');
    expect(r.stderr).toContain('service web (compose.yaml)');
    const report = runCli(['--all', '--format', 'json'], { cwd: dir });
    const parsed = JSON.parse(report.stdout) as { targets: { findings: { category: string }[] }[] };
    expect(parsed.targets.flatMap((t) => t.findings).filter((f) => f.category === 'copy')).toEqual([]);
  });

  it('--style allowlist is refused (exit 2) when a build copies the whole context', () => {
    const r = runCli(['suggest', '--all', '--style', 'allowlist'], { cwd: monorepo() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/whole context/);
  });

  it('bad --style and --format are input errors', () => {
    const dir = monorepo();
    expect(runCli(['suggest', '--style', 'nope'], { cwd: dir }).code).toBe(2);
    expect(runCli(['suggest', '--format', 'sarif'], { cwd: dir }).code).toBe(2);
  });
});
