// Ignore-file lint: each rule with a case that fires and one that must not.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { Builder } from '../../src/types.js';
import { writeTree } from '../helpers/tree.js';

async function lint(files: Record<string, string>, builder: Builder = 'buildkit') {
  const dir = writeTree({ files });
  const r = await analyze({ context: dir, cwd: dir, builder });
  return r.findings.filter((f) => f.category === 'ignore').map((f) => ({ rule: f.rule, line: f.ignore?.line, path: f.path }));
}

describe('ignore/unused', () => {
  it('fires for a rule that decides nothing, including one shadowed by a later rule', async () => {
    expect(await lint({ '.dockerignore': 'nothing-here\n*.tmp\n*\n', 'a.tmp': 'x', 'b.txt': 'x' })).toEqual([
      { rule: 'ignore/unused', line: 1, path: undefined },
      { rule: 'ignore/unused', line: 2, path: undefined },
    ]);
  });
  it('stays quiet when every rule decides something', async () => {
    expect(await lint({ '.dockerignore': '*.tmp\n!keep.tmp\n', 'a.tmp': 'x', 'keep.tmp': 'x' })).toEqual([]);
  });
});

describe('ignore/root-anchored', () => {
  it('fires for *.log and node_modules that only match deeper', async () => {
    const got = await lint({ '.dockerignore': '*.log\nnode_modules\n', 'logs/app.log': 'x', 'packages/a/node_modules/x/i.js': 'x' });
    expect(got).toEqual([
      { rule: 'ignore/root-anchored', line: 1, path: undefined },
      { rule: 'ignore/root-anchored', line: 2, path: undefined },
    ]);
  });
  it('stays quiet for **/*.log, and when the root match exists', async () => {
    expect(await lint({ '.dockerignore': '**/*.log\nnode_modules\n', 'logs/app.log': 'x', 'node_modules/x/i.js': 'x' })).toEqual([]);
  });
});

describe('ignore/gitignore-syntax', () => {
  it('fires for a trailing "/" (no "directories only" meaning in Docker)', async () => {
    expect(await lint({ '.dockerignore': 'build/\n', 'build/out.js': 'x' })).toEqual([{ rule: 'ignore/gitignore-syntax', line: 1, path: undefined }]);
  });
  it('stays quiet without one', async () => {
    expect(await lint({ '.dockerignore': 'build\n', 'build/out.js': 'x' })).toEqual([]);
  });
});

describe('ignore/ineffective-exception', () => {
  const files = { '.dockerignore': '**\n!**/*.ts\n', 'a.ts': 'x', 'src/b.ts': 'x', 'src/c.js': 'x' };
  it('fires for the legacy builder, which prunes src/ and never sees src/b.ts', async () => {
    expect(await lint(files, 'legacy')).toEqual([{ rule: 'ignore/ineffective-exception', line: 2, path: 'src/b.ts' }]);
  });
  it('stays quiet for BuildKit, which honours it', async () => {
    expect(await lint(files, 'buildkit')).toEqual([]);
  });
});

describe('ignore/excludes-dockerfile', () => {
  it('fires when the Dockerfile is excluded but a COPY names it', async () => {
    const got = await lint({ '.dockerignore': 'Dockerfile\n', Dockerfile: 'FROM alpine\nCOPY Dockerfile /df\n' }, 'legacy');
    expect(got).toEqual([{ rule: 'ignore/excludes-dockerfile', line: 1, path: 'Dockerfile' }]);
  });
  it('stays quiet for the common "exclude it, COPY . ." setup', async () => {
    expect(await lint({ '.dockerignore': 'Dockerfile\n', Dockerfile: 'FROM alpine\nCOPY . /app\n', 'a.txt': 'x' })).toEqual([]);
  });
});
