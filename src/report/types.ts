// What every reporter receives besides the report. Its own module so the reporters and the
// format map (index.ts) that imports them never import each other.
export interface ReporterMeta {
  version: string;
  homepage: string;
  /** ANSI colours (text format only). */
  color: boolean;
}
