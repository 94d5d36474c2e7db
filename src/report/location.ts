// Where a finding points in the repository: the file and line a reader (or GitHub code
// scanning) should open. Paths are relative to the directory ctxcheck ran in.
import { posix } from 'node:path';
import type { Finding, Report } from '../types.js';

export interface Location {
  /** Relative posix path (or absolute when outside the working directory). */
  file: string;
  line: number;
}

function underContext(report: Report, p: string): string {
  return report.context === '.' ? p : posix.join(report.context, p);
}

export function primaryLocation(f: Finding, report: Report): Location {
  if (f.category === 'ignore' && f.ignore) return { file: f.ignore.path, line: f.ignore.line };
  // A broken COPY, a cache-busting step or a Dockerfile problem is fixed in the Dockerfile.
  if (f.dockerfile && (f.category === 'copy' || f.category === 'cache' || f.category === 'dockerfile')) {
    return { file: f.dockerfile.path, line: f.dockerfile.line };
  }
  if (f.path !== undefined) return { file: underContext(report, f.path), line: f.line ?? 1 };
  if (f.dockerfile) return { file: f.dockerfile.path, line: f.dockerfile.line };
  if (f.ignore) return { file: f.ignore.path, line: f.ignore.line };
  return { file: report.dockerfile ?? report.ignoreFile ?? report.context, line: 1 };
}
