// Seeded differential fuzzing against the real docker CLI (legacy builder): random trees with
// awkward names and symlinks, random .dockerignore files; ctxcheck must agree with Docker on
// every case (file list, directory entries, tar length, and refusing what Docker refuses).
//
// Inside `npm test`: 300 cases from a fixed seed. Bigger or different runs: `npm run fuzz --
// --cases 5000 --seed 7` (fuzz/run.mjs), which sets the FUZZ_* variables read below.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { expect, it } from 'vitest';
import { dockerCliPath } from '../helpers/docker-engine.js';
import { formatSummary, runFuzz } from './differential.js';

const docker = dockerCliPath();

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name}=${raw}: expected a non-negative integer`);
  return n;
}

const CASES = envInt('FUZZ_CASES', 300);
const SEED = envInt('FUZZ_SEED', 20_250_601);
const CONCURRENCY = envInt('FUZZ_CONCURRENCY', Math.min(4, availableParallelism() + 1));
const SHRINK_LIMIT = envInt('FUZZ_SHRINK_LIMIT', process.env['FUZZ_CASES'] ? 25 : 5);
const SHRINK_BUDGET_MS = envInt('FUZZ_SHRINK_BUDGET_MS', process.env['FUZZ_CASES'] ? 600_000 : 45_000);
const OUT = process.env['FUZZ_OUT'];
// Hunting past known disagreements: FUZZ_AVOID="|{}" deletes those characters from generated
// ignore lines; FUZZ_NO_INVALID=1 stops deliberately malformed patterns.
const AVOID = process.env['FUZZ_AVOID'] ?? '';
const NO_INVALID = process.env['FUZZ_NO_INVALID'] === '1';
// Generous: a case takes ~25 ms of CLI time; a loaded machine may be several times slower.
const TIMEOUT_MS = 120_000 + CASES * 400 + SHRINK_BUDGET_MS;

if (!docker) {
  console.warn('\n*** FUZZ SKIPPED: docker CLI not found; ctxcheck was NOT fuzzed against Docker ***\n');
}

it('fuzz ran against the real docker CLI (or CI has no docker and says so)', () => {
  if (!docker && process.env['CI']) {
    throw new Error('docker CLI missing in CI: the differential fuzzer could not run');
  }
  expect(true).toBe(true);
});

it.skipIf(!docker)(
  `differential fuzz: ${CASES} cases from seed ${SEED} agree with docker build (legacy)`,
  async () => {
    const progressEvery = CASES >= 1000 ? 500 : 0;
    const summary = await runFuzz({
      cases: CASES,
      seed: SEED,
      concurrency: CONCURRENCY,
      shrinkLimit: SHRINK_LIMIT,
      shrinkBudgetMs: SHRINK_BUDGET_MS,
      progressEvery,
      gen: { ...(AVOID ? { avoidChars: AVOID } : {}), ...(NO_INVALID ? { noInvalid: true } : {}) },
      onProgress: (done, failures) => {
        process.stderr.write(`[fuzz] ${done}/${CASES} cases, ${failures} disagreements\n`);
      },
    });
    const text = formatSummary(summary);
    if (OUT) {
      writeFileSync(
        OUT,
        JSON.stringify(
          {
            cases: summary.cases,
            seed: summary.seed,
            avoid: AVOID,
            noInvalid: NO_INVALID,
            elapsedMs: summary.elapsedMs,
            shrinkMs: summary.shrinkMs,
            byKind: summary.byKind,
            stats: summary.stats,
            failingSeeds: summary.disagreements.map((r) => ({ seed: r.seed, kind: r.outcome.kind })),
            infra: summary.infra.map((r) => ({ seed: r.seed, detail: r.outcome.kind === 'infra' ? r.outcome.detail : '' })),
            repros: summary.repros,
            text,
          },
          null,
          2,
        ) + '\n',
      );
    }
    // On failure the assertion messages below carry the full text (with the reproductions).
    if (summary.disagreements.length === 0 && summary.infra.length <= Math.floor(CASES / 100)) console.log(text);

    // Infrastructure hiccups (CLI killed by the timeout three times in a row) are not verdicts,
    // but more than 1% of them means the run did not really test anything.
    expect(summary.infra.length, `infrastructure failures:\n${text}`).toBeLessThanOrEqual(Math.floor(CASES / 100));
    expect(summary.disagreements.length, `ctxcheck disagrees with docker build:\n${text}`).toBe(0);
  },
  TIMEOUT_MS,
);
