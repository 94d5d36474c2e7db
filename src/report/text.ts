// The human report: what is sent, what is heaviest, what looks wrong.
import { humanSize } from '../units.js';
import type { DirSize, Report } from '../types.js';

function depth(p: string): number {
  return p.split('/').length;
}

function treeLines(dirs: readonly DirSize[], total: number): string[] {
  const lines: string[] = [];
  const childrenOf = (parent: string | null): DirSize[] =>
    dirs.filter((d) => (parent === null ? depth(d.path) === 1 : d.path.startsWith(`${parent}/`) && depth(d.path) === depth(parent) + 1));
  const pct = (b: number): string => (total > 0 ? `${((b / total) * 100).toFixed(1)}%` : '-');
  const visit = (parent: string | null, prefix: string, level: number): void => {
    const kids = childrenOf(parent).slice(0, level === 0 ? 6 : 3);
    kids.forEach((d, i) => {
      const last = i === kids.length - 1;
      const name = parent === null ? d.path : d.path.slice(parent.length + 1);
      lines.push(`${prefix}${last ? '└─' : '├─'} ${name}/  ${humanSize(d.bytes)}  ${pct(d.bytes)}  (${d.files} files)`);
      if (level < 2) visit(d.path, prefix + (last ? '   ' : '│  '), level + 1);
    });
  };
  visit(null, '  ', 0);
  return lines;
}

export function renderText(r: Report): string {
  const s = r.summary;
  const out: string[] = [];
  out.push(`Build context ${r.context} (${r.builder})`);
  out.push(`  Dockerfile:   ${r.dockerfile ?? '(none found)'}`);
  out.push(`  Ignore file:  ${r.ignoreFile ?? '(none: everything is sent)'}`);
  out.push('');
  out.push(`  Sent:     ${s.files} files, ${humanSize(s.bytes)} (${s.bytes} bytes); legacy tar ${humanSize(s.tarBytes)} (${s.tarBytes} bytes)`);
  out.push(`  Excluded: ${s.excludedFiles} files, ${humanSize(s.excludedBytes)} (${s.excludedBytes} bytes)`);
  if (r.largestFiles.length > 0) {
    out.push('');
    out.push('Largest files');
    const w = Math.max(...r.largestFiles.map((f) => humanSize(f.bytes).length));
    for (const f of r.largestFiles) out.push(`  ${humanSize(f.bytes).padStart(w)}  ${f.path}`);
  }
  const tree = treeLines(r.heaviestDirs, s.bytes);
  if (tree.length > 0) {
    out.push('');
    out.push('Heaviest directories');
    out.push(...tree);
  }
  out.push('');
  if (r.findings.length === 0) {
    out.push('No findings.');
  } else {
    out.push(`Findings (${r.findings.length})`);
    for (const f of r.findings) {
      out.push(`  ${f.severity.padEnd(7)} ${f.rule.padEnd(12)} ${f.message}`);
      if (f.fix) out.push(`  ${''.padEnd(7)} ${''.padEnd(12)} fix: ${f.rule === 'large-file' ? `add "${f.fix}" to the ignore file` : f.fix}`);
    }
  }
  return out.join('\n') + '\n';
}
