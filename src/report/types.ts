// What every reporter receives besides the report. Its own module so the reporters and the
// format map (index.ts) that imports them never import each other.
export interface ReporterMeta {
  version: string;
  homepage: string;
  /** ANSI colours (text format only). */
  color: boolean;
  /**
   * Where SARIF and annotation paths are anchored. Without it, a report's paths are used as they
   * are (relative ones against %SRCROOT%, absolute ones as file:// URIs).
   */
  source?: SourceRoot;
  /** Text format: wrap long lines to this many columns (the terminal's width; unset = no wrapping). */
  width?: number;
  /**
   * Text format: the gate's verdict for the first line, from the CLI's --fail-on (how many
   * findings fail it, and the spec as given); unset = the line gives only the counts.
   */
  gate?: { failing: number; spec: string };
  /** SARIF `automationDetails.id` category (GitHub code scanning's `category`); default `ctxcheck/<context>/<dockerfile>`. */
  category?: string;
}

export interface SourceRoot {
  /** The absolute directory the report's relative paths are relative to (where ctxcheck ran). */
  cwd: string;
  /**
   * The absolute repository root (`git rev-parse --show-toplevel`, or GITHUB_WORKSPACE in
   * GitHub Actions) paths are made relative to; null outside any repository.
   */
  repoRoot: string | null;
}
