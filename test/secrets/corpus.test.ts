// Recall and precision of the secret scanner, per provider family, over the corpus in
// test/secrets/corpus/ (issue #15: recall >= 0.90, precision >= 0.95 per family).
//
// Each sample is scanned alone, at its own path, through the public API (scanSecrets over a
// MemoryFS). Scoring, per sample:
//   positive (expect = R): a content hit of rule R on the value's lines is a true positive,
//     otherwise a miss; every content hit of another rule is a false positive (so a hit with
//     the wrong rule id is a miss AND a false positive).
//   negative (expect = null): any content hit is a false positive.
// Name hits (a `.env` file is secret/dotenv by name whatever it holds) are path facts, not
// detections of the sample's text, and are not scored unless they are the expected rule.
// recall = TP / positives, precision = TP / (TP + FP).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MemoryFS } from '../../src/fs/memory-fs.js';
import { SECRET_RULES, scanSecrets, type SecretHit } from '../../src/analyzers/secrets/index.js';
import type { CorpusModule, Sample } from './corpus/types.js';

const MIN_RECALL = 0.9;
const MIN_PRECISION = 0.95;

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'types.ts')
  .sort();
const modules: { file: string; mod: CorpusModule }[] = [];
for (const f of files) {
  const mod = ((await import(pathToFileURL(join(DIR, f)).href)) as { default: CorpusModule }).default;
  modules.push({ file: f, mod });
}

interface Scored {
  family: string;
  module: string;
  sample: Sample;
  hits: SecretHit[];
  tp: boolean;
  fp: SecretHit[];
}

async function scanSample(s: Sample): Promise<SecretHit[]> {
  const fs = new MemoryFS({ files: { [s.file]: s.text } });
  return (await scanSecrets([{ path: s.file, size: fs.lstat(s.file).size, type: 'file' }], fs)).hits;
}

/** 1-based lines [first, last] that `value` spans in `text`, or null when it is not there. */
function linesOf(text: string, value: string): [number, number] | null {
  const i = text.indexOf(value);
  if (i < 0) return null;
  const first = text.slice(0, i).split('\n').length;
  return [first, first + value.split('\n').length - 1];
}

const scored: Scored[] = [];
for (const { file, mod } of modules) {
  for (const sample of mod.samples) {
    const hits = await scanSample(sample);
    const scoredHits = hits.filter((h) => h.kind === 'content' || h.rule === sample.expect);
    let tp = false;
    if (sample.expect !== null) {
      const span = sample.value !== undefined ? linesOf(sample.text, sample.value) : null;
      tp = scoredHits.some((h) => h.rule === sample.expect && (span === null || h.line === undefined || (h.line >= span[0] && h.line <= span[1])));
    }
    scored.push({ family: mod.family, module: file, sample, hits, tp, fp: scoredHits.filter((h) => h.rule !== sample.expect && !(sample.also ?? []).includes(h.rule)) });
  }
}

interface FamilyStats {
  family: string;
  positives: number;
  negatives: number;
  tp: number;
  fp: number;
  recall: number;
  precision: number;
}

function familyStats(): FamilyStats[] {
  const by = new Map<string, Scored[]>();
  for (const s of scored) by.set(s.family, [...(by.get(s.family) ?? []), s]);
  return [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([family, list]) => {
      const positives = list.filter((s) => s.sample.expect !== null).length;
      const tp = list.filter((s) => s.tp).length;
      const fp = list.reduce((n, s) => n + (s.fp.length > 0 ? 1 : 0), 0);
      return { family, positives, negatives: list.length - positives, tp, fp, recall: positives ? tp / positives : 0, precision: tp + fp ? tp / (tp + fp) : 0 };
    });
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function table(stats: FamilyStats[]): string {
  const rows = [['family', 'positives', 'negatives', 'TP', 'FP', 'recall', 'precision'], ...stats.map((s) => [s.family, `${s.positives}`, `${s.negatives}`, `${s.tp}`, `${s.fp}`, pct(s.recall), pct(s.precision)])];
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ')).join('\n');
}

const brief = (h: SecretHit): string => `${h.rule}${h.line ? `:${h.line}` : ''}`;

function failures(family: string): string {
  const out: string[] = [];
  for (const s of scored.filter((x) => x.family === family)) {
    if (s.sample.expect !== null && !s.tp) out.push(`  MISS ${s.module}: ${s.sample.name} (${s.sample.file}) expected ${s.sample.expect}, got [${s.hits.map(brief).join(', ')}]`);
    for (const h of s.fp) out.push(`  FP   ${s.module}: ${s.sample.name} (${s.sample.file}) ${brief(h)} ${h.excerpt ?? ''}`);
  }
  return out.join('\n');
}

describe('secret corpus', () => {
  it('loads at least one family module, each with samples', () => {
    expect(modules.length).toBeGreaterThan(0);
    for (const { file, mod } of modules) {
      expect(typeof mod.family, file).toBe('string');
      expect(mod.samples.length, file).toBeGreaterThan(0);
    }
  });

  it('samples are well formed: known rule ids, values present in their text, negatives say what they imitate', () => {
    const ids = new Set(SECRET_RULES.map((r) => r.id));
    const bad: string[] = [];
    const seen = new Set<string>();
    for (const { file, mod } of modules) {
      for (const s of mod.samples) {
        const where = `${file}: ${s.name}`;
        if (seen.has(`${mod.family}\0${s.name}`)) bad.push(`${where}: duplicate name in family ${mod.family}`);
        seen.add(`${mod.family}\0${s.name}`);
        if (s.expect !== null && !ids.has(s.expect)) bad.push(`${where}: unknown rule ${s.expect}`);
        if (s.expect !== null && s.value === undefined) bad.push(`${where}: a positive needs its value`);
        if (s.value !== undefined && !s.text.includes(s.value)) bad.push(`${where}: value not in text`);
        if (s.expect === null && (s.target === undefined || !ids.has(s.target) || s.negative === undefined)) bad.push(`${where}: a negative needs a known target rule and a negative kind`);
        if (s.expect !== null && (s.target !== undefined || s.negative !== undefined)) bad.push(`${where}: a positive has no target/negative`);
      }
    }
    expect(bad).toEqual([]);
  });

  it(`per family: recall >= ${MIN_RECALL}, precision >= ${MIN_PRECISION}`, () => {
    const stats = familyStats();
    const failing = stats.filter((s) => s.positives === 0 || s.recall < MIN_RECALL || s.precision < MIN_PRECISION);
    const report = `${table(stats)}\n\n${failing.map((s) => `${s.family}:\n${failures(s.family)}`).join('\n')}`;
    expect(failing.map((s) => s.family), report).toEqual([]);
  });

  it('every content detector rule has a positive, a near-miss negative and a placeholder negative', () => {
    const missing: string[] = [];
    const samples = modules.flatMap((m) => m.mod.samples);
    for (const r of SECRET_RULES) {
      if (r.kind === 'name') continue;
      const lacks: string[] = [];
      if (!samples.some((s) => s.expect === r.id)) lacks.push('positive');
      if (!samples.some((s) => s.target === r.id && s.negative === 'near-miss')) lacks.push('near-miss');
      if (!samples.some((s) => s.target === r.id && s.negative === 'placeholder')) lacks.push('placeholder');
      if (lacks.length > 0) missing.push(`${r.id}: no ${lacks.join(', ')}`);
    }
    expect(missing).toEqual([]);
  });

  it('no reported excerpt or message contains a sample value whole', () => {
    const leaks: string[] = [];
    for (const s of scored) {
      const v = s.sample.value;
      if (v === undefined || v.length < 8) continue;
      for (const h of s.hits) {
        if ((h.excerpt ?? '').includes(v) || h.message.includes(v)) leaks.push(`${s.module}: ${s.sample.name}: ${h.rule}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});

// Printed with --reporter=verbose or on a failure above; kept as a plain summary for reports.
if (process.env.CORPUS_TABLE) console.log(table(familyStats()));
