// Pipeline step 3: turn the walk into a Report — sizes, the transfer set, each Dockerfile step's
// inputs, and every analyzer's findings, fingerprinted and sorted. Nothing here prints.
//
//   setup (setup.ts) -> walk (walk.ts) -> analyzers (../analyzers/, churn.ts) -> Report
import * as path from 'node:path';
import { sha256Hex } from '../util/sha256.js';
import { NodeFS } from '../fs/node-fs.js';
import { displayPath } from '../context/inputs.js';
import { matcherFor } from '../context/matcher-for.js';
import type { WalkResult } from '../context/walk.js';
import type { EntryStore } from '../context/entry-store.js';
import { dirSizes, implicitDirs, largest, sentEntries, sentTotals, sizesOf } from '../context/sizes.js';
import type { FileSet, PathLookup } from '../dockerfile/copy-sources.js';
import { analyzeUses, fsIndex, type UsesAnalysis } from '../analyzers/dockerfile-uses.js';
import { dropIntendedVcs, lintIgnore } from '../analyzers/ignore-lint.js';
import { scanSecrets, type ScanResult } from '../analyzers/secrets/index.js';
import type { ChurnGroup } from '../analyzers/churn.js';
import { dockerfileFindings, secretFindings } from '../analyzers/findings.js';
import { contextPlacer } from '../analyzers/secret-placement.js';
import { abortedWalkFindings, largeFindings, problemFindings, specialFindings } from '../analyzers/walk-findings.js';
import { gitStatus, type GitStatus } from '../git.js';
import { compareBytes, isOwnFile } from '../paths.js';
import { CATEGORIES } from '../rules.js';
import type { Finding, Report, SuppressedFinding } from '../types.js';
import { DEFAULT_LARGE, type AnalyzeOptions } from './options.js';
import type { Setup } from './setup.js';
import { contextWalk, tarBytesFor, transferWalk, walkKey, type SharedWork } from './walk.js';
import { churnAnalysis } from './churn.js';

/**
 * A stable identity for baselines: what the finding is about, not where it sits today (line
 * numbers shift as files change, so they are left out).
 */
export function fingerprint(f: Finding): string {
  const parts = [f.rule, f.path ?? '', f.dockerfile?.path ?? '', f.ignore?.pattern ?? ''];
  return sha256Hex(parts.join('\0')).slice(0, 16);
}

const SEVERITY_ORDER = { error: 0, warning: 1, note: 2 } as const;

/** Most severe first, then by category (secrets first), then by path. */
export function sortFindings(findings: Finding[]): void {
  const cat = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]));
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      cat.get(a.category)! - cat.get(b.category)! ||
      compareBytes(a.path ?? '', b.path ?? '') ||
      (a.dockerfile?.line ?? 0) - (b.dockerfile?.line ?? 0) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}

function sumSizes(files: FileSet, sizes: PathLookup<number>): number {
  if (files.bytes) return files.bytes();
  let n = 0;
  for (const f of files) n += sizes.get(f) ?? 0;
  return n;
}

/** The scan result when the secret scan is turned off. */
const NO_SCAN: ScanResult = { hits: [], allowed: [], scannedFiles: 0, scannedBytes: 0, skippedBinary: 0, truncatedFiles: 0, readErrors: 0 };

/** A fix reads as a sentence in every format: capital first letter, final full stop. */
export function fixSentence(fix: string): string {
  const t = fix.trim();
  if (t === '') return t;
  const first = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** Sources that take the whole context: excluding one file from them is what they are for. */
const WHOLE_CONTEXT = new Set(['.', './', '*', '/']);

/**
 * A large file that a COPY/ADD names (itself, or a directory or wildcard holding it, not the
 * whole context) is needed by the build: its fix must not say "exclude it", which would make
 * that step fail or lose the file.
 */
function keepNeededLargeFiles(findings: Finding[], uses: UsesAnalysis): void {
  for (const f of findings) {
    if (f.rule !== 'large-file' || f.path === undefined) continue;
    const use = uses.uses.find((u) => u.files.has(f.path!) && u.sources.some((src) => !WHOLE_CONTEXT.has(src)));
    if (!use) continue;
    f.fix = `line ${use.instr.line} (${use.instr.text}) copies it, so excluding it would break that step: keep it, or fetch it during the build (ADD <url>, RUN --mount) instead of sending it in the context`;
  }
}

export interface Analysis {
  report: Report;
  walk: WalkResult;
  uses: UsesAnalysis | null;
  churn: ChurnGroup[];
  git: GitStatus | null;
}

export async function runAnalysis(s: Setup, opts: AnalyzeOptions = {}, shared?: SharedWork): Promise<Analysis> {
  // git runs as a child process: start it first so it overlaps the walk.
  const gitPromise = opts.git === false || !(s.fs instanceof NodeFS) ? Promise.resolve(null) : gitStatus(s.inputs.contextDir).catch(() => null);
  const { walk, excluded: excludedTotals } = contextWalk(s, opts, shared);
  const store = walk.entries;
  const sent = sentTotals(store);
  const tarBytes = tarBytesFor(s, walk);
  const findings = [...problemFindings(walk), ...specialFindings(store, s.builder), ...largeFindings(store, opts.large ?? DEFAULT_LARGE)];
  findings.push(...abortedWalkFindings(walk));

  let uses: UsesAnalysis | null = null;
  let transfer: Report['transfer'] = null;
  let transferIndex: EntryStore | null = null;
  let steps: Report['steps'] = [];
  if (s.dockerfile) {
    const { model, label } = s.dockerfile;
    findings.push(...dockerfileFindings(model, label));
    uses = analyzeUses({ model, ...(s.target ? { target: s.target } : {}), dockerfileLabel: label, index: store, fs: s.fs, matcher: s.matcher, builder: s.builder, ignoreRules: s.inputs.ignoreRules, dockerfileRel: s.inputs.dockerfileRel });
    findings.push(...uses.findings);
    const sizes = sizesOf(walk);
    steps = uses.uses.map((u) => ({
      stage: u.stage,
      line: u.instr.line,
      instruction: u.instr.text,
      files: u.files.size,
      bytes: sumSizes(u.files, sizes),
    }));
    const t = transferWalk(s, walk, true);
    if (t) {
      transfer = { followPaths: t.follow, ...sentTotals(t.entries) };
      transferIndex = t.entries;
    }
  }
  // The secret scan starts before the wait for git: it does not need git's answer, and the thread
  // would otherwise idle until git exits (a git status of a big repository takes a while).
  const scanKey = `${walkKey(s)}:${opts.maxScanSize ?? ''}`;
  let scanning = opts.secrets === false ? Promise.resolve(NO_SCAN) : shared?.scans.get(scanKey);
  if (!scanning) {
    const onPhase = opts.onPhase;
    scanning = scanSecrets(sentEntries(store), s.fs, {
      ...(opts.maxScanSize !== undefined ? { maxScanSize: opts.maxScanSize } : {}),
      // What is sent bounds what is scanned: lets a big context start the scan workers at once.
      bytesHint: sent.bytes,
      ...(onPhase ? { onProgress: (done: number) => onPhase('scanning secrets', done, sent.files) } : {}),
    });
    shared?.scans.set(scanKey, scanning);
  }
  // Awaited below; until then a failure must not count as an unhandled rejection.
  scanning.catch(() => undefined);
  const git = await gitPromise;
  const churn = churnAnalysis(s, walk, uses, git);
  findings.push(...churn.findings);

  const scan = await scanning;
  const model = s.dockerfile?.model ?? null;
  const place = model ? contextPlacer({ model, ...(s.target ? { target: s.target } : {}), builder: s.builder, index: store, transfer: transferIndex, known: uses?.uses ?? [] }) : null;
  const secretCtx = { dockerfileLabel: s.dockerfile?.label ?? null, place, builder: s.builder, model };
  findings.push(...secretFindings(scan.hits, secretCtx));
  const allowedByComment: SuppressedFinding[] = secretFindings(scan.allowed, secretCtx).map((f) => ({ ...f, suppressedBy: 'comment' }));

  if (s.inputs.ignoreFile) {
    const ignoreRel = path.relative(s.inputs.contextDir, s.inputs.ignoreFile).split(path.sep).join('/');
    findings.push(
      ...lintIgnore({
        matcher: s.matcher,
        builder: s.builder,
        raw: s.inputs.ignoreRules,
        ruleHits: walk.ruleHits,
        ruleSamples: walk.ruleSamples,
        addedByCli: ['.dockerignore', ...(s.inputs.dockerfileRel ? [s.inputs.dockerfileRel] : [])],
        entries: store,
        rawIndex: fsIndex(s.fs),
        writtenMatcher: s.builder === 'buildkit' ? s.matcher : matcherFor('buildkit', s.inputs.ignoreRules, s.ignoreLabel ?? '', null),
        dockerfileRel: s.inputs.dockerfileRel,
        dockerfileLabel: s.dockerfile?.label ?? null,
        ignoreRel,
        uses: uses?.uses ?? [],
        text: s.inputs.ignoreText,
      }),
    );
  }
  dropIntendedVcs(findings, s.matcher);
  if (uses) keepNeededLargeFiles(findings, uses);
  const notOurs = findings.filter((f) => f.path === undefined || !isOwnFile(f.path));
  findings.splice(0, findings.length, ...notOurs);
  // Last: the count shares this thread with its worker once everything else is done.
  const excluded = await excludedTotals();
  for (const f of [...findings, ...allowedByComment]) {
    f.fingerprint ??= fingerprint(f);
    if (f.fix !== undefined) f.fix = fixSentence(f.fix);
  }
  sortFindings(findings);
  sortFindings(allowedByComment);
  const report: Report = {
    version: 1,
    context: displayPath(s.inputs.contextDir, s.cwd),
    builder: s.builder,
    dockerfile: s.dockerfile?.label ?? null,
    ignoreFile: s.ignoreLabel,
    target: s.target ?? null,
    summary: {
      files: sent.files,
      bytes: sent.bytes,
      tarBytes,
      excludedFiles: excluded.files,
      excludedBytes: excluded.bytes,
      dirs: store.length - sent.files - (s.builder === 'legacy' ? implicitDirs(store) : 0),
    },
    transfer,
    steps,
    largestFiles: largest(store),
    heaviestDirs: dirSizes(store),
    findings,
    suppressed: { comment: allowedByComment.length, config: 0, baseline: 0, findings: allowedByComment },
  };
  return { report, walk, uses, churn: churn.groups, git };
}

export async function buildReport(s: Setup, opts: AnalyzeOptions = {}): Promise<Report> {
  return (await runAnalysis(s, opts)).report;
}
