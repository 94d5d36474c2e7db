// Where a finding points in the repository: the file and line a reader (or GitHub code
// scanning) should open. A report's paths are relative to the directory ctxcheck ran in (or
// absolute when outside it); SARIF and GitHub annotations re-anchor them at the repository
// root, the only base code scanning and the Actions runner resolve against.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Report } from '../types.js';
import type { SourceRoot } from './types.js';

export interface Location {
  /** Relative posix path (or absolute when outside the working directory). */
  file: string;
  line: number;
}

function underContext(report: Report, p: string): string {
  return report.context === '.' ? p : path.posix.join(report.context, p);
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

/** A report path placed in the repository: relative to its root (posix), or absolute outside it. */
export type RepoPath = { inRepo: true; path: string } | { inRepo: false; path: string };

export function repoPath(file: string, source: SourceRoot | undefined): RepoPath {
  if (!source) return path.posix.isAbsolute(file) ? { inRepo: false, path: file } : { inRepo: true, path: file };
  const abs = path.resolve(source.cwd, file);
  if (source.repoRoot !== null) {
    const rel = path.relative(source.repoRoot, abs);
    if (rel === '') return { inRepo: true, path: '.' };
    if (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel)) return { inRepo: true, path: rel.split(path.sep).join('/') };
  }
  return { inRepo: false, path: abs };
}

/**
 * A SARIF artifactLocation: a repository-relative URI reference against %SRCROOT%, or an
 * absolute file:// URI with no uriBaseId (SARIF 2.1.0 §3.4.3: a uriBaseId only goes with a
 * relative reference, which must not start with "/").
 */
export function artifactLocation(file: string, source: SourceRoot | undefined): { uri: string; uriBaseId?: string } {
  const p = repoPath(file, source);
  if (!p.inRepo) return { uri: pathToFileURL(p.path).href };
  // encodeURI leaves "#" and "?" alone, which would end the path part of the reference.
  return { uri: encodeURI(p.path).replace(/#/g, '%23').replace(/\?/g, '%3F'), uriBaseId: SRCROOT };
}

export const SRCROOT = '%SRCROOT%';
