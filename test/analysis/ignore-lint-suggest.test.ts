// Lint must not fight suggest (issue #14): defensive rules and the generated block are not
// "unused" in a checkout that lacks what they name; "/x" is anchored on purpose; lines that
// look like comments but are patterns; "!.git" on purpose is a note, not a cache-bust warning.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { suggest } from '../../src/suggest/suggest.js';
import { writeTree } from '../helpers/tree.js';

async function lint(files: Record<string, string>) {
  const dir = writeTree({ files });
  const r = await analyze({ context: dir, cwd: dir, git: false });
  return r.findings.filter((f) => f.category === 'ignore' || f.rule === 'cache-bust' || f.rule === 'churn').map((f) => ({ rule: f.rule, line: f.ignore?.line }));
}

describe('ignore/unused and defensive rules', () => {
  it('a fresh clone without node_modules, dist, .env or .git: defensive rules are not flagged', async () => {
    const got = await lint({
      '.dockerignore': '**/node_modules\n.git\ndist\n**/__pycache__\n*.log\n.env*\n**/*.pem\ntarget\n.venv\nnothing-here\n',
      Dockerfile: 'FROM scratch\nCOPY . /app\n',
      'main.c': 'c',
    });
    expect(got).toEqual([{ rule: 'ignore/unused', line: 10 }]);
  });

  it("suggest's own block is never flagged, even once the files it named are gone", async () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM scratch\nCOPY src /src\n', 'src/a.c': 'c', 'data/dump.csv': 'x'.repeat(2_000_000), 'web/dist/a.js': 'x' } });
    const sug = await suggest({ context: dir, cwd: dir, git: false });
    expect(sug.rules.map((r) => r.line)).toContain('data/dump.csv');
    writeFileSync(join(dir, '.dockerignore'), `mine-unused\n${sug.proposed}`);
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'data'), { recursive: true });
    const r = await analyze({ context: dir, cwd: dir, git: false });
    expect(r.findings.filter((f) => f.category === 'ignore').map((f) => [f.rule, f.ignore?.line])).toEqual([['ignore/unused', 1]]);
  });
});

describe('ignore/root-anchored', () => {
  it('skips patterns anchored on purpose ("/x", "./x"): they decide nothing here, so they are merely unused', async () => {
    expect(await lint({ '.dockerignore': '/cachedir\n./temp-data\n', 'sub/cachedir/x': 'x', 'sub/temp-data/y': 'y' })).toEqual([
      { rule: 'ignore/unused', line: 1 },
      { rule: 'ignore/unused', line: 2 },
    ]);
  });
  it('still fires for a bare name that only matches deeper', async () => {
    expect(await lint({ '.dockerignore': 'cachedir\n', 'sub/cachedir/x': 'x' })).toEqual([{ rule: 'ignore/root-anchored', line: 1 }]);
  });
});

describe('ignore/comment-syntax', () => {
  it('fires for "// x", "; x" and an indented "#", which Docker reads as patterns', async () => {
    const got = await lint({ '.dockerignore': '# real comment\n// build output\n; notes\n  # indented\n*.tmp\n', 'a.tmp': 'x' });
    expect(got).toEqual([
      { rule: 'ignore/comment-syntax', line: 2 },
      { rule: 'ignore/comment-syntax', line: 3 },
      { rule: 'ignore/comment-syntax', line: 4 },
    ]);
  });
  it('stays quiet for real comments and ordinary patterns', async () => {
    expect(await lint({ '.dockerignore': '# c\n*.tmp\n', 'a.tmp': 'x' })).toEqual([]);
  });
});

describe('ignore/vcs-included', () => {
  it('"!.git" on purpose is a note, and the cache-bust warning for .git is gone', async () => {
    const files = { Dockerfile: 'FROM scratch\nCOPY . /app\nRUN make\n', '.git/HEAD': 'ref\n', '.git/objects/a': 'x', 'main.c': 'c' };
    const without = await lint({ ...files, '.dockerignore': '*.tmp\n' });
    expect(without.map((f) => f.rule)).toContain('cache-bust');
    const got = await lint({ ...files, '.dockerignore': '.git\n!.git\n' });
    expect(got.map((f) => f.rule)).not.toContain('cache-bust');
    expect(got).toContainEqual({ rule: 'ignore/vcs-included', line: 2 });
  });
});
