// The human report: a one-line verdict, the findings most serious first, then what is sent and
// what is heaviest.
import { count, humanSize, thousands } from '../units.js';
import pc from 'picocolors';
import type { DirSize, Finding, Report } from '../types.js';
import type { ReporterMeta } from './types.js';
import { printableName } from '../fs/names.js';
import { suppressedBy, suppressedLine } from './suppressed.js';
import { groupFindings, wrap, type FindingGroup } from './text-layout.js';

type Colors = ReturnType<typeof pc.createColors>;

function depth(p: string): number {
  return p.split('/').length;
}

/** Directories below this share of the bytes sent are left out of the tree. */
const MIN_SHARE = 0.01;
/** VCS data: shown as one line, never opened (its inner layout says nothing about the build). */
const COLLAPSED = new Set(['.git', '.hg', '.svn']);

function treeLines(dirs: readonly DirSize[], total: number): string[] {
  const lines: string[] = [];
  const shown = dirs.filter((d) => total > 0 && d.bytes / total >= MIN_SHARE);
  const childrenOf = (parent: string | null): DirSize[] =>
    shown.filter((d) => (parent === null ? depth(d.path) === 1 : d.path.startsWith(`${parent}/`) && depth(d.path) === depth(parent) + 1));
  const pct = (b: number): string => `${((b / total) * 100).toFixed(1)}%`;
  const visit = (parent: string | null, prefix: string, level: number): void => {
    const kids = childrenOf(parent).slice(0, level === 0 ? 6 : 3);
    kids.forEach((d, i) => {
      const last = i === kids.length - 1;
      const name = parent === null ? d.path : d.path.slice(parent.length + 1);
      lines.push(`${prefix}${last ? '└─' : '├─'} ${name}/  ${humanSize(d.bytes)}  ${pct(d.bytes)}  (${count(d.files, 'file')})`);
      if (level < 2 && !COLLAPSED.has(name)) visit(d.path, prefix + (last ? '   ' : '│  '), level + 1);
    });
  };
  visit(null, '  ', 0);
  const hidden = dirs.filter((d) => depth(d.path) === 1 && !shown.includes(d)).length;
  if (lines.length > 0 && hidden > 0) lines.push(`  (${count(hidden, 'smaller directory', 'smaller directories')} under 1% not shown)`);
  return lines;
}

/**
 * Where a finding points: the Dockerfile line for COPY, Dockerfile and cache findings (their path
 * is a source the line names, or the churning directory its message opens with); otherwise the
 * file (and line) it is about, else the ignore-file line.
 */
function where(f: Finding): string {
  const byLine = f.dockerfile && (f.category === 'copy' || f.category === 'dockerfile' || f.category === 'cache');
  if (byLine) return `${f.dockerfile!.path}:${f.dockerfile!.line}`;
  if (f.path !== undefined) return `${printableName(f.path)}${f.line !== undefined ? `:${f.line}` : ''}`;
  if (f.dockerfile) return `${f.dockerfile.path}:${f.dockerfile.line}`;
  if (f.ignore) return `${f.ignore.path}:${f.ignore.line}`;
  return '';
}

function groupLines(g: FindingGroup, width: number, c: Colors, cols: number | undefined, note?: string): string[] {
  const f = g.first;
  const indent = 2 + 8 + width + 1;
  const pad = ' '.repeat(indent);
  const sev = f.severity === 'error' ? c.red : f.severity === 'warning' ? c.yellow : c.dim;
  const at = where(f);
  const many = g.all.length > 1;
  const head = many ? `${count(g.all.length, 'finding')} under ${printableName(g.under ?? '')}/, e.g. ${at}: ${f.message}` : `${at ? `${at}: ` : ''}${f.message}`;
  const body = wrap(`${head}${note ? ` (${note})` : ''}`, indent, indent, cols);
  const lines = [`  ${sev(f.severity.padEnd(7))} ${c.bold(f.rule.padEnd(width))} ${body[0]}`, ...body.slice(1)];
  if (many) {
    const others = g.all.slice(1, 4).map((x) => where(x));
    const more = g.all.length - 1 - others.length;
    lines.push(...wrap(`${c.dim('also:')} ${others.join(', ')}${more > 0 ? `, and ${thousands(more)} more` : ''}`, indent, indent, cols).map((l, i) => (i === 0 ? `${pad}${l}` : l)));
  }
  if (f.excerpt) lines.push(`${pad}${f.excerpt}`);
  if (f.fix) lines.push(...wrap(`${c.dim(many ? 'fix, for each:' : 'fix:')} ${f.fix}`, indent, indent + 5, cols).map((l, i) => (i === 0 ? `${pad}${l}` : l)));
  return lines;
}

function countsText(findings: readonly Finding[]): string {
  const counts = (['error', 'warning', 'note'] as const).map((sev) => [sev, findings.filter((f) => f.severity === sev).length] as const).filter(([, n]) => n > 0);
  return counts.length === 0 ? 'no findings' : counts.map(([sev, n]) => count(n, sev)).join(', ');
}

/** First line: pass or fail (with the CLI's gate), the counts, and what was analysed. */
function verdict(r: Report, c: Colors, meta: ReporterMeta | undefined): string {
  const what = `${r.context} (${r.builder}${r.target ? `, target ${r.target}` : ''})`;
  const counts = countsText(r.findings);
  if (!meta?.gate) return c.bold(`ctxcheck ${what}: ${counts}`);
  const g = meta.gate;
  const word = g.failing > 0 ? c.red(c.bold('FAIL')) : c.green(c.bold('PASS'));
  const why = g.failing > 0 ? `${thousands(g.failing)} fail${g.failing === 1 ? 's' : ''} --fail-on ${g.spec}` : `none fails --fail-on ${g.spec}`;
  return `${word} ${c.bold(what)}: ${counts}${r.findings.length > 0 ? ` (${why})` : ''}`;
}

export function renderText(r: Report, meta?: ReporterMeta): string {
  const c = pc.createColors(meta?.color ?? false);
  const cols = meta?.width;
  const s = r.summary;
  const out: string[] = [];
  out.push(verdict(r, c, meta));
  out.push(`  Dockerfile:   ${r.dockerfile ?? '(none found)'}`);
  out.push(`  Ignore file:  ${r.ignoreFile ?? '(none: everything is sent)'}`);
  out.push(`  Sent:     ${count(s.files, 'file')}, ${humanSize(s.bytes)} (${count(s.bytes, 'byte')}); legacy tar ${humanSize(s.tarBytes)} (${count(s.tarBytes, 'byte')})`);
  out.push(`  Excluded: ${count(s.excludedFiles, 'file')}, ${humanSize(s.excludedBytes)} (${count(s.excludedBytes, 'byte')})`);
  if (r.transfer) {
    const scope = r.transfer.followPaths === null ? 'the whole context' : count(r.transfer.followPaths.length, 'source path');
    out.push(`  Transfer: ${count(r.transfer.files, 'file')}, ${humanSize(r.transfer.bytes)} (BuildKit sends only what the build uses: ${scope})`);
  }

  const groups = groupFindings(r.findings);
  const width = Math.max(12, ...r.findings.map((f) => f.rule.length), ...(r.suppressed.findings ?? []).map((f) => f.rule.length));
  if (groups.length > 0) {
    out.push('');
    out.push(c.bold('Findings, most serious first'));
    for (const g of groups) out.push(...groupLines(g, width, c, cols));
  }
  const quiet = suppressedLine(r.suppressed);
  if (quiet !== null) {
    out.push('');
    out.push(c.dim(quiet));
    for (const f of r.suppressed.findings ?? []) out.push(...groupLines({ first: f, all: [f], under: null }, width, c, cols, suppressedBy(f.suppressedBy)).map((l) => c.dim(l)));
  }

  if (r.steps.length > 0) {
    // Findings about a step are listed above; here each step says how many point at it.
    const atLine = new Map<number, number>();
    for (const f of r.findings) if (f.dockerfile && f.dockerfile.path === r.dockerfile) atLine.set(f.dockerfile.line, (atLine.get(f.dockerfile.line) ?? 0) + 1);
    out.push('');
    out.push(c.bold('Dockerfile steps that read the context'));
    for (const st of r.steps) {
      const n = atLine.get(st.line);
      out.push(`  line ${st.line}: ${st.instruction}  (${count(st.files, 'file')}, ${humanSize(st.bytes)})${n ? `  ${count(n, 'finding')}` : ''}`);
    }
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
  return out.join('\n') + '\n';
}
