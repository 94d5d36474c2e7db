// The three commands end to end through the built binary: stdout, stderr and exit codes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { writeTree } from './helpers/tree.js';

const project = (): string =>
  writeTree({
    files: {
      Dockerfile: 'FROM node:20\nCOPY . /app\n',
      '.dockerignore': '# deps\nnode_modules\n*.log\n',
      'package.json': '{}\n',
      'src/index.js': 'console.log(1)\n',
      'src/lib/util.js': 'x'.repeat(2000),
      'node_modules/a/index.js': 'x'.repeat(100),
      'server.log': 'log\n',
      'big.bin': 'b'.repeat(3000),
    },
  });

const noStack = (s: string): void => {
  expect(s).not.toMatch(/\n\s+at /);
  expect(s.trim().split('\n')).toHaveLength(1);
};

describe('ctxcheck [context]', () => {
  it('prints the report and exits 0', () => {
    const dir = project();
    const r = runCli(['.', '--large', '2kB'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Sent:     6 files, 5.069kB (5,069 bytes)');
    expect(r.stdout).toContain('Excluded: 2 files, 104B (104 bytes)');
    expect(r.stdout).toMatch(/warning +large-file +big\.bin/);
    expect(r.stdout).toMatch(/warning +large-file +src\/lib\/util\.js/);
  });

  it('prints the documented JSON shape', () => {
    const dir = project();
    const r = runCli([dir, '--format', 'json', '--large', '2500B']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ version: 1, builder: 'buildkit', ignoreFile: expect.stringMatching(/\.dockerignore$/) });
    expect(j.summary).toEqual({ files: 6, bytes: 5069, tarBytes: expect.any(Number), excludedFiles: 2, excludedBytes: 104, dirs: 2 });
    expect(j.findings).toEqual([
      { rule: 'large-file', category: 'large', severity: 'warning', path: 'big.bin', message: expect.any(String), fix: 'Add "big.bin" to the ignore file.', fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) },
    ]);
    expect(j.largestFiles.map((f: { path: string }) => f.path).slice(0, 2)).toEqual(['big.bin', 'src/lib/util.js']);
    expect(j.heaviestDirs[0]).toEqual({ path: 'src', bytes: 2015, files: 2 });
  });

  it('reports an unreadable ignore file, a bad pattern and a lone "!" with file:line, exit 2', () => {
    const dir = project();
    writeFileSync(join(dir, '.dockerignore'), 'ok\n\n[a-\n');
    let r = runCli(['.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('.dockerignore:3');
    noStack(r.stderr);
    writeFileSync(join(dir, '.dockerignore'), 'a\n!\n');
    r = runCli(['ls', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.dockerignore:2');
    noStack(r.stderr);
  });

  it('rejects a missing or non-directory context, and bad flags, with exit 2', () => {
    const dir = project();
    for (const args of [['nope'], ['package.json'], ['--builder', 'kaniko'], ['--format', 'xml'], ['--large', 'huge'], ['--no-such-flag']]) {
      const r = runCli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      noStack(r.stderr);
    }
  });

  it('an ignore file that is a directory is bad input', () => {
    const dir = writeTree({ files: { 'a.txt': 'x' }, dirs: ['.dockerignore'] });
    const r = runCli(['.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.dockerignore');
    noStack(r.stderr);
  });
});

describe('ctxcheck ls', () => {
  it('lists files in byte order; --dirs adds directories', () => {
    const dir = project();
    mkdirSync(join(dir, 'empty'));
    let r = runCli(['ls'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(['.dockerignore', 'Dockerfile', 'big.bin', 'package.json', 'src/index.js', 'src/lib/util.js', ''].join('\n'));
    r = runCli(['ls', dir, '--dirs']);
    expect(r.stdout.split('\n')).toEqual(['.dockerignore', 'Dockerfile', 'big.bin', 'empty/', 'package.json', 'src/', 'src/index.js', 'src/lib/', 'src/lib/util.js', '']);
  });

  it('-z separates with NUL so any file name round-trips', () => {
    const dir = writeTree({ files: { 'new\nline.txt': 'x', 'plain.txt': 'x' } });
    const r = runCli(['ls', '-z'], { cwd: dir });
    expect(r.stdout.split('\0')).toEqual(['new\nline.txt', 'plain.txt', '']);
  });

  it('--builder legacy and -f follow the legacy CLI', () => {
    const dir = writeTree({ files: { 'a.ts': 'x', 'src/b.ts': 'x', 'ci/app.Dockerfile': 'FROM scratch\n', '.dockerignore': '**\n!**/*.ts\n' } });
    expect(runCli(['ls'], { cwd: dir }).stdout).toBe('a.ts\nsrc/b.ts\n');
    const legacy = runCli(['ls', '--builder', 'legacy', '-f', 'ci/app.Dockerfile'], { cwd: dir });
    expect(legacy.code).toBe(0);
    expect(legacy.stdout).toBe('.dockerignore\na.ts\nci/app.Dockerfile\n');
  });

  it('a pattern Go cannot compile fails once a path reaches it: exit 2 naming file and line', () => {
    const dir = writeTree({ files: { 'a.txt': 'x', '.dockerignore': 'a.txt\n[z-a]\n' } });
    const r = runCli(['ls'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.dockerignore:2');
    noStack(r.stderr);
  });
});

describe('ctxcheck why', () => {
  it('names the deciding rule and line, and the builder that disagrees', () => {
    const dir = writeTree({ files: { 'a.ts': 'x', 'src/b.ts': 'x', 'notes.md': 'x', '.dockerignore': '**\n!**/*.ts\n' } });
    const r = runCli(['why', 'src/b.ts', 'notes.md', 'a.ts'], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('src/b.ts: included (re-included by .dockerignore:2 !**/*.ts)');
    expect(lines[1]).toMatch(/^  legacy builder disagrees: excluded: directory src\/ is excluded by \.dockerignore:1 \*\*/);
    expect(lines[2]).toBe('notes.md: excluded by .dockerignore:1 **');
    expect(lines[3]).toBe('a.ts: included (re-included by .dockerignore:2 !**/*.ts)');
    expect(lines).toHaveLength(4);
  });

  it('--format json carries both verdicts', () => {
    const dir = writeTree({ files: { 'src/b.ts': 'x', '.dockerignore': '**\n!**/*.ts\n' } });
    const r = runCli(['why', '--format', 'json', '-C', dir, 'src/b.ts']);
    const [e] = JSON.parse(r.stdout);
    expect(e).toMatchObject({ path: 'src/b.ts', exists: true, disagree: true });
    expect(e.verdicts.legacy).toMatchObject({ included: false, prunedAt: 'src' });
  });

  it('a path outside the context is bad input', () => {
    const dir = writeTree({ files: { 'a.txt': 'x' } });
    const r = runCli(['why', '../etc/passwd'], { cwd: dir });
    expect(r.code).toBe(2);
    noStack(r.stderr);
  });
});
