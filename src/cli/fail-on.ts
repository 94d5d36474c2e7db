// `--fail-on`: which findings make the run exit 1. A comma-separated list of severities
// (error, warning, note), categories (secret, copy, …) and rule ids, read as a union: a finding
// fails the run when it is at or above the lowest severity listed, OR in a listed category, OR
// one of the listed rules. The flag may be repeated; its lists add up. "none" never fails.
import { CATEGORIES as ALL_CATEGORIES, RULES, type Category, type Severity } from '../rules.js';
import { InputError } from '../errors.js';
import type { Finding } from '../types.js';

const RANK: Record<Severity, number> = { note: 0, warning: 1, error: 2 };
const CATEGORIES = new Set<string>(ALL_CATEGORIES);

export interface FailPolicy {
  never: boolean;
  /** Findings at or above it fail; null when only categories or rules were listed. */
  threshold: Severity | null;
  categories: Set<Category>;
  rules: Set<string>;
}

/** Parse one spec, or the values of a repeated flag (`--fail-on error --fail-on secret`). */
export function parseFailOn(spec: string | readonly string[]): FailPolicy {
  const tokens = (typeof spec === 'string' ? [spec] : spec)
    .flatMap((s) => String(s).split(','))
    .map((t) => t.trim())
    .filter(Boolean);
  const policy: FailPolicy = { never: false, threshold: null, categories: new Set(), rules: new Set() };
  for (const t of tokens) {
    if (t === 'none') policy.never = true;
    else if (t === 'error' || t === 'warning' || t === 'note') {
      if (policy.threshold === null || RANK[t] < RANK[policy.threshold]) policy.threshold = t;
    } else if (CATEGORIES.has(t)) policy.categories.add(t as Category);
    else if (t in RULES) policy.rules.add(t);
    else throw new InputError(`--fail-on: unknown severity, category or rule ${JSON.stringify(t)}`);
  }
  if (policy.never && tokens.length > 1) throw new InputError('--fail-on: "none" cannot be combined with other values');
  // Nothing listed at all: the default gate.
  if (policy.threshold === null && policy.categories.size === 0 && policy.rules.size === 0) policy.threshold = 'error';
  return policy;
}

export function failingFindings(findings: readonly Finding[], policy: FailPolicy): Finding[] {
  if (policy.never) return [];
  const { threshold } = policy;
  return findings.filter(
    (f) => (threshold !== null && RANK[f.severity] >= RANK[threshold]) || policy.categories.has(f.category) || policy.rules.has(f.rule),
  );
}
