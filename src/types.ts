// Public shapes of ctxcheck's results. `Report` is exactly what `--format json` prints.
import type { Builder } from './context/builders.js';
import type { Category, RuleId, Severity } from './rules.js';

export type { Builder } from './context/builders.js';
export type { Category, RuleId, Severity } from './rules.js';

/**
 * Where a secret file goes when the build runs (most exposed last):
 * - `not-sent`: outside BuildKit's transfer set; the file never leaves the machine.
 * - `sent`: in the context the builder receives, but no built COPY/ADD takes it in.
 * - `legacy-stage`: copied into a stage the target does not need: only the legacy builder
 *   builds it, and its intermediate images keep the file in the local image store.
 * - `build-stage`: copied into a stage the build needs, but not carried into the final image.
 * - `maybe-final-image`: a RUN in a stage holding it could have moved it into what a
 *   COPY --from carries into the final image (or where it sits there cannot be known).
 * - `final-image`: in a layer of the final image.
 */
export type SecretPlacement = 'not-sent' | 'sent' | 'legacy-stage' | 'build-stage' | 'maybe-final-image' | 'final-image';

export interface Finding {
  rule: RuleId;
  category: Category;
  severity: Severity;
  /** Context-relative path the finding is about. */
  path?: string;
  /** 1-based line in `path`, for content findings. */
  line?: number;
  message: string;
  /** Suggested remedy, e.g. an ignore rule to add. */
  fix?: string;
  /** The Dockerfile instruction involved. */
  dockerfile?: { path: string; line: number };
  /** cache-bust: Dockerfile lines of the RUN steps that rerun when the cache breaks at `dockerfile.line`. */
  reruns?: number[];
  /** The ignore-file rule involved. */
  ignore?: { path: string; line: number; pattern: string };
  /** Masked evidence (never a whole secret). */
  excerpt?: string;
  /** Secret findings with a Dockerfile: where the file goes when this build runs. */
  placement?: SecretPlacement;
  /** Stable identity for baselines. */
  fingerprint?: string;
}

/**
 * What silenced a finding: a `ctxcheck:allow` comment on or above the secret's line, the
 * configuration's `allow` list, or the baseline file.
 */
export type SuppressedBy = 'comment' | 'config' | 'baseline';

export interface SuppressedFinding extends Finding {
  suppressedBy: SuppressedBy;
}

/**
 * Findings kept out of `findings` (they never fail the gate), counted by what silenced them.
 * `findings` lists them only when asked for (`--show-suppressed`; the library always fills it).
 */
export interface Suppressed {
  comment: number;
  config: number;
  baseline: number;
  findings?: SuppressedFinding[];
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

export interface TransferSummary {
  /** BuildKit's FollowPaths for this Dockerfile and target; null = the whole context. */
  followPaths: string[] | null;
  files: number;
  bytes: number;
}

export interface StepSummary {
  stage: number;
  line: number;
  instruction: string;
  /** Context files this step takes in, and their bytes. */
  files: number;
  bytes: number;
}

export interface Report {
  version: 1;
  context: string;
  builder: Builder;
  dockerfile: string | null;
  ignoreFile: string | null;
  /** The --target stage analysed (null = the last stage). */
  target: string | null;
  summary: Summary;
  /** What BuildKit transfers for this Dockerfile (only the paths its stages use); null without a Dockerfile. */
  transfer: TransferSummary | null;
  /** The Dockerfile steps that read the context, in order. */
  steps: StepSummary[];
  /** The 10 largest files sent. */
  largestFiles: SizedPath[];
  /** Every directory with its recursive size, heaviest first (capped). */
  heaviestDirs: DirSize[];
  findings: Finding[];
  suppressed: Suppressed;
}
