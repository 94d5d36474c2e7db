// GitHub Actions workflow commands: one annotation per finding, shown on the PR diff.
import type { Report } from '../types.js';
import { primaryLocation } from './location.js';

// Escaping rules of the Actions toolkit (issueCommand): data and property values differ.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProp = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function annotations(report: Report): string[] {
  return report.findings.map((f) => {
    const loc = primaryLocation(f, report);
    const command = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const text = f.fix ? `${f.message}. Fix: ${f.fix}` : f.message;
    return `::${command} file=${escapeProp(loc.file)},line=${loc.line},title=${escapeProp(`ctxcheck ${f.rule}`)}::${escapeData(text)}`;
  });
}

export function notice(title: string, text: string): string {
  return `::notice title=${escapeProp(title)}::${escapeData(text)}`;
}

export function renderGithub(report: Report): string {
  const lines = annotations(report);
  const s = report.summary;
  lines.push(`::notice title=ctxcheck::${escapeData(`${report.context}: ${s.files} files, ${s.bytes} bytes sent; ${report.findings.length} finding(s)`)}`);
  return lines.join('\n') + '\n';
}
