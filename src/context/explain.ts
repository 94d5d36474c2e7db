// `ctxcheck why`: decide one path the way a builder's walk would reach it — each ancestor
// directory first (it may be pruned, hiding everything below), then the path itself.
import type { Matcher, MatchInfo, Rule } from '../ignore/matcher.js';
import { prunePolicy, type Builder } from './builders.js';

export interface PathVerdict {
  included: boolean;
  /** The rule that decided (last matching rule), or null when no rule matched. */
  rule: { pattern: string; exception: boolean; source: string; line: number } | null;
  /** Set when an ancestor directory was excluded and skipped without being read. */
  prunedAt: string | null;
  /** For an excluded directory the builder still walks: why it stays open. */
  keptOpenBy: string | null;
}

/** A rule as findings and explanations name it. */
export type RuleRef = NonNullable<PathVerdict['rule']>;

export function ruleRef(r: Rule | undefined): RuleRef | null {
  return r ? { pattern: (r.exception ? '!' : '') + r.pattern, exception: r.exception, source: r.source, line: r.line } : null;
}

export function explainPath(matcher: Matcher, builder: Builder, path: string, isDir: boolean): PathVerdict {
  const policy = prunePolicy(builder, matcher);
  const parts = path.split('/');
  let info: MatchInfo = null;
  for (let i = 1; i <= parts.length; i++) {
    const p = parts.slice(0, i).join('/');
    const last = i === parts.length;
    const d = matcher.matchesUsingParentResults(p, info);
    info = d.info;
    const rule = ruleRef(matcher.rules[d.ruleIndex]);
    if (!d.excluded) {
      if (last) return { included: true, rule, prunedAt: null, keptOpenBy: null };
      continue;
    }
    const dirHere = !last || isDir;
    if (dirHere && policy.prunes(p)) {
      return { included: false, rule, prunedAt: last ? null : p, keptOpenBy: null };
    }
    if (last) {
      let keptOpenBy: string | null = null;
      if (isDir) {
        const k = policy.keptOpenBy(p);
        keptOpenBy = k === 'wildcard-exception' ? 'an exception with a wildcard (BuildKit then walks every excluded directory)' : k ? `!${k.pattern}` : null;
      }
      return { included: false, rule, prunedAt: null, keptOpenBy };
    }
  }
  /* c8 ignore next */
  throw new Error('unreachable: empty path');
}
