// copy-ignored / copy-missing against a real engine: for every case of copy-cases.ts and both
// builders, the lines ctxcheck flags must be exactly the lines whose step fails in a real build.
// A build stops at its first failing step, so the engine's answer is found by building, turning
// the failing line into a comment, and building again until the build passes.
import { afterAll, beforeAll, describe, test } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { analyze } from '../../src/index.js';
import { makeTree, removeTree } from '../helpers/tree.js';
import { Engine, skipEngine, type BuildResult, type EngineBuilder } from './engine.js';
import { COPY_CASES, type CopyCase } from './copy-cases.js';

const BUILDERS: EngineBuilder[] = ['legacy', 'buildkit'];

/** The Dockerfile line a failed build stopped at (null: the build failed before any step). */
export function failedLine(r: BuildResult, builder: EngineBuilder, lines: readonly string[]): number | null {
  const log = r.log;
  let text: string | null = null;
  if (builder === 'legacy') {
    // The legacy builder prints "Step N/M : TEXT" before running each step.
    const steps = [...log.matchAll(/^Step \d+\/\d+ : (.*)$/gm)];
    text = steps.at(-1)?.[1] ?? null;
  } else {
    // BuildKit names the failed vertex in its error summary: " > [stage k/M] TEXT:".
    const m = /^ > \[[^\]]*\] (.*):$/m.exec(log);
    text = m?.[1] ?? null;
  }
  if (text === 'load build context') {
    // The client's transfer itself failed on a source path (e.g. fsutil FollowLinks: "lstat
    // a/b: not a directory"): place it on the line naming that path.
    const m = /error from sender: lstat (\S+?):/.exec(log);
    const hits = m ? lines.flatMap((l, i) => (l.split(/\s+/).includes(m[1]!) ? [i + 1] : [])) : [];
    if (hits.length !== 1) throw new Error(`cannot place the failed transfer on one Dockerfile line:\n${log}`);
    return hits[0]!;
  }
  if (text === null) {
    const m = /line (\d+)/i.exec(log);
    return m ? Number(m[1]) : null;
  }
  const norm = (s: string): string => s.trim().replace(/\s+/g, ' ');
  let hits = lines.flatMap((l, i) => (norm(l) === norm(text) ? [i + 1] : []));
  if (hits.length === 0) {
    // BuildKit prints the instruction with its variables expanded: place it by keyword and
    // destination (unique within a case).
    const words = norm(text).split(' ');
    hits = lines.flatMap((l, i) => {
      const w = norm(l).split(' ');
      return w[0] === words[0] && w.at(-1) === words.at(-1) ? [i + 1] : [];
    });
  }
  if (hits.length !== 1) throw new Error(`cannot place the failed step ${JSON.stringify(text)} on one Dockerfile line:\n${log}`);
  return hits[0]!;
}

/**
 * BuildKit merges in-flight steps of concurrent builds whose cache keys are equal, and a COPY's
 * key is only its definition with the source cut to its base name, plus a checksum of what the
 * sources resolved to: "nodir/*.txt" with no "nodir" and "d/*.txt" in a "d" with no match key
 * alike, so one build can take the other's result, success or failure (seen on this engine: 7 of
 * 15 concurrent pairs). Keys that equal can come from different Dockerfile text, so BuildKit
 * builds here run one at a time; legacy builds (no cross-build merging, --no-cache) still run
 * beside them.
 */
let buildkitQueue: Promise<unknown> = Promise.resolve();
function oneBuildkitBuildAtATime<T>(run: () => Promise<T>): Promise<T> {
  const next = buildkitQueue.then(run, run);
  buildkitQueue = next.catch(() => undefined);
  return next;
}

function writeCase(c: CopyCase): string {
  const dir = makeTree({ files: c.files ?? {}, dirs: c.dirs ?? [], links: c.links ?? {} }, 'ctxcopy-');
  if (c.ignore !== undefined) writeFileSync(join(dir, '.dockerignore'), c.ignore);
  for (const [p, text] of Object.entries(c.ignoreFiles ?? {})) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  for (const [archive, members] of Object.entries(c.tars ?? {})) {
    const src = makeTree({ files: members }, 'ctxtar-');
    const r = spawnSync('tar', ['-C', src, '-cf', join(dir, archive), ...Object.keys(members)]);
    removeTree(src);
    if (r.status !== 0) throw new Error(`tar ${archive}: ${r.stderr.toString()}`);
  }
  writeDockerfile(dir, c, c.dockerfile);
  return dir;
}

function writeDockerfile(dir: string, c: CopyCase, lines: readonly string[]): void {
  const file = join(dir, c.file ?? 'Dockerfile');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, lines.join('\n') + '\n');
}

/** Every line whose step fails: build, comment out the failing line, build again. */
async function engineVerdict(engine: Engine, dir: string, c: CopyCase, builder: EngineBuilder): Promise<{ lines: number[]; logs: string[] }> {
  const lines = [...c.dockerfile];
  const failed: number[] = [];
  const logs: string[] = [];
  let retries = 0;
  try {
    for (let round = 0; round < 6; round++) {
      // --no-cache: a cached step is never re-checked (an empty wildcard's cache key can hit an
      // earlier case's, and the copy that would fail is skipped).
      const build = (): Promise<BuildResult> => engine.buildAsync({ builder, dir, noCache: true, ...(c.file ? { file: c.file } : {}), ...(c.target ? { target: c.target } : {}), ...(c.buildArgs ? { buildArgs: c.buildArgs } : {}) });
      const r = builder === 'buildkit' ? await oneBuildkitBuildAtATime(build) : await build();
      if (r.ok) return { lines: failed.sort((a, b) => a - b), logs };
      logs.push(r.log);
      // BuildKit 20.10 can trip over two identical builds solved at once ("duplicate output");
      // that says nothing about the sources: build again.
      if (/^duplicate output/m.test(r.log) && retries++ < 3) {
        round--;
        continue;
      }
      const line = failedLine(r, builder, lines);
      if (line === null || failed.includes(line) || line < 2) throw new Error(`${c.name} (${builder}): a failure ctxcheck cannot place on a line:\n${r.log}`);
      failed.push(line);
      // A LABEL in its place keeps the stage non-empty (a legacy build of a bare FROM scratch
      // generates no image and fails).
      lines[line - 1] = `LABEL failed-line-${line}=1`;
      writeDockerfile(dir, c, lines);
    }
    throw new Error(`${c.name} (${builder}): still failing after 6 builds`);
  } finally {
    writeDockerfile(dir, c, c.dockerfile);
  }
}

async function ctxcheckVerdict(dir: string, c: CopyCase, builder: EngineBuilder): Promise<number[]> {
  const r = await analyze({
    context: dir,
    cwd: dir,
    builder,
    git: false,
    secrets: false,
    ...(c.file ? { dockerfile: c.file } : {}),
    ...(c.target ? { target: c.target } : {}),
    ...(c.buildArgs ? { buildArgs: c.buildArgs } : {}),
  });
  const lines = r.findings.filter((f) => f.rule === 'copy-ignored' || f.rule === 'copy-missing' || f.rule === 'dockerfile-needs-buildkit').map((f) => f.dockerfile!.line);
  return [...new Set(lines)].sort((a, b) => a - b);
}

describe.skipIf(skipEngine('copy verdicts'))('copy-ignored / copy-missing agree with a real build', () => {
  let engine: Engine;
  const table: string[] = [];
  beforeAll(async () => {
    engine = await Engine.start();
  }, 120_000);
  afterAll(async () => {
    if (process.env.CTXCHECK_COPY_TABLE) process.stderr.write(`${table.join('\n')}\n`);
    await engine?.stop();
  }, 60_000);

  // Cases run a few at a time (each in its own trees): the daemon builds them side by side.
  test.concurrent.for(COPY_CASES.map((c) => ({ title: c.divergence ? `divergence: ${c.divergence.what} (${c.name})` : c.name, c })))('$title', async ({ c }, { expect }) => {
    const dirs = BUILDERS.map(() => writeCase(c));
    try {
      const verdicts = await Promise.all(BUILDERS.map((builder, i) => engineVerdict(engine, dirs[i]!, c, builder)));
      for (const [i, builder] of BUILDERS.entries()) {
        const engineLines = verdicts[i]!.lines;
        const ours = await ctxcheckVerdict(dirs[i]!, c, builder);
        table.push(`${builder.padEnd(8)} engine=${JSON.stringify(engineLines).padEnd(8)} ctxcheck=${JSON.stringify(ours).padEnd(8)} ${c.name}`);
        if (builder === 'buildkit' && c.divergence) {
          expect.soft(engineLines, `${c.name}: the v0.8 engine`).toEqual(c.divergence.v08);
          expect.soft(ours, `${c.name}: ctxcheck gives modern BuildKit's answer`).toEqual(c.divergence.modern);
        } else {
          expect.soft(ours, `${c.name} (${builder})`).toEqual(engineLines);
        }
      }
    } finally {
      for (const d of dirs) removeTree(d);
    }
  });
});
