// Where a secret goes, judged by real builds: for every case in secret-cases.ts and both
// builders, build on the engine, `docker save` the final tag and look for the secret's bytes in
// its layers; look for them in the other images the build left in the local image store (the
// legacy builder commits every step of every stage it builds, needed or not); and, for BuildKit,
// read how many bytes of context it transferred (the secret is padded so that its transfer shows).
// ctxcheck's placement for the same build must be what the engine shows.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import { analyze, type SecretPlacement } from '../../src/index.js';
import { makeTree, removeTree } from '../helpers/tree.js';
import { BASE_IMAGE, Engine, skipEngine, type EngineBuilder } from './engine.js';
import { SECRET_CASES, type SecretCase } from './secret-cases.js';

const BUILDERS: EngineBuilder[] = ['legacy', 'buildkit'];
/** The secret file's padding: any transfer that carries it is at least this big. */
const PAD = 200_000;

/** BuildKit's plain progress: `transferring context: 201.3kB` (go-units HumanSize, decimal). */
export function transferredBytes(log: string): number {
  let max = 0;
  for (const m of log.matchAll(/transferring context: ([\d.]+)(B|kB|MB|GB)\b/g)) {
    const n = Number(m[1]) * { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[m[2] as 'B' | 'kB' | 'MB' | 'GB'];
    if (n > max) max = n;
  }
  return max;
}

function contextFiles(c: SecretCase, token: string): Record<string, string> {
  return {
    Dockerfile: c.dockerfile.replace(/^FROM base\b/gm, `FROM ${BASE_IMAGE}`),
    'app.txt': 'app\n',
    'dist/app.js': 'console.log(1)\n',
    '.env': `API_TOKEN=${token}\n# ${'p'.repeat(PAD)}\n`,
    ...c.files,
  };
}

async function ctxcheckPlacement(dir: string, builder: EngineBuilder, target?: string): Promise<SecretPlacement | null | 'no-placement'> {
  const r = await analyze({ context: dir, cwd: dir, builder, ...(target ? { target } : {}), git: false });
  const f = r.findings.find((x) => x.category === 'secret' && x.path === '.env');
  if (!f) return null;
  return f.placement ?? 'no-placement';
}

describe.skipIf(skipEngine('secret placement'))('where a secret goes, against real builds', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.start();
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
  }, 60_000);

  const imageIds = (): Set<string> =>
    new Set(engine.docker(['images', '-a', '-q', '--no-trunc']).stdout.toString('utf8').split('\n').filter(Boolean));

  const cases = SECRET_CASES.flatMap((c, i) => BUILDERS.map((builder) => [`${builder}: ${c.name}`, c, i, builder] as const));

  test.each(cases)('%s', async (_name, c, i, builder) => {
    // Unique bytes per build: no earlier build or cache can hold them.
    const token = `ctxsecret${randomBytes(12).toString('hex')}`;
    const bytes = Buffer.from(token);
    const dir = makeTree({ files: contextFiles(c, token) });
    try {
      const expected = builder === 'legacy' ? c.legacy : c.buildkit;
      expect(await ctxcheckPlacement(dir, builder, c.target)).toBe(expected);

      const before = imageIds();
      const tag = `secret-case:${i}-${builder}`;
      const r = engine.build({ builder, dir, tag, ...(c.target ? { target: c.target } : {}) });
      if (builder === 'legacy' && c.legacyFails) {
        // The legacy builder refuses RUN flags: the context was uploaded, nothing was built from it.
        expect(r.ok).toBe(false);
        expect(r.log).toMatch(/the --mount option requires BuildKit/);
        expect([...imageIds()].filter((id) => !before.has(id))).toEqual([]);
        return;
      }
      expect(r.ok, r.log).toBe(true);
      const inFinal = engine.imageHolds(tag, bytes);
      const finalId = engine.docker(['image', 'inspect', '--format', '{{.Id}}', tag]).stdout.toString('utf8').trim();
      // Every other image this build left in the local store (the legacy builder's intermediate images).
      const others = [...imageIds()].filter((id) => !before.has(id) && id !== finalId);
      const inLocalStore = others.some((id) => engine.imageHolds(id, bytes));
      const transferred = builder === 'buildkit' ? transferredBytes(r.log) >= PAD : null;
      if (builder === 'buildkit') expect(others).toEqual([]); // BuildKit keeps stages in its cache, not as images

      switch (expected) {
        case 'final-image':
          expect(inFinal).toBe(true);
          break;
        case 'maybe-final-image':
          expect(inFinal).toBe(c.reallyInFinal);
          break;
        case 'build-stage':
          expect(inFinal).toBe(false);
          if (builder === 'legacy') expect(inLocalStore).toBe(true);
          else {
            expect(transferred).toBe(true);
            // The stage itself holds it: build it as the target.
            const stageTag = `${tag}-stage`;
            const s = engine.build({ builder, dir, tag: stageTag, target: c.stage! });
            expect(s.ok, s.log).toBe(true);
            expect(engine.imageHolds(stageTag, bytes)).toBe(true);
          }
          break;
        case 'legacy-stage':
          expect(builder).toBe('legacy');
          expect(inFinal).toBe(false);
          expect(inLocalStore).toBe(true);
          break;
        case 'sent':
          expect(inFinal).toBe(false);
          expect(inLocalStore).toBe(false);
          if (builder === 'buildkit') expect(transferred).toBe(true);
          break;
        case 'not-sent':
          expect(builder).toBe('buildkit');
          expect(inFinal).toBe(false);
          expect(transferred).toBe(false);
          break;
        case null:
          expect(inFinal).toBe(false);
          expect(inLocalStore).toBe(false);
          if (builder === 'buildkit') expect(transferred).toBe(false);
          break;
      }
    } finally {
      removeTree(dir);
    }
  });
});
