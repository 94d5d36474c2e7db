// Public library API. Everything returns data; nothing prints.
import type { AnalyzeOptions, CommonOptions } from './pipeline/options.js';
import { setup } from './pipeline/setup.js';
import { buildReport } from './pipeline/report.js';
import { InputError } from './errors.js';
import type { ContextFS } from './fs/types.js';
import type { Report } from './types.js';
import type { BuildRecord, Prediction } from './pipeline/predict.js';

export type { AnalyzeOptions, CommonOptions } from './pipeline/options.js';
export type { PathVerdict } from './context/explain.js';
// Listing and explaining: their own module, so that `ctxcheck ls` and `why` load no analysis.
export { listContext, iterateContext, explain, type ListOptions, type Explanation } from './pipeline/list.js';
export type { ContextFS, DirEntry, EntryType, Stat } from './fs/types.js';
export type * from './types.js';
export { RULES } from './rules.js';
export { MemoryFS, type MemoryTree } from './fs/memory-fs.js';
export { InputError } from './errors.js';
export { IgnoreFileError } from './ignore/parse.js';
// What the CLI's gate is made of, for a program that runs its own: --fail-on, baselines and the
// reporters (each a pure function from a report to the text its format prints).
export { parseFailOn, failingFindings, type FailPolicy } from './cli/fail-on.js';
export { makeBaseline, readBaseline, applyBaseline, BASELINE_FILE, type Baseline } from './cli/baseline-file.js';
export { REPORTERS, FORMATS, type Format } from './report/index.js';
export type { ReporterMeta, SourceRoot } from './report/types.js';
export { renderText } from './report/text.js';
export { renderJson } from './report/json.js';
export { renderSarif } from './report/sarif.js';
export { renderMarkdown } from './report/markdown.js';
export { renderGithub } from './report/github.js';
export type { BuildRecord, Prediction, RecordInputs, RecordedBuild } from './pipeline/predict.js';
export { recordId } from './pipeline/record-id.js';
export type { ChangeKind, IgnoreAdvice, PathChange, PredictedStatus, PredictedStep, Reason, Snapshot, SnapshotStage, SnapshotStep, StoredKeys } from './analyzers/cache-predict.js';

/** Analyse a build context: sizes, largest files and directories, findings. */
export async function analyze(options: AnalyzeOptions = {}, fs?: ContextFS): Promise<Report> {
  return buildReport(setup(options, fs), options);
}

/**
 * The state a build used, to predict the next one from (`predict`): run it right after the
 * build. Pass the previous record of the same build to keep its builds' cache keys (the builder
 * keeps earlier builds too) and reuse its stat cache. Store it outside the context.
 */
export async function record(options: CommonOptions = {}, previous: BuildRecord | null = null, fs?: ContextFS): Promise<BuildRecord> {
  // The prediction pipeline loads with the first record() or predict(), not with the library.
  const { recordBuild } = await import('./pipeline/predict.js');
  return recordBuild(options, previous, fs);
}

export interface PredictOptions extends CommonOptions {
  /** The record of the last build (from `record`). */
  record?: BuildRecord;
  /** Compare with the build of this git ref instead (both sides as fresh checkouts). */
  against?: string;
}

/** Per cache step of the next build: rebuild, cached or uncertain, and why. */
export async function predict(options: PredictOptions, fs?: ContextFS): Promise<Prediction> {
  const { record: rec, against, ...opts } = options;
  const { predictFromRecord, predictFromRef } = await import('./pipeline/predict.js');
  if (against !== undefined) {
    if (fs !== undefined) throw new InputError('predict --against reads the git repository: it needs the context on disk');
    return predictFromRef(opts, against);
  }
  if (rec === undefined) throw new InputError('predict needs a build record (from record()) or a git ref to compare with (against)');
  return predictFromRecord(opts, rec, fs);
}
