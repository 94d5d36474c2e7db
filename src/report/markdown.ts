// Markdown for PR comments and job summaries.
import { humanSize } from '../units.js';
import type { Report } from '../types.js';
import { primaryLocation } from './location.js';
import { suppressedLine } from './suppressed.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(`## ctxcheck: \`${report.context}\` (${report.builder})`);
  out.push('');
  out.push('| | files | bytes |');
  out.push('|---|---:|---:|');
  out.push(`| sent | ${s.files} | ${humanSize(s.bytes)} |`);
  out.push(`| excluded | ${s.excludedFiles} | ${humanSize(s.excludedBytes)} |`);
  if (report.transfer) out.push(`| BuildKit transfer | ${report.transfer.files} | ${humanSize(report.transfer.bytes)} |`);
  out.push(`| legacy tar | | ${humanSize(s.tarBytes)} |`);
  out.push('');
  out.push(`Dockerfile: ${report.dockerfile ? `\`${report.dockerfile}\`` : '_none_'} · Ignore file: ${report.ignoreFile ? `\`${report.ignoreFile}\`` : '_none_'}`);
  out.push('');
  if (report.findings.length === 0) {
    out.push('No findings.');
  } else {
    out.push('| severity | rule | where | message |');
    out.push('|---|---|---|---|');
    for (const f of report.findings) {
      const loc = primaryLocation(f, report);
      out.push(`| ${f.severity} | \`${f.rule}\` | \`${cell(loc.file)}:${loc.line}\` | ${cell(f.message)}${f.fix ? ` — fix: ${cell(f.fix)}` : ''} |`);
    }
  }
  const quiet = suppressedLine(report.suppressed);
  if (quiet !== null) out.push('', `_${quiet}_`);
  return out.join('\n') + '\n';
}
