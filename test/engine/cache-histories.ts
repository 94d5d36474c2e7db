// `ctxcheck cache` against a real engine: git histories built commit by commit, with both
// builders and both cache models, and per commit the set of steps that rebuilt compared with
// what cacheReplay says. A step cacheReplay calls "uncertain" (it rebuilds only if a rebuilt
// stage's output changed) may go either way; every other step must agree exactly.
// One suite per builder (cache-replay-<builder>.test.ts), each with its own engine, so the two
// run side by side.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cacheReplay, type CacheModel, type ReplayResult } from '../../src/analyzers/cache-replay.js';
import { isolateGitConfig, Repo } from '../churn/repo.js';
import { BASE_IMAGE, Engine, skipEngine, type EngineBuilder, type StepResult } from './engine.js';

isolateGitConfig();

interface Commit {
  msg: string;
  files?: Record<string, string>;
  remove?: string[];
  links?: Record<string, string>;
  chmod?: Record<string, number>;
  /** Done in the build's checkout before building (not committed): e.g. a touch. */
  beforeBuild?: (dir: string) => void;
}

interface History {
  name: string;
  /** The first commit is the base; each later one is replayed. */
  commits: Commit[];
  models?: CacheModel[];
}

const B = BASE_IMAGE;

const HISTORIES: History[] = [
  {
    name: 'one stage, one kind of change per commit',
    commits: [
      {
        msg: 'base',
        files: {
          Dockerfile: `FROM ${B}\nCOPY *.json /app/\nCOPY a.txt /app/\nCOPY . /src\nRUN ls -R /src\n`,
          '.dockerignore': '.git\nlogs/*.log\n',
          'a.json': '{"a":1}',
          'a.txt': 'one\n',
          'run.sh': 'echo run\n',
          'src/x.txt': 'x\n',
        },
      },
      { msg: 'edit a.txt', files: { 'a.txt': 'two\n' } },
      { msg: 'revert a.txt', files: { 'a.txt': 'one\n' } },
      { msg: 'a new directory whose files are all excluded', files: { 'logs/x.log': 'log\n' } },
      { msg: 'the excluded file changes', files: { 'logs/x.log': 'log log\n' } },
      { msg: 'chmod +x run.sh', chmod: { 'run.sh': 0o755 } },
      { msg: 'touch only', beforeBuild: (d) => utimesSync(join(d, 'a.txt'), new Date(2001, 1, 1), new Date(2001, 1, 1)) },
      { msg: 'a wildcard gains a match', files: { 'b.json': '{"b":1}' } },
      { msg: 'a file no wildcard matches', files: { 'c.md': 'c\n' } },
      { msg: 'a wildcard loses a match', remove: ['b.json'] },
      { msg: 'the Dockerfile is content of COPY . .', files: { Dockerfile: `FROM ${B}\nCOPY *.json /app/\nCOPY a.txt /app/\nCOPY . /src\nRUN ls -R /src  \n` } },
      { msg: 'the ignore file is content of COPY . .', files: { '.dockerignore': '.git\nlogs/*.log\n# comment\n' } },
    ],
  },
  {
    name: 'symlinks retargeted',
    commits: [
      {
        msg: 'base',
        files: { Dockerfile: `FROM ${B}\nCOPY l /l\nCOPY d /d\n`, '.dockerignore': '.git\n', x: 'same\n', y: 'same\n', 'd/f': 'f\n' },
        links: { l: 'x', 'd/m': '../x' },
      },
      { msg: 'the source link points to another file with the same bytes', links: { l: 'y' } },
      { msg: 'a link inside a copied directory is retargeted', links: { 'd/m': '../y' } },
      { msg: 'the source link target changes content', files: { y: 'other\n' } },
    ],
  },
  {
    name: 'multi-stage: an unneeded stage, a builder stage and COPY --from',
    commits: [
      {
        msg: 'base',
        files: {
          Dockerfile: `FROM ${B} AS unused\nCOPY u.txt /u\nFROM ${B} AS build\nCOPY src /src\nRUN cat /src/a > /out\nFROM ${B}\nCOPY --from=build /out /out\nRUN cat /out\n`,
          '.dockerignore': '.git\n',
          'u.txt': 'u\n',
          'src/a': 'a\n',
          'src/b': 'b\n',
        },
      },
      { msg: 'the unneeded stage input changes', files: { 'u.txt': 'U\n' } },
      { msg: 'the builder output changes', files: { 'src/a': 'A\n' } },
      { msg: 'the builder rebuilds, its output is the same', files: { 'src/b': 'B\n' } },
    ],
  },
  {
    name: 'ARG, ENV and LABEL edits',
    commits: [
      { msg: 'base', files: { Dockerfile: `FROM ${B}\nARG V=1\nENV E=1\nCOPY a.txt /a\nLABEL l=1\nRUN cat /a\n`, '.dockerignore': '.git\n', 'a.txt': 'a\n' } },
      { msg: 'ARG default', files: { Dockerfile: `FROM ${B}\nARG V=2\nENV E=1\nCOPY a.txt /a\nLABEL l=1\nRUN cat /a\n` } },
      { msg: 'ENV value', files: { Dockerfile: `FROM ${B}\nARG V=2\nENV E=2\nCOPY a.txt /a\nLABEL l=1\nRUN cat /a\n` } },
      { msg: 'LABEL value', files: { Dockerfile: `FROM ${B}\nARG V=2\nENV E=2\nCOPY a.txt /a\nLABEL l=2\nRUN cat /a\n` } },
    ],
  },
  {
    name: 'a change, its revert, the change again (local cache vs previous build only)',
    models: ['local', 'previous'],
    commits: [
      { msg: 'base', files: { Dockerfile: `FROM ${B}\nCOPY a.txt /a\nRUN cat /a\n`, '.dockerignore': '.git\n', 'a.txt': '1\n' } },
      { msg: 'change', files: { 'a.txt': '2\n' } },
      { msg: 'revert', files: { 'a.txt': '1\n' } },
      { msg: 'change again', files: { 'a.txt': '2\n' } },
    ],
  },
  {
    name: 'no ignore file: .git is content of COPY . .',
    commits: [
      { msg: 'base', files: { Dockerfile: `FROM ${B}\nCOPY a.txt /a\nCOPY . /src\n`, 'a.txt': 'a\n' } },
      { msg: 'an empty commit', beforeBuild: () => undefined },
      { msg: 'a new file', files: { 'b.txt': 'b\n' } },
    ],
  },
];

/** Dockerfile lines per engine step: legacy Step n = n-th instruction; BuildKit [stage k/M] = (k-1)-th op of the stage. */
function stepLines(dockerfile: string): { legacy: number[]; buildkit: Map<string, number[]> } {
  const legacy: number[] = [];
  const buildkit = new Map<string, number[]>();
  let stage = -1;
  let label = '';
  dockerfile.split('\n').forEach((text, i) => {
    const t = text.trim();
    if (t === '' || t.startsWith('#')) return;
    const kw = t.split(/\s+/)[0]!.toUpperCase();
    legacy.push(i + 1);
    if (kw === 'FROM') {
      stage++;
      const m = /\sAS\s+(\S+)\s*$/i.exec(t);
      label = m ? m[1]!.toLowerCase() : `stage-${stage}`;
      buildkit.set(label, [i + 1]);
    } else if (['RUN', 'COPY', 'ADD', 'WORKDIR'].includes(kw)) buildkit.get(label)!.push(i + 1);
  });
  return { legacy, buildkit };
}

/** Lines of the steps that ran (missed the cache), FROM excluded. */
function rebuiltLines(steps: StepResult[], dockerfile: string, builder: EngineBuilder): number[] {
  const map = stepLines(dockerfile);
  const single = map.buildkit.size === 1;
  const out: number[] = [];
  for (const s of steps) {
    if (s.cached || /^FROM\b/i.test(s.text)) continue;
    const line = builder === 'legacy' ? map.legacy[s.index - 1] : (map.buildkit.get(s.stage ?? (single ? 'stage-0' : '')) ?? [])[s.index - 1];
    if (line === undefined) throw new Error(`unmapped step ${JSON.stringify(s)}`);
    out.push(line);
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

export function cacheReplaySuite(builder: EngineBuilder): void {
  describe.skipIf(skipEngine(`cache replay, ${builder}`))(`cache replay agrees with a real engine (${builder})`, () => {
    let engine: Engine;
    const cleanup: string[] = [];
    beforeAll(async () => {
      engine = await Engine.start();
    }, 120_000);
    afterAll(async () => {
      await engine?.stop();
      for (const d of cleanup) rmSync(d, { recursive: true, force: true });
    }, 60_000);

    for (const h of HISTORIES) {
      for (const model of h.models ?? (['local'] as CacheModel[])) {
        test(`${builder}, ${model} cache: ${h.name}`, async () => {
          const repo = await Repo.create('ctxcheck-engine-cache-');
          cleanup.push(repo.dir);
          const shas: string[] = [];
          const dockerfiles: string[] = [];
          let dockerfile = '';
          for (const c of h.commits) {
            repo.write(c.files ?? {});
            if (c.files?.Dockerfile) dockerfile = c.files.Dockerfile;
            repo.remove(...(c.remove ?? []));
            for (const [p, target] of Object.entries(c.links ?? {})) {
              try {
                unlinkSync(join(repo.dir, p));
              } catch {
                /* new link */
              }
              symlinkSync(target, join(repo.dir, p));
            }
            for (const [p, mode] of Object.entries(c.chmod ?? {})) chmodSync(join(repo.dir, p), mode);
            shas.push(await repo.commit(c.msg));
            dockerfiles.push(dockerfile);
          }
          const replay: ReplayResult = await cacheReplay({
            contextDir: repo.dir,
            dockerfileRel: 'Dockerfile',
            ignoreFileRel: h.commits.some((c) => c.files?.['.dockerignore'] !== undefined) ? '.dockerignore' : null,
            builder,
            commits: h.commits.length - 1,
            cacheModel: model,
          });
          expect(replay.cacheModel).toBe(model);

          // The engine side: a clone checked out commit by commit, as a developer's tree is.
          const work = mkdtempSync(join(tmpdir(), 'ctxcheck-engine-work-'));
          cleanup.push(work);
          const git = (...args: string[]): void => {
            execFileSync('git', ['-C', work, '-c', 'advice.detachedHead=false', ...args], { stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
          };
          execFileSync('git', ['clone', '-q', repo.dir, work], { stdio: 'ignore' });
          const buildAt = (k: number): StepResult[] => {
            git('checkout', '-q', '--detach', shas[k]!);
            h.commits[k]!.beforeBuild?.(work);
            const r = engine.build({ builder, dir: work, tag: 'ctxcheck-cache:latest' });
            expect(r.ok, r.log).toBe(true);
            return r.steps;
          };
          engine.clearCache();
          if (model === 'local') buildAt(0);
          const results: { msg: string; engine: number[]; certain: number[]; uncertain: number[] }[] = [];
          for (let k = 1; k < h.commits.length; k++) {
            if (model === 'previous') {
              engine.clearCache();
              buildAt(k - 1);
            }
            const steps = buildAt(k);
            // perCommit is newest first.
            const pc = replay.perCommit[h.commits.length - 1 - k]!;
            expect(pc.commit).toBe(shas[k]);
            const uncertain = [...new Set(pc.uncertainLines)].sort((a, b) => a - b);
            const certain = [...new Set(pc.rebuiltLines)].filter((l) => !uncertain.includes(l)).sort((a, b) => a - b);
            results.push({ msg: h.commits[k]!.msg, engine: rebuiltLines(steps, dockerfiles[k]!, builder), certain, uncertain });
          }
          // Every certain rebuild really rebuilt, and nothing else rebuilt but the uncertain ones.
          const verdicts = results.map((r) => ({
            msg: r.msg,
            engine: r.engine,
            ctxcheck: r.certain,
            ...(r.uncertain.length ? { uncertain: r.uncertain } : {}),
            agree: r.certain.every((l) => r.engine.includes(l)) && r.engine.every((l) => r.certain.includes(l) || r.uncertain.includes(l)),
          }));
          expect(verdicts.filter((v) => !v.agree)).toEqual([]);
          // Per-step totals are the per-commit sets added up.
          for (const s of replay.steps) {
            expect(s.rebuilds, `line ${s.line}`).toBe(results.filter((r) => r.certain.includes(s.line) || r.uncertain.includes(s.line)).length);
          }
        }, 240_000);
      }
    }
  });
}
