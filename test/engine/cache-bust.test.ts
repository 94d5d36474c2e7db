// cache-bust and churn findings against a real engine: changing a file of a group that a
// cache-bust finding names really breaks the cache at the step it names (and not before it) and
// reruns the RUN steps it lists; changing a file of a group ctxcheck only notes (churn: sent but
// never copied) rebuilds nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyze } from '../../src/index.js';
import type { Finding } from '../../src/types.js';
import { makeTree, removeTree } from '../helpers/tree.js';
import { BASE_IMAGE, Engine, skipEngine, type EngineBuilder, type StepResult } from './engine.js';

const B = BASE_IMAGE;

interface Project {
  name: string;
  dockerfile: string;
  files: Record<string, string>;
  /** The findings ctxcheck must make, per builder: `cache-bust <path>` / `churn <path>`. */
  expect: Record<EngineBuilder, string[]>;
}

const PROJECTS: Project[] = [
  {
    name: 'COPY . . after the dependency install',
    dockerfile: `FROM ${B}\nWORKDIR /app\nCOPY package.json ./\nRUN cat package.json > /deps\nCOPY . .\nRUN ls -R . > /build\n`,
    files: {
      '.dockerignore': '.git\n',
      'package.json': '{"name":"app"}',
      'src/index.js': 'console.log(1)\n',
      'app.log': 'started\n',
      '.vscode/settings.json': '{}',
      '.cache/x': 'cache\n',
      'coverage/lcov.info': 'TN:\n',
    },
    expect: {
      legacy: ['cache-bust .cache', 'cache-bust .vscode', 'cache-bust app.log', 'cache-bust coverage'],
      buildkit: ['cache-bust .cache', 'cache-bust .vscode', 'cache-bust app.log', 'cache-bust coverage'],
    },
  },
  {
    name: 'explicit sources: churn beside them is sent (legacy) or not transferred (BuildKit), never copied',
    dockerfile: `FROM ${B}\nCOPY src /app/src\nRUN ls /app/src\nCOPY logs/keep.txt /keep\n`,
    files: {
      'src/index.js': 'console.log(1)\n',
      'app.log': 'started\n',
      'logs/keep.txt': 'k\n',
      'logs/run.log': 'r\n',
      '.idea/workspace.xml': '<x/>\n',
    },
    expect: { legacy: ['churn .idea', 'churn app.log'], buildkit: ['churn .idea', 'churn app.log'] },
  },
  {
    name: 'churn read only by a stage the target does not need (the legacy builder builds it anyway)',
    dockerfile: `FROM ${B} AS docs\nCOPY . /docs\nRUN ls /docs\nFROM ${B}\nCOPY src /app/src\n`,
    files: { 'src/index.js': 'console.log(1)\n', 'app.log': 'started\n' },
    expect: { legacy: ['cache-bust app.log'], buildkit: ['churn app.log'] },
  },
];

/** Dockerfile lines of the steps that ran; legacy Step n is the n-th instruction, BuildKit [k/M] the (k-1)-th op. */
function ranLines(steps: StepResult[], dockerfile: string, builder: EngineBuilder): number[] {
  const all: number[] = [];
  const ops: number[] = [];
  dockerfile.split('\n').forEach((t, i) => {
    if (t.trim() === '') return;
    all.push(i + 1);
    if (/^(FROM|RUN|COPY|ADD|WORKDIR)\b/i.test(t.trim())) ops.push(i + 1);
  });
  return steps.filter((s) => !s.cached && !/^FROM\b/i.test(s.text)).map((s) => (builder === 'legacy' ? all[s.index - 1]! : ops[s.index - 1]!));
}

/** A file of the tree under `root` (or `root` itself). */
function fileUnder(files: Record<string, string>, root: string): string {
  const f = Object.keys(files).find((p) => p === root || p.startsWith(`${root}/`));
  if (!f) throw new Error(`no file under ${root}`);
  return f;
}

describe.skipIf(skipEngine('cache-bust findings'))('cache-bust and churn findings agree with a real engine', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.start();
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
  }, 60_000);

  for (const p of PROJECTS) {
    for (const builder of ['legacy', 'buildkit'] as EngineBuilder[]) {
      test(`${builder}: ${p.name}`, async () => {
        const dir = makeTree({ files: { ...p.files, Dockerfile: p.dockerfile } });
        try {
          const report = await analyze({ context: dir, builder, git: false });
          const busts = report.findings.filter((f) => f.rule === 'cache-bust');
          const notes = report.findings.filter((f) => f.rule === 'churn');
          expect([...busts, ...notes].map((f) => `${f.rule} ${f.path}`).sort()).toEqual(p.expect[builder]);
          engine.clearCache();
          const first = engine.build({ builder, dir, tag: 'ctxcheck-bust:latest' });
          expect(first.ok, first.log).toBe(true);
          const outcome = (f: Finding): number[] => {
            const file = fileUnder(p.files, f.path!);
            const before = readFileSync(join(dir, file));
            writeFileSync(join(dir, file), Buffer.concat([before, Buffer.from('changed\n')]));
            try {
              const r = engine.build({ builder, dir, tag: 'ctxcheck-bust:latest' });
              expect(r.ok, r.log).toBe(true);
              return ranLines(r.steps, p.dockerfile, builder);
            } finally {
              writeFileSync(join(dir, file), before);
            }
          };
          for (const f of busts) {
            const ran = outcome(f);
            const at = f.dockerfile!.line;
            // The named step is the first to rebuild; every RUN it names reruns.
            expect({ path: f.path, first: Math.min(...ran) }).toEqual({ path: f.path, first: at });
            expect({ path: f.path, missing: (f.reruns ?? []).filter((l) => !ran.includes(l)) }).toEqual({ path: f.path, missing: [] });
          }
          for (const f of notes) expect({ path: f.path, ran: outcome(f) }).toEqual({ path: f.path, ran: [] });
        } finally {
          removeTree(dir);
        }
      }, 240_000);
    }
  }
});
