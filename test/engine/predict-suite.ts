// `ctxcheck record` / `predict` against a real engine, both builders: build, record, change the
// context one way (content, mode, touch only, a new untracked file, an excluded file, the ignore
// file, the Dockerfile, an ENV, a churn file, a revert), predict, build again, and compare step by
// step: every step predict calls "rebuild" ran, every step it calls "cached" came from the cache
// ("uncertain" may go either way). Then `--against <ref>`: a checkout of the ref is built, the
// working tree changes, and a fresh checkout of the working tree is built and compared.
// One suite per builder (predict-<builder>.test.ts), each with its own engine, so they run side
// by side. CTXCHECK_PREDICT_TABLE=<file> appends the comparison table there (for reports).
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { predict, record, type BuildRecord, type Prediction } from '../../src/index.js';
import { isolateGitConfig, Repo } from '../churn/repo.js';
import { BASE_IMAGE, Engine, skipEngine, type EngineBuilder, type StepResult } from './engine.js';

isolateGitConfig();

const B = BASE_IMAGE;
const DOCKERFILE = `FROM ${B}\nCOPY a.txt /a\nCOPY run.sh /run.sh\nCOPY src /src\nENV E=1\nRUN cat /a\nCOPY . /all\n`;

/** Dockerfile lines per engine step: legacy Step n = n-th instruction; BuildKit [k/M] = (k-1)-th op of the stage (one stage here). */
function engineRebuilt(steps: readonly StepResult[], dockerfile: string, builder: EngineBuilder): number[] {
  const legacy: number[] = [];
  const buildkit: number[] = [];
  dockerfile.split('\n').forEach((text, i) => {
    const t = text.trim();
    if (t === '' || t.startsWith('#')) return;
    const kw = t.split(/\s+/)[0]!.toUpperCase();
    legacy.push(i + 1);
    if (kw === 'FROM' || ['RUN', 'COPY', 'ADD', 'WORKDIR'].includes(kw)) buildkit.push(i + 1);
  });
  const out = new Set<number>();
  for (const s of steps) {
    if (s.cached || /^FROM\b/i.test(s.text)) continue;
    const line = builder === 'legacy' ? legacy[s.index - 1] : buildkit[s.index - 1];
    if (line === undefined) throw new Error(`unmapped step ${JSON.stringify(s)}`);
    out.add(line);
  }
  return [...out].sort((a, b) => a - b);
}

function lines(p: Prediction, status: string): number[] {
  return p.steps.filter((s) => s.status === status).map((s) => s.line);
}

interface Change {
  name: string;
  apply: (dir: string) => void;
  /** What predict must say (beyond agreeing with the engine): the lines it rebuilds. */
  rebuild: number[];
}

const CHANGES: Change[] = [
  { name: 'nothing', apply: () => undefined, rebuild: [] },
  { name: 'content of a file in a copied directory', apply: (d) => writeFileSync(join(d, 'src/x.txt'), 'x2\n'), rebuild: [4, 6, 7] },
  { name: 'mode (chmod +x)', apply: (d) => chmodSync(join(d, 'run.sh'), 0o755), rebuild: [3, 4, 6, 7] },
  { name: 'touch only', apply: (d) => utimesSync(join(d, 'a.txt'), new Date(2001, 1, 1), new Date(2001, 1, 1)), rebuild: [] },
  { name: 'a new untracked file', apply: (d) => writeFileSync(join(d, 'new.txt'), 'new\n'), rebuild: [7] },
  { name: 'an excluded file', apply: (d) => writeFileSync(join(d, 'scratch.tmp'), 'tmp\n'), rebuild: [] },
  { name: 'the ignore file', apply: (d) => appendFileSync(join(d, '.dockerignore'), '# comment\n'), rebuild: [7] },
  { name: 'the Dockerfile (a RUN edited)', apply: (d) => writeFileSync(join(d, 'Dockerfile'), DOCKERFILE.replace('RUN cat /a', 'RUN cat /a; true')), rebuild: [6, 7] },
  { name: 'an ENV above a RUN', apply: (d) => writeFileSync(join(d, 'Dockerfile'), DOCKERFILE.replace('E=1', 'E=2').replace('RUN cat /a', 'RUN cat /a; true')), rebuild: [6, 7] },
  { name: 'a churn file (a log)', apply: (d) => writeFileSync(join(d, 'debug.log'), 'log\n'), rebuild: [7] },
  // Back to the state of the build before the log appeared: the builder kept that build's cache.
  { name: 'a revert (the log removed again)', apply: (d) => rmSync(join(d, 'debug.log')), rebuild: [] },
];

function report(builder: EngineBuilder, rows: readonly { change: string; engine: number[]; predict: number[]; uncertain: number[] }[]): void {
  const file = process.env.CTXCHECK_PREDICT_TABLE;
  if (!file) return;
  appendFileSync(file, rows.map((r) => `${builder}\t${r.change}\tengine ${JSON.stringify(r.engine)}\tpredict ${JSON.stringify(r.predict)}${r.uncertain.length ? ` uncertain ${JSON.stringify(r.uncertain)}` : ''}\n`).join(''));
}

export function predictSuite(builder: EngineBuilder): void {
  describe.skipIf(skipEngine(`predict, ${builder}`))(`ctxcheck predict agrees with a real engine (${builder})`, () => {
    let engine: Engine;
    const cleanup: string[] = [];
    beforeAll(async () => {
      engine = await Engine.start();
    }, 120_000);
    afterAll(async () => {
      await engine?.stop();
      for (const d of cleanup) rmSync(d, { recursive: true, force: true });
    }, 60_000);

    test(`${builder}: record, change, predict, build: step by step`, async () => {
      const repo = await Repo.create('ctxcheck-engine-predict-');
      cleanup.push(repo.dir);
      await repo.commit('base', { Dockerfile: DOCKERFILE, '.dockerignore': '.git\n*.tmp\n', 'a.txt': 'a\n', 'run.sh': 'echo run\n', 'src/x.txt': 'x\n' });
      const opts = { context: repo.dir, builder } as const;
      engine.clearCache();
      const first = engine.build({ builder, dir: repo.dir });
      expect(first.ok, first.log).toBe(true);
      let rec: BuildRecord = await record(opts);
      const table: { change: string; engine: number[]; predict: number[]; uncertain: number[]; agree: boolean }[] = [];
      let dockerfile = DOCKERFILE;
      for (const c of CHANGES) {
        c.apply(repo.dir);
        if (c.name.startsWith('the Dockerfile') || c.name.startsWith('an ENV')) dockerfile = readFileSync(join(repo.dir, 'Dockerfile'), 'utf8');
        const p = await predict({ ...opts, record: rec });
        const r = engine.build({ builder, dir: repo.dir });
        expect(r.ok, r.log).toBe(true);
        const ran = engineRebuilt(r.steps, dockerfile, builder);
        const rebuild = lines(p, 'rebuild');
        const uncertain = lines(p, 'uncertain');
        const cached = lines(p, 'cached');
        table.push({ change: c.name, engine: ran, predict: rebuild, uncertain, agree: rebuild.every((l) => ran.includes(l)) && cached.every((l) => !ran.includes(l)) });
        // The legacy builder also commits ENV as a step: compare the lines both have.
        expect(rebuild.filter((l) => c.rebuild.includes(l) || !DOCKERFILE.split('\n')[l - 1]!.startsWith('ENV')), c.name).toEqual(c.rebuild);
        if (c.name.startsWith('a churn file')) {
          expect(p.ignore.map((a) => a.rule)).toEqual(['**/*.log']);
          const copyAll = p.steps.find((s) => s.line === 7)!;
          expect(copyAll.reasons[0]).toEqual({ type: 'inputs', changed: 1, changes: [{ path: 'debug.log', change: 'added' }] });
        }
        if (c.name.startsWith('mode')) {
          expect(p.steps.find((s) => s.line === 3)!.reasons).toEqual([{ type: 'inputs', changed: 1, changes: [{ path: 'run.sh', change: 'mode' }] }]);
          expect(p.steps.find((s) => s.line === 4)!.reasons).toEqual([{ type: 'after', line: 3 }]);
        }
        if (c.name.startsWith('an ENV')) expect(p.steps.find((s) => s.line === 6)!.reasons[0]).toEqual({ type: 'environment' });
        rec = await record(opts, rec);
      }
      report(builder, table);
      expect(table.filter((t) => !t.agree)).toEqual([]);
    }, 240_000);

    test(`${builder}: --against a ref: a checkout of the ref built, then a fresh checkout of the working tree`, async () => {
      const repo = await Repo.create('ctxcheck-engine-against-');
      cleanup.push(repo.dir);
      await repo.commit('base', {
        Dockerfile: DOCKERFILE,
        '.dockerignore': '.git\n*.tmp\n',
        '.gitignore': '*.cache\n',
        'a.txt': 'a\n',
        'run.sh': 'echo run\n',
        'src/x.txt': 'x\n',
      });
      const git = (...args: string[]): void => {
        execFileSync('git', args, { stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
      };
      const ci = (): string => {
        const d = mkdtempSync(join(tmpdir(), 'ctxcheck-engine-ci-'));
        cleanup.push(d);
        git('clone', '-q', repo.dir, d);
        return d;
      };
      engine.clearCache();
      const main = engine.build({ builder, dir: ci() });
      expect(main.ok, main.log).toBe(true);

      // The working tree: a content change, a new untracked file, a git-ignored file (no checkout has
      // it), and an excluded file.
      const changes: Record<string, string> = { 'src/x.txt': 'x2\n', 'new.txt': 'new\n' };
      for (const [p, text] of Object.entries(changes)) writeFileSync(join(repo.dir, p), text);
      writeFileSync(join(repo.dir, 'local.cache'), 'cache\n');
      writeFileSync(join(repo.dir, 'scratch.tmp'), 'tmp\n');
      const p = await predict({ context: repo.dir, builder, against: 'main' });
      expect(p.checkout).toBe(true);
      expect(p.against).toMatchObject({ kind: 'ref', ref: 'main' });

      // CI builds a fresh checkout holding the working tree's change: the ref's clone plus the changes.
      const next = ci();
      for (const p2 of Object.keys(changes)) cpSync(join(repo.dir, p2), join(next, p2));
      const r = engine.build({ builder, dir: next });
      expect(r.ok, r.log).toBe(true);
      const ran = engineRebuilt(r.steps, DOCKERFILE, builder);
      report(builder, [{ change: '--against main (content, untracked, git-ignored, excluded)', engine: ran, predict: lines(p, 'rebuild'), uncertain: lines(p, 'uncertain') }]);
      expect(lines(p, 'rebuild')).toEqual(ran);
      expect(lines(p, 'rebuild').filter((l) => !DOCKERFILE.split('\n')[l - 1]!.startsWith('ENV'))).toEqual([4, 6, 7]);
      const copyAll = p.steps.find((s) => s.line === 7)!;
      expect(copyAll.reasons[0]).toEqual({ type: 'inputs', changed: 2, changes: [{ path: 'new.txt', change: 'added' }, { path: 'src/x.txt', change: 'content' }] });
    }, 240_000);
  });
}
