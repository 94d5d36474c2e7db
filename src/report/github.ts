// GitHub Actions workflow commands: one annotation per finding, shown on the PR diff.
import { count } from '../units.js';
import type { Report } from '../types.js';
import { primaryLocation, repoPath } from './location.js';
import type { ReporterMeta, SourceRoot } from './types.js';

// Escaping rules of the Actions toolkit (issueCommand): data and property values differ.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProp = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

// The runner resolves `file=` against GITHUB_WORKSPACE: a repository-relative path.
const fileProp = (file: string, source: SourceRoot | undefined): string => escapeProp(repoPath(file, source).path);

export function annotations(report: Report, source?: SourceRoot): string[] {
  return report.findings.map((f) => {
    const loc = primaryLocation(f, report);
    const command = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const text = f.fix ? `${f.message}. Fix: ${f.fix}` : f.message;
    return `::${command} file=${fileProp(loc.file, source)},line=${loc.line},title=${escapeProp(`ctxcheck ${f.rule}`)}::${escapeData(text)}`;
  });
}

export function problemAnnotation(file: string, line: number, message: string, source?: SourceRoot): string {
  return `::error file=${fileProp(file, source)},line=${line},title=ctxcheck::${escapeData(message.replace(/\r?\n/g, ' '))}`;
}

export function notice(title: string, text: string): string {
  return `::notice title=${escapeProp(title)}::${escapeData(text)}`;
}

export function renderGithub(report: Report, meta?: ReporterMeta): string {
  const lines = annotations(report, meta?.source);
  const s = report.summary;
  lines.push(`::notice title=ctxcheck::${escapeData(`${report.context}: ${count(s.files, 'file')}, ${count(s.bytes, 'byte')} sent; ${count(report.findings.length, 'finding')}`)}`);
  return lines.join('\n') + '\n';
}
