// The human report: what is sent, what is heaviest, what looks wrong.
import { humanSize } from '../units.js';
import pc from 'picocolors';
import type { DirSize, Finding, Report } from '../types.js';
import type { ReporterMeta } from './types.js';
import { printableName } from '../fs/names.js';
import { suppressedBy, suppressedLine } from './suppressed.js';

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

type Colors = ReturnType<typeof pc.createColors>;

function findingLines(f: Finding, width: number, c: Colors): string[] {
  const where = f.line !== undefined && f.path ? `${printableName(f.path)}:${f.line} ` : '';
  const indent = ' '.repeat(2 + 8 + width + 1);
  const sev = f.severity === 'error' ? c.red : f.severity === 'warning' ? c.yellow : c.dim;
  const lines = [`  ${sev(f.severity.padEnd(7))} ${c.bold(f.rule.padEnd(width))} ${where}${f.message}`];
  if (f.excerpt) lines.push(`${indent}${f.excerpt}`);
  if (f.fix) lines.push(`${indent}${c.dim('fix:')} ${f.rule === 'large-file' ? `add "${f.fix}" to the ignore file` : f.fix}`);
  return lines;
}

export function renderText(r: Report, meta?: ReporterMeta): string {
  const c = pc.createColors(meta?.color ?? false);
  const s = r.summary;
  const out: string[] = [];
  out.push(c.bold(`Build context ${r.context} (${r.builder}${r.target ? `, target ${r.target}` : ''})`));
  out.push(`  Dockerfile:   ${r.dockerfile ?? '(none found)'}`);
  out.push(`  Ignore file:  ${r.ignoreFile ?? '(none: everything is sent)'}`);
  out.push('');
  out.push(`  Sent:     ${s.files} files, ${humanSize(s.bytes)} (${s.bytes} bytes); legacy tar ${humanSize(s.tarBytes)} (${s.tarBytes} bytes)`);
  out.push(`  Excluded: ${s.excludedFiles} files, ${humanSize(s.excludedBytes)} (${s.excludedBytes} bytes)`);
  if (r.transfer) {
    const scope = r.transfer.followPaths === null ? 'the whole context' : `${r.transfer.followPaths.length} source path(s)`;
    out.push(`  Transfer: ${r.transfer.files} files, ${humanSize(r.transfer.bytes)} (BuildKit sends only what the build uses: ${scope})`);
  }
  if (r.largestFiles.length > 0) {
    out.push('');
    out.push(c.bold('Largest files'));
    const w = Math.max(...r.largestFiles.map((f) => humanSize(f.bytes).length));
    for (const f of r.largestFiles) out.push(`  ${humanSize(f.bytes).padStart(w)}  ${printableName(f.path)}`);
  }
  const tree = treeLines(r.heaviestDirs, s.bytes);
  if (tree.length > 0) {
    out.push('');
    out.push(c.bold('Heaviest directories'));
    out.push(...tree);
  }
  const width = Math.max(12, ...r.findings.map((f) => f.rule.length));
  // Findings about a Dockerfile step are shown under that step.
  const stepLines = new Set(r.steps.map((st) => st.line));
  const byStep = new Map<number, Finding[]>();
  const general: Finding[] = [];
  for (const f of r.findings) {
    const line = f.dockerfile && f.dockerfile.path === r.dockerfile ? f.dockerfile.line : undefined;
    if (line !== undefined && stepLines.has(line)) {
      const list = byStep.get(line) ?? [];
      list.push(f);
      byStep.set(line, list);
    } else {
      general.push(f);
    }
  }
  if (r.steps.length > 0) {
    out.push('');
    out.push(c.bold('Dockerfile steps that read the context'));
    for (const st of r.steps) {
      out.push(`  line ${st.line}: ${st.instruction}  (${st.files} files, ${humanSize(st.bytes)})`);
      for (const f of byStep.get(st.line) ?? []) out.push(...findingLines(f, width, c).map((l) => `  ${l}`));
    }
  }
  out.push('');
  const total = r.findings.length;
  if (total === 0) {
    out.push('No findings.');
  } else {
    const counts = (['error', 'warning', 'note'] as const).map((sev) => [sev, r.findings.filter((f) => f.severity === sev).length] as const).filter(([, n]) => n > 0);
    out.push(`Findings: ${counts.map(([sev, n]) => `${n} ${sev}${n === 1 ? '' : 's'}`).join(', ')}`);
    for (const f of general) out.push(...findingLines(f, width, c));
  }
  const quiet = suppressedLine(r.suppressed);
  if (quiet !== null) {
    out.push('');
    out.push(c.dim(quiet));
    for (const f of r.suppressed.findings ?? []) out.push(...findingLines({ ...f, message: `${f.message} (${suppressedBy(f.suppressedBy)})` }, width, c).map((l) => c.dim(l)));
  }
  return out.join('\n') + '\n';
}
