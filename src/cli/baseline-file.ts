// Baselines: accept today's findings so CI reports only new ones. The file lists fingerprints
// (stable across line moves; a secret's fingerprint depends on its value, never stores it).
import * as fs from 'node:fs';
import { InputError } from '../errors.js';
import type { Finding, Suppressed, SuppressedBy } from '../types.js';

export { BASELINE_FILE } from '../paths.js';

export interface Baseline {
  version: 1;
  findings: { fingerprint: string; rule: string; path?: string }[];
}

export function makeBaseline(findings: readonly Finding[]): Baseline {
  const seen = new Set<string>();
  const out: Baseline['findings'] = [];
  for (const f of findings) {
    if (!f.fingerprint || seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    out.push({ fingerprint: f.fingerprint, rule: f.rule, ...(f.path !== undefined ? { path: f.path } : {}) });
  }
  out.sort((a, b) => (a.rule + (a.path ?? '') + a.fingerprint < b.rule + (b.path ?? '') + b.fingerprint ? -1 : 1));
  return { version: 1, findings: out };
}

export function readBaseline(file: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`${file}: not a readable ctxcheck baseline (${(err as Error).message.split('\n')[0]})`);
  }
  const b = data as Partial<Baseline>;
  if (b.version !== 1 || !Array.isArray(b.findings)) throw new InputError(`${file}: not a ctxcheck baseline (version 1)`);
  return new Set(b.findings.map((f) => String(f.fingerprint)));
}

/** Is `f` one of the findings the baseline accepted? */
const inBaseline = (f: Finding, known: ReadonlySet<string>): boolean => f.fingerprint !== undefined && f.fingerprint !== '' && known.has(f.fingerprint);

export function applyBaseline(findings: Finding[], known: ReadonlySet<string>): Finding[] {
  return findings.filter((f) => !inBaseline(f, known));
}

/** A report or project target: its findings and what was kept out of them. */
export interface Suppressible {
  findings: Finding[];
  suppressed: Suppressed;
}

/**
 * Move the findings `silenced` picks out of `r.findings` into `r.suppressed`, counted under
 * `by` (a finding is counted once, by the first thing that silenced it).
 */
export function suppress(r: Suppressible, by: SuppressedBy, silenced: (f: Finding) => boolean): void {
  const kept: Finding[] = [];
  for (const f of r.findings) {
    if (!silenced(f)) {
      kept.push(f);
      continue;
    }
    r.suppressed[by]++;
    (r.suppressed.findings ??= []).push({ ...f, suppressedBy: by });
  }
  r.findings = kept;
}

/** Suppress the findings the baseline lists (see `suppress`). */
export function suppressBaseline(r: Suppressible, known: ReadonlySet<string>): void {
  suppress(r, 'baseline', (f) => inBaseline(f, known));
}
