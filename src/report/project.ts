// Reporters for `--all`: one combined summary table and one exit code over every build.
import type { ProjectReport } from '../pipeline/project.js';
import { humanSize, count } from '../units.js';
import { annotations, notice, problemAnnotation } from './github.js';
import { repoPath } from './location.js';
import type { ReporterMeta } from './types.js';
import { renderMarkdown } from './markdown.js';
import { sarifLog } from './sarif.js';
import { renderText } from './text.js';

function table(p: ProjectReport): string[] {
  const rows = p.targets.map((t) => [
    t.name,
    String(t.summary.files),
    humanSize(t.summary.bytes),
    String(t.findings.filter((f) => f.category === 'secret').length),
    String(t.findings.filter((f) => f.rule === 'cache-bust').length),
    String(t.findings.filter((f) => f.severity === 'error').length),
  ]);
  const head = ['build', 'files', 'bytes', 'secrets', 'cache-busts', 'errors'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `  ${r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ')}`;
  return [line(head), ...rows.map(line)];
}

export function renderProjectText(p: ProjectReport, meta: ReporterMeta): string {
  const out: string[] = [];
  out.push(`Builds in ${p.root}: ${p.summary.targets} (${count(p.summary.walks, 'context walk')})`);
  out.push(`  Found: ${p.discovery.found.map((f) => `${f.file} (${f.kind})`).join(', ') || 'nothing'}`);
  out.push(...table(p));
  for (const pr of p.problems) out.push(`  error   ${pr.target ? `${pr.target}: ` : ''}${pr.file}${pr.line ? `:${pr.line}` : ''}: ${pr.message}`);
  if (p.discovery.skippedDirs.length > 0) out.push(`  Not searched: ${p.discovery.skippedDirs.join(', ')}`);
  const tpl = p.discovery.skippedTemplates;
  if (tpl.length > 0) out.push(`  Dockerfile templates not analysed: ${tpl.length} (${tpl.join(', ')})`);
  for (const t of p.targets) {
    out.push('');
    out.push(`== ${t.name} ==`);
    for (const n of t.notes) out.push(`  note: ${n}`);
    out.push(renderText(t, { ...meta, gate: undefined }).trimEnd());
  }
  return out.join('\n') + '\n';
}

export function renderProjectJson(p: ProjectReport): string {
  return JSON.stringify(p, null, 2) + '\n';
}

export function renderProjectSarif(p: ProjectReport, meta: ReporterMeta): string {
  return sarifLog(
    p.targets.flatMap((t) => [...t.findings, ...(t.suppressed.findings ?? [])].map((f) => [f, t] as const)),
    meta,
    `ctxcheck/${repoPath(p.root, meta.source).path}/all`,
  );
}

export function renderProjectGithub(p: ProjectReport, meta?: ReporterMeta): string {
  const lines = p.targets.flatMap((t) => annotations(t, meta?.source));
  for (const pr of p.problems) lines.push(problemAnnotation(pr.file, pr.line ?? 1, pr.message, meta?.source));
  lines.push(notice('ctxcheck', `${count(p.summary.targets, 'build')}: ${count(p.summary.errors, 'error')}, ${count(p.summary.warnings, 'warning')}`));
  return lines.join('\n') + '\n';
}

export function renderProjectMarkdown(p: ProjectReport): string {
  const out: string[] = [`## ctxcheck: ${count(p.summary.targets, 'build')} in \`${p.root}\``, ''];
  out.push('| build | files | bytes | secrets | cache busts | errors |', '|---|---:|---:|---:|---:|---:|');
  for (const t of p.targets) {
    const n = (pred: (f: (typeof t.findings)[number]) => boolean): number => t.findings.filter(pred).length;
    out.push(`| ${t.name} | ${t.summary.files} | ${humanSize(t.summary.bytes)} | ${n((f) => f.category === 'secret')} | ${n((f) => f.rule === 'cache-bust')} | ${n((f) => f.severity === 'error')} |`);
  }
  out.push('');
  for (const t of p.targets) out.push(renderMarkdown(t).replace(/^## ctxcheck: /, `### ${t.name}: `));
  return out.join('\n') + '\n';
}

export const PROJECT_REPORTERS = {
  text: renderProjectText,
  json: renderProjectJson,
  sarif: renderProjectSarif,
  markdown: renderProjectMarkdown,
  github: renderProjectGithub,
} as const satisfies Record<string, (p: ProjectReport, meta: ReporterMeta) => string>;
