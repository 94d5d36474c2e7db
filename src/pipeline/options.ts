// What a caller can ask of an analysis: the inputs every command shares (context, Dockerfile,
// ignore file, builder, target, build args) and the knobs only the full report uses.
import type { Builder } from '../context/builders.js';

export interface CommonOptions {
  /** Context directory (default "."). */
  context?: string;
  /** Dockerfile path, relative to `cwd` like `docker build -f`. */
  dockerfile?: string;
  /** Ignore file to use instead of the builder's choice. */
  ignoreFile?: string;
  builder?: Builder;
  /** Base for relative paths (default process.cwd()). */
  cwd?: string;
  /** Stage to build (`docker build --target`); default the last stage. */
  target?: string;
  /** `--build-arg` values, used in COPY/ADD sources. */
  buildArgs?: Record<string, string>;
  /** Use this text as the ignore file's content (simulate a proposed ignore file). */
  ignoreText?: string;
  /** Dockerfile content given inline (Compose `dockerfile_inline`). */
  dockerfileInline?: string;
}

export interface AnalyzeOptions extends CommonOptions {
  /** Files at or above this many bytes get a `large-file` finding (default 10 MB). */
  large?: number;
  /** Bytes of each file the secret scan reads (default 1 MB). */
  maxScanSize?: number;
  /** Ask git which files it ignores or does not track (default true when the context is on disk). */
  git?: boolean;
  /** Progress callback: entries seen so far. */
  onProgress?: (seen: number) => void;
  /**
   * Progress by phase, for a progress line: 'walking' (entries seen so far), 'scanning secrets'
   * (files scanned of `total`). Called when a phase starts, as it advances and when it ends.
   */
  onPhase?: PhaseProgress;
  /** Read the sent files for secrets (default true); without it, no secret findings. */
  secrets?: boolean;
}

export const DEFAULT_LARGE = 10_000_000;

/** See AnalyzeOptions.onPhase. */
export type PhaseProgress = (phase: 'walking' | 'scanning secrets' | 'replaying history', done: number, total?: number) => void;
