// record / predict without an engine: the content ids (git's blob ids), the stat cache, the
// reasons per step, the ignore advice, the comparison with a git ref, and where a record may go.
// The verdicts themselves are checked against a real engine in test/engine/predict-*.test.ts.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { predict, record, recordId, type BuildRecord, type Prediction } from '../../src/index.js';
import { blobId, diskState } from '../../src/analyzers/cache-state.js';
import { diffReads } from '../../src/analyzers/cache-predict.js';
import { recordInputsFor, wouldBeSent } from '../../src/pipeline/predict.js';
import { NodeFS } from '../../src/fs/node-fs.js';
import { indexFromPaths } from '../../src/dockerfile/copy-sources.js';
import { isolateGitConfig, Repo } from '../churn/repo.js';
import { writeTree } from '../helpers/tree.js';

isolateGitConfig();

const OLD = new Date(2001, 1, 1);

/** A tree whose files were last modified long ago (so the stat cache is never racy for them). */
function oldTree(files: Record<string, string>): string {
  const dir = writeTree({ files });
  for (const p of Object.keys(files)) utimesSync(join(dir, p), OLD, OLD);
  return dir;
}

const status = (p: Prediction): Record<number, string> => Object.fromEntries(p.steps.map((s) => [s.line, s.status]));
const reasons = (p: Prediction, line: number): unknown => p.steps.find((s) => s.line === line)?.reasons;

describe('content ids', () => {
  it("are git's blob ids (git hash-object), so a working tree and git ls-tree compare directly", () => {
    for (const text of ['', 'hello\n', 'x'.repeat(70_000)]) {
      const git = execFileSync('git', ['hash-object', '--stdin'], { input: text }).toString().trim();
      expect(blobId(Buffer.from(text))).toBe(git);
    }
  });

  it('a touch keeps the token; a chmod changes only the mode; a symlink is its target text', () => {
    const dir = oldTree({ a: 'one\n', b: 'two\n' });
    symlinkSync('a', join(dir, 'l'));
    const index = indexFromPaths([{ path: 'a', type: 'file' }, { path: 'b', type: 'file' }, { path: 'l', type: 'symlink' }]);
    const fs = new NodeFS(dir);
    const before = diskState(fs, index);
    const a0 = before.info('a')!;
    expect(before.info('l')).toEqual({ type: 'symlink', mode: 0o777, id: 'a' });
    utimesSync(join(dir, 'a'), new Date(), new Date());
    expect(diskState(fs, index).info('a')).toEqual(a0);
    chmodSync(join(dir, 'a'), 0o664);
    expect(diskState(fs, index).info('a')).toEqual({ ...a0, mode: 0o664 });
    // As a fresh checkout writes it: no exec bit, 0644.
    expect(diskState(fs, index, { checkoutModes: true }).info('a')).toEqual({ ...a0, mode: 0o644 });
    chmodSync(join(dir, 'a'), 0o700);
    expect(diskState(fs, index, { checkoutModes: true }).info('a')!.mode).toBe(0o755);
  });

  it('the stat cache answers unchanged files, re-reads changed and racy ones', () => {
    const dir = oldTree({ a: 'one\n', b: 'two\n' });
    const index = indexFromPaths([{ path: 'a', type: 'file' }, { path: 'b', type: 'file' }]);
    const fs = new NodeFS(dir);
    const first = diskState(fs, index);
    first.info('a');
    first.info('b');
    expect(first.reads()).toBe(2);
    const at = Date.now();
    const second = diskState(fs, index, { statCache: first.hashed, statCacheAt: at });
    expect(second.info('a')).toEqual(first.info('a'));
    second.info('b');
    expect(second.reads()).toBe(0);
    // Same size, new content, mtime put back to the cached second: only a stat change the cache can see would tell.
    writeFileSync(join(dir, 'b'), 'TWO\n');
    const third = diskState(fs, index, { statCache: first.hashed, statCacheAt: at });
    expect(third.info('b')!.id).toBe(blobId(Buffer.from('TWO\n')));
    expect(third.reads()).toBe(1);
    // A file modified in the second the cache was written is racy: never trusted.
    const now = Math.floor(Date.now() / 1000) * 1000;
    const racyCache = new Map([['a', { ...first.hashed.get('a')!, mtime: Math.floor(now / 1000) }]]);
    utimesSync(join(dir, 'a'), new Date(now), new Date(now));
    const fourth = diskState(fs, index, { statCache: racyCache, statCacheAt: now });
    fourth.info('a');
    expect(fourth.reads()).toBe(1);
  });

  it('diffReads names the kind of change, in byte order', () => {
    expect(
      diffReads({ a: 'file:644:1', b: 'file:644:2', c: 'file:644:3', e: 'file:644:5' }, { a: 'file:755:1', b: 'file:644:9', d: 'file:644:4', e: 'symlink:777:x' }),
    ).toEqual([
      { path: 'a', change: 'mode' },
      { path: 'b', change: 'content' },
      { path: 'c', change: 'removed' },
      { path: 'd', change: 'added' },
      { path: 'e', change: 'type' },
    ]);
  });
});

describe('predict against a record', () => {
  const DF = 'FROM scratch\nCOPY a.txt /a\nCOPY src /src\nENV E=1\nRUN true\nCOPY . /all\n';

  it('names why each step rebuilds: its inputs, the chain, the environment, the instruction, a new step', async () => {
    const dir = oldTree({ Dockerfile: DF, 'a.txt': 'a\n', 'src/x': 'x\n', '.dockerignore': '*.tmp\n' });
    const rec = await record({ context: dir });
    expect(rec.steps.map((s) => [s.line, s.kind])).toEqual([[2, 'COPY'], [3, 'COPY'], [5, 'RUN'], [6, 'COPY']]);
    expect(status(await predict({ context: dir, record: rec }))).toEqual({ 2: 'cached', 3: 'cached', 5: 'cached', 6: 'cached' });

    writeFileSync(join(dir, 'src/x'), 'x2\n');
    let p = await predict({ context: dir, record: rec });
    expect(status(p)).toEqual({ 2: 'cached', 3: 'rebuild', 5: 'rebuild', 6: 'rebuild' });
    expect(reasons(p, 3)).toEqual([{ type: 'inputs', changed: 1, changes: [{ path: 'src/x', change: 'content' }] }]);
    expect(reasons(p, 5)).toEqual([{ type: 'after', line: 3 }]);
    expect(reasons(p, 6)).toEqual([{ type: 'inputs', changed: 1, changes: [{ path: 'src/x', change: 'content' }] }, { type: 'after', line: 3 }]);
    expect(p.summary).toEqual({ steps: 4, rebuild: 3, cached: 1, uncertain: 0 });
    writeFileSync(join(dir, 'src/x'), 'x\n');

    writeFileSync(join(dir, 'Dockerfile'), DF.replace('E=1', 'E=2'));
    p = await predict({ context: dir, record: rec });
    expect(reasons(p, 5)).toEqual([{ type: 'environment' }]);
    expect(status(p)[3]).toBe('cached');

    writeFileSync(join(dir, 'Dockerfile'), DF.replace('RUN true', 'RUN true; true'));
    p = await predict({ context: dir, record: rec });
    expect(reasons(p, 5)).toEqual([{ type: 'instruction' }]);

    writeFileSync(join(dir, 'Dockerfile'), DF.replace('RUN true\n', 'RUN true\nRUN echo\n'));
    p = await predict({ context: dir, record: rec });
    expect(reasons(p, 6)).toEqual([{ type: 'new' }]);
  });

  it('an excluded file, a touch and a file no COPY reaches rebuild nothing; the record keeps earlier builds (a revert hits)', async () => {
    const dir = oldTree({ Dockerfile: 'FROM scratch\nCOPY a.txt /a\nCOPY src /src\n', 'a.txt': 'a\n', 'src/x': 'x\n', 'other.txt': 'o\n', '.dockerignore': '*.tmp\n' });
    let rec: BuildRecord = await record({ context: dir });
    writeFileSync(join(dir, 'junk.tmp'), 'j\n');
    writeFileSync(join(dir, 'other.txt'), 'O\n');
    utimesSync(join(dir, 'a.txt'), new Date(), new Date());
    expect(status(await predict({ context: dir, record: rec }))).toEqual({ 2: 'cached', 3: 'cached' });

    writeFileSync(join(dir, 'a.txt'), 'b\n');
    rec = await record({ context: dir }, rec);
    expect(rec.builds).toHaveLength(2);
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    expect(status(await predict({ context: dir, record: rec }))).toEqual({ 2: 'cached', 3: 'cached' });
    // Without the earlier build (a fresh record), the same revert rebuilds.
    const fresh = await record({ context: dir }, null);
    writeFileSync(join(dir, 'a.txt'), 'b\n');
    const p = await predict({ context: dir, record: await record({ context: dir }, null) });
    expect(status(p)).toEqual({ 2: 'cached', 3: 'cached' });
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    expect(status(await predict({ context: dir, record: fresh }))).toEqual({ 2: 'cached', 3: 'cached' });
  });

  it('COPY --from a stage that rebuilds is uncertain, with its reason', async () => {
    const dir = oldTree({ Dockerfile: 'FROM scratch AS build\nCOPY src /src\nFROM scratch\nCOPY --from=build /src /out\nCOPY a.txt /a\n', 'a.txt': 'a\n', 'src/x': 'x\n' });
    const rec = await record({ context: dir });
    writeFileSync(join(dir, 'src/x'), 'x2\n');
    const p = await predict({ context: dir, record: rec });
    expect(status(p)).toEqual({ 2: 'rebuild', 4: 'uncertain', 5: 'uncertain' });
    expect(reasons(p, 4)).toEqual([{ type: 'stage-output', stages: ['build'] }]);
    expect(p.steps.map((s) => s.stageName)).toEqual(['build', null, null]);
  });

  it('a record for other inputs is refused', async () => {
    const dir = oldTree({ Dockerfile: 'FROM scratch\nCOPY a /a\n', a: 'a' });
    const rec = await record({ context: dir });
    await expect(predict({ context: dir, builder: 'legacy', record: rec })).rejects.toThrow(/other inputs/);
    expect(recordId(recordInputsFor({ context: dir }))).toBe(recordId(rec.inputs));
    expect(recordId(recordInputsFor({ context: dir, builder: 'legacy' }))).not.toBe(recordId(rec.inputs));
  });
});

describe('ignore advice', () => {
  it('a changed churn file no COPY names gets the rule; a file COPY names explicitly and a new untracked file do not', async () => {
    const repo = await Repo.create('ctxcheck-predict-advice-');
    try {
      await repo.commit('base', { Dockerfile: 'FROM scratch\nCOPY build.log /b\nCOPY . /all\n', 'build.log': 'b\n', 'a.txt': 'a\n', '.dockerignore': '.git\n' });
      const rec = await record({ context: repo.dir });
      writeFileSync(join(repo.dir, 'build.log'), 'b2\n');
      mkdirSync(join(repo.dir, 'logs'));
      writeFileSync(join(repo.dir, 'logs/app.log'), 'l\n');
      writeFileSync(join(repo.dir, 'notes.txt'), 'n\n');
      writeFileSync(join(repo.dir, 'x.pyc'), 'c\n');
      const p = await predict({ context: repo.dir, record: rec });
      expect(p.ignore.map((a) => [a.rule, a.paths, a.steps])).toEqual([
        ['**/logs', ['logs/app.log'], [3]],
        ['**/*.pyc', ['x.pyc'], [3]],
      ]);
    } finally {
      repo.cleanup();
    }
  });
});

describe('predict --against a git ref', () => {
  it('compares with the ref as fresh checkouts: content and untracked files count; modes only by the exec bit; git-ignored files never', async () => {
    const repo = await Repo.create('ctxcheck-predict-ref-');
    try {
      await repo.commit('base', { Dockerfile: 'FROM scratch\nCOPY a.txt /a\nCOPY run.sh /r\nCOPY . /all\n', 'a.txt': 'a\n', 'run.sh': 'r\n', '.gitignore': '*.cache\n', '.dockerignore': '.git\n' });
      let p = await predict({ context: repo.dir, against: 'main' });
      expect(p.checkout).toBe(true);
      expect(status(p)).toEqual({ 2: 'cached', 3: 'cached', 4: 'cached' });
      chmodSync(join(repo.dir, 'a.txt'), 0o664); // a checkout writes 0644 either way
      writeFileSync(join(repo.dir, 'x.cache'), 'c\n'); // no checkout has it
      expect(status(await predict({ context: repo.dir, against: 'main' }))).toEqual({ 2: 'cached', 3: 'cached', 4: 'cached' });
      // The same chmod against a record of this tree is a change (the builder sees the real mode).
      chmodSync(join(repo.dir, 'run.sh'), 0o755);
      writeFileSync(join(repo.dir, 'new.txt'), 'n\n');
      p = await predict({ context: repo.dir, against: 'main' });
      expect(status(p)).toEqual({ 2: 'cached', 3: 'rebuild', 4: 'rebuild' });
      expect(reasons(p, 4)).toEqual([{ type: 'inputs', changed: 2, changes: [{ path: 'new.txt', change: 'added' }, { path: 'run.sh', change: 'mode' }] }, { type: 'after', line: 3 }]);
      // Each side with its own Dockerfile and ignore file.
      await repo.commit('ignore run.sh', { '.dockerignore': '.git\nnew.txt\n' });
      unlinkSync(join(repo.dir, 'new.txt'));
      p = await predict({ context: repo.dir, against: 'HEAD~1' });
      expect(reasons(p, 4)).toEqual([{ type: 'inputs', changed: 2, changes: [{ path: '.dockerignore', change: 'content' }, { path: 'run.sh', change: 'mode' }] }, { type: 'after', line: 3 }]);
      await expect(predict({ context: repo.dir, against: 'no-such-ref' })).rejects.toThrow(/--against no-such-ref: not a commit/);
    } finally {
      repo.cleanup();
    }
  });

  it('a context at the repository root without .git ignored always rebuilds COPY . . (each checkout has its own .git)', async () => {
    const repo = await Repo.create('ctxcheck-predict-git-');
    try {
      await repo.commit('base', { Dockerfile: 'FROM scratch\nCOPY a.txt /a\nCOPY . /all\n', 'a.txt': 'a\n' });
      const p = await predict({ context: repo.dir, against: 'main' });
      expect(status(p)).toEqual({ 2: 'cached', 3: 'rebuild' });
      expect(reasons(p, 3)).toEqual([{ type: 'inputs', changed: 1, changes: [{ path: '.git/HEAD', change: 'content' }] }]);
      expect(p.ignore.map((a) => a.rule)).toEqual(['**/.git']);
    } finally {
      repo.cleanup();
    }
  });
});

describe('where a record may go', () => {
  it('never where the build would send it', () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM scratch\nCOPY . /\n', '.dockerignore': 'records\n' } });
    expect(wouldBeSent({ context: dir }, join(dir, 'rec.json'))).toBe(true);
    expect(wouldBeSent({ context: dir }, join(dir, 'records', 'rec.json'))).toBe(false);
    expect(wouldBeSent({ context: dir }, join(dir, '..', 'rec.json'))).toBe(false);
    rmSync(join(dir, '.dockerignore'));
    expect(wouldBeSent({ context: dir }, join(dir, 'records', 'new', 'rec.json'))).toBe(true);
  });
});
