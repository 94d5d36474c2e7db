// Layout helpers for the human report: wrapping to the terminal, grouping findings of one cause.
import type { Finding } from '../types.js';

/**
 * Wrap `text` to `width` columns: the first line starts after `lead` characters already on the
 * line, continuation lines are indented by `indent`. Words longer than a line are not broken
 * (paths and patterns stay copyable). No width: the text as it is.
 */
export function wrap(text: string, lead: number, indent: number, width: number | undefined): string[] {
  if (width === undefined || width - indent < 20) return [text];
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  let room = width - lead;
  for (const w of words) {
    if (line === '') line = w;
    else if (line.length + 1 + w.length <= room) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
      room = width - indent;
    }
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${' '.repeat(indent)}${l}`));
}

/** Findings shown as one entry: one finding, or several of the same cause. */
export interface FindingGroup {
  first: Finding;
  /** Every finding of the group, `first` included. */
  all: Finding[];
  /** For a group of several: the directory they share (e.g. "node_modules"). */
  under: string | null;
}

/** Fewest findings of one cause shown as one entry. */
const GROUP_FROM = 3;

/**
 * Findings of one cause become one entry with a count and examples: same rule and severity,
 * same Dockerfile line, paths under the same top-level directory (52 cache-busts under
 * node_modules/ are one problem with one fix). Secrets are never grouped: each value is its own
 * leak. Order: the first finding of each group keeps its place.
 */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups: FindingGroup[] = [];
  const byKey = new Map<string, FindingGroup>();
  for (const f of findings) {
    const top = f.path !== undefined && f.path.includes('/') ? f.path.slice(0, f.path.indexOf('/')) : null;
    const key = f.category === 'secret' || top === null ? null : [f.rule, f.severity, f.dockerfile?.path ?? '', f.dockerfile?.line ?? '', top].join('\0');
    const g = key === null ? undefined : byKey.get(key);
    if (g) {
      g.all.push(f);
      continue;
    }
    const fresh: FindingGroup = { first: f, all: [f], under: top };
    groups.push(fresh);
    if (key !== null) byKey.set(key, fresh);
  }
  // Groups too small to be worth folding go back to one entry per finding, in order.
  return groups.flatMap((g) => (g.all.length >= GROUP_FROM ? [g] : g.all.map((f) => ({ first: f, all: [f], under: null }))));
}
