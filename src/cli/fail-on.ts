// `--fail-on`: which findings make the run exit 1. A comma-separated list of a severity
// (error, warning, note), categories (secret, copy, …) and rule ids; "none" never fails.
// With only categories or rules, any severity in them counts.
import { CATEGORIES as ALL_CATEGORIES, RULES, type Category, type Severity } from '../rules.js';
import { InputError } from '../errors.js';
import type { Finding } from '../types.js';

const RANK: Record<Severity, number> = { note: 0, warning: 1, error: 2 };
const CATEGORIES = new Set<string>(ALL_CATEGORIES);

export interface FailPolicy {
  never: boolean;
  threshold: Severity;
  categories: Set<Category>;
  rules: Set<string>;
}

export function parseFailOn(spec: string): FailPolicy {
  const tokens = spec
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const policy: FailPolicy = { never: false, threshold: 'error', categories: new Set(), rules: new Set() };
  let severity: Severity | null = null;
  for (const t of tokens) {
    if (t === 'none') policy.never = true;
    else if (t === 'error' || t === 'warning' || t === 'note') severity = t;
    else if (CATEGORIES.has(t)) policy.categories.add(t as Category);
    else if (t in RULES) policy.rules.add(t);
    else throw new InputError(`--fail-on: unknown severity, category or rule ${JSON.stringify(t)}`);
  }
  const scoped = policy.categories.size > 0 || policy.rules.size > 0;
  policy.threshold = severity ?? (scoped ? 'note' : 'error');
  return policy;
}

export function failingFindings(findings: readonly Finding[], policy: FailPolicy): Finding[] {
  if (policy.never) return [];
  const scoped = policy.categories.size > 0 || policy.rules.size > 0;
  return findings.filter(
    (f) => RANK[f.severity] >= RANK[policy.threshold] && (!scoped || policy.categories.has(f.category) || policy.rules.has(f.rule)),
  );
}
