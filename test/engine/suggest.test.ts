// Issue #14, done when: each proposal is applied and BUILT on the real engine, for a project
// of every stack, a Compose monorepo and a Bake file. Every build that worked still works
// (BuildKit for all, the legacy builder too), the context the legacy CLI sends shrinks as
// asserted, a second `suggest --write` changes nothing, user exceptions keep their effect, and
// a secret (.env) never reaches the Node image (its last RUN checks).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyze, listContext } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { makeTree, removeTree } from '../helpers/tree.js';
import { Engine, skipEngine, type EngineBuilder } from './engine.js';
import { STACKS, type StackFixture } from './suggest-fixtures.js';

/** "Sending build context to Docker daemon  12.3MB": what the legacy CLI really uploaded. */
function sentBytes(log: string): number | null {
  const all = [...log.matchAll(/Sending build context to Docker daemon\s+([\d.]+)([kMG]?B)/g)];
  const m = all.at(-1);
  if (!m) return null;
  const unit = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[m[2]!] ?? 1;
  return Number(m[1]) * unit;
}

function ignoreFiles(dir: string, f: StackFixture): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of f.builds) {
    const p = join(dir, b.context, '.dockerignore');
    try {
      out.set(p, readFileSync(p, 'utf8'));
    } catch {
      out.set(p, '');
    }
  }
  return out;
}

/**
 * Builds also run on the legacy builder (BuildKit runs all of them): the Node project, and the
 * Compose service that COPYs services/web/dist (which a `**\/dist` rule would break).
 */
const LEGACY_TOO = new Set(['node:0', 'compose:1']);
const RESULTS: string[] = [];

function report(dir: string, b: StackFixture['builds'][number]) {
  const ctx = join(dir, b.context);
  return analyze({ context: ctx, cwd: ctx, git: false, builder: 'legacy', ...(b.file ? { dockerfile: b.file } : {}), ...(b.target ? { target: b.target } : {}) });
}

describe.skipIf(skipEngine('suggest'))('suggest --write, then build on the real engine', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.start();
  }, 120_000);
  afterAll(async () => {
    if (RESULTS.length > 0) process.stderr.write(`suggest on the engine:\n  ${RESULTS.join('\n  ')}\n`);
    await engine?.stop();
  }, 60_000);

  test.each(Object.keys(STACKS))('%s', async (name) => {
    const f = STACKS[name]!;
    const dir = makeTree({ files: f.files }, `ctxs-${name}-`);
    try {
      const build = (b: StackFixture['builds'][number], builder: EngineBuilder, tag: string) =>
        engine.build({ builder, dir: join(dir, b.context), tag, ...(b.file ? { file: b.file } : {}), ...(b.target ? { target: b.target } : {}) });
      // Before: what the legacy CLI sends (ctxcheck's tar size is exact against the docker CLI:
      // test/conformance), per build.
      const before: number[] = [];
      for (const b of f.builds) before.push((await report(dir, b)).summary.tarBytes);
      const args = ['suggest', '--write', ...(f.all ? ['--all'] : [])];
      const w = runCli(args, { cwd: dir });
      expect(w.code, w.stderr).toBe(0);
      const written = ignoreFiles(dir, f);
      // A second --write changes nothing.
      const again = runCli(args, { cwd: dir });
      expect(again.code, again.stderr).toBe(0);
      expect(ignoreFiles(dir, f)).toEqual(written);
      expect(again.stderr).toMatch(/already up to date/);
      expect(again.stderr).not.toMatch(/\(written\)/);

      for (const [k, b] of f.builds.entries()) {
        const ctx = join(dir, b.context);
        for (const builder of LEGACY_TOO.has(`${name}:${k}`) ? (['buildkit', 'legacy'] as const) : (['buildkit'] as const)) {
          const tag = `s-${name}-${k}:${builder}`;
          const r = build(b, builder, tag);
          expect(r.ok, `${builder} ${b.context} ${b.file ?? 'Dockerfile'}:\n${r.log}`).toBe(true);
          if (builder === 'legacy') {
            // The engine's own count of the upload agrees with ctxcheck's (to the CLI's rounding).
            const sent = sentBytes(r.log)!;
            const predicted = (await report(dir, b)).summary.tarBytes;
            expect(Math.abs(sent - predicted)).toBeLessThanOrEqual(Math.max(1000, predicted * 0.001));
          }
        }
        // Junk dominates: at least 90% of the bytes are gone; nothing a COPY names is lost.
        const after = await report(dir, b);
        expect(after.summary.tarBytes, `${name} build ${k}: ${before[k]} → ${after.summary.tarBytes} bytes`).toBeLessThanOrEqual(before[k]! * (1 - f.minShrink));
        expect(after.findings.filter((x) => x.category === 'copy')).toEqual([]);
        const list = await listContext({ context: ctx, cwd: ctx } as never);
        for (const kept of f.userKept) expect(list).toContain(kept);
        RESULTS.push(`${name} ${b.context}${b.file ? ` -f ${b.file}` : ''}: ${before[k]} → ${after.summary.tarBytes} tar bytes`);
      }
    } finally {
      removeTree(dir);
    }
  }, 120_000);

  test('user exceptions keep their effect in the image: *.log then !important.log', () => {
    const dir = makeTree({
      files: {
        Dockerfile: `FROM ctxcheck-base:busybox\nCOPY . /app\nRUN test -f /app/important.log && test ! -e /app/sub/debug.log\n`,
        '.dockerignore': '*.log\n!important.log\n',
        'important.log': 'keep\n',
        'sub/debug.log': 'x'.repeat(5000),
      },
    });
    try {
      expect(runCli(['suggest', '--write'], { cwd: dir }).code).toBe(0);
      for (const builder of ['buildkit', 'legacy'] as const) {
        const r = engine.build({ builder, dir, tag: `s-exc:${builder}` });
        expect(r.ok, r.log).toBe(true);
      }
    } finally {
      removeTree(dir);
    }
  }, 60_000);

  test('hostile names: escaped rules exclude exactly what ctxcheck predicts, on both builders', async () => {
    const hostile = ['a|b.bin', '{x}.bin', 'c{2}.bin', '^d.bin', '[e].bin', 'f*.bin', 'g?.bin', 'h\\i.bin', '#j.bin', '!k.bin', ' l.bin', 'm .bin', 'n.b+(in)$'];
    const files: Record<string, string> = { Dockerfile: `FROM ctxcheck-base:busybox\nCOPY src /src\nRUN test -f '/src/x{2}|y.txt'\n`, 'src/x{2}|y.txt': 'y\n' };
    for (const h of hostile) files[`data/${h}`] = 'z'.repeat(1_100_000);
    files['data/keep.txt'] = 'k\n';
    const dir = makeTree({ files });
    const lister = makeTree({ files: { 'Dockerfile.list': "FROM ctxcheck-base:busybox\nCOPY . /ctx\nRUN test -f '/ctx/src/x{2}|y.txt' && cd /ctx && find . -type f | sort > /list.txt\n" } });
    try {
      const w = runCli(['suggest', '--write'], { cwd: dir });
      expect(w.code, w.stderr).toBe(0);
      const text = readFileSync(join(dir, '.dockerignore'), 'utf8');
      for (const builder of ['buildkit', 'legacy'] as const) {
        // What reaches the daemon: every file of the context, listed from inside the image.
        const r = engine.build({ builder, dir, tag: `s-hl:${builder}`, file: join(lister, 'Dockerfile.list') });
        expect(r.ok, r.log).toBe(true);
        const layer = engine.layers(`s-hl:${builder}`).flat().find((e) => e.path === 'list.txt');
        const got = layer!.data.toString('utf8').trim().split('\n').map((p) => p.replace(/^\.\//, '')).filter((p) => !p.startsWith('.dockerfile.'));
        const predicted = (await listContext({ context: dir, cwd: dir, builder } as never)).filter((p) => !p.endsWith('/'));
        expect(got.sort(), `${builder}\n${text}`).toEqual(predicted.sort());
        for (const h of hostile) expect(got).not.toContain(`data/${h}`);
        expect(got).toContain('data/keep.txt');
      }
    } finally {
      removeTree(dir);
      removeTree(lister);
    }
  }, 90_000);
});
