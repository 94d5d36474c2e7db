// Public shapes of ctxcheck's results. `Report` is exactly what `--format json` prints.
import type { Builder } from './context/builders.js';
import type { Category, RuleId, Severity } from './rules.js';

export type { Builder } from './context/builders.js';
export type { Category, RuleId, Severity } from './rules.js';

export interface Finding {
  rule: RuleId;
  category: Category;
  severity: Severity;
  /** Context-relative path the finding is about. */
  path?: string;
  message: string;
  /** Suggested remedy, e.g. an ignore rule to add. */
  fix?: string;
}

export interface Summary {
  /** Non-directory entries sent (files, symlinks, special files). */
  files: number;
  /** Their bytes (a symlink counts its own size). */
  bytes: number;
  /** Exact length of the uncompressed tar the legacy docker CLI would stream. */
  tarBytes: number;
  excludedFiles: number;
  excludedBytes: number;
  /** Directories in the context (including parents of re-included files). */
  dirs: number;
}

export interface SizedPath {
  path: string;
  bytes: number;
}

export interface DirSize extends SizedPath {
  files: number;
}

export interface Report {
  version: 1;
  context: string;
  builder: Builder;
  dockerfile: string | null;
  ignoreFile: string | null;
  summary: Summary;
  /** The 10 largest files sent. */
  largestFiles: SizedPath[];
  /** Every directory with its recursive size, heaviest first (capped). */
  heaviestDirs: DirSize[];
  findings: Finding[];
}
