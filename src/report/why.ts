// Rendering for `ctxcheck why`.
import type { Explanation } from '../pipeline/list.js';
import type { PathVerdict } from '../context/explain.js';
import type { Builder } from '../context/builders.js';

function ruleText(v: PathVerdict): string {
  if (!v.rule) return 'no rule matches';
  const where = v.rule.line > 0 ? `${v.rule.source}:${v.rule.line}` : v.rule.source;
  return `${where} ${v.rule.pattern}`;
}

function verdictText(v: PathVerdict): string {
  if (v.included) return v.rule ? `included (re-included by ${ruleText(v)})` : 'included (no rule matches)';
  if (v.prunedAt) return `excluded: directory ${v.prunedAt}/ is excluded by ${ruleText(v)} and skipped without being read`;
  const open = v.keptOpenBy ? `; the directory is still walked because of ${v.keptOpenBy}` : '';
  return `excluded by ${ruleText(v)}${open}`;
}

export function renderWhy(items: readonly Explanation[], builder: Builder): string {
  const other: Builder = builder === 'buildkit' ? 'legacy' : 'buildkit';
  const lines: string[] = [];
  for (const e of items) {
    const missing = e.exists ? '' : ' (not on disk)';
    lines.push(`${e.path}${missing}: ${verdictText(e.verdicts[builder])}`);
    if (e.disagree) {
      lines.push(`  ${other} builder disagrees: ${verdictText(e.verdicts[other])}`);
    }
  }
  return lines.join('\n') + '\n';
}
