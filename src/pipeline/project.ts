// `ctxcheck --all`: every build a repository defines (Dockerfiles, Compose services, Bake
// targets), each analysed with its own context, Dockerfile, target, args and ignore file, in one
// report with one exit code. Builds that share a context and ignore rules share one walk.
import * as path from 'node:path';
import type { AnalyzeOptions } from './options.js';
import { INLINE_DOCKERFILE, setup } from './setup.js';
import { sharedWork } from './walk.js';
import { runAnalysis } from './report.js';
import { discover, type BuildTarget, type Discovery } from '../project/index.js';
import { displayPath } from '../context/inputs.js';
import { InputError } from '../errors.js';
import { mapBounded } from '../util/map-bounded.js';
import type { Finding, Report } from '../types.js';

export interface TargetReport extends Report {
  /** 'service api (compose.yaml)', 'bake target web (docker-bake.json)', 'Dockerfile web/Dockerfile'. */
  name: string;
  kind: BuildTarget['kind'];
  source: { file: string; line?: number };
  notes: string[];
  /** Set when ctxcheck chose the context of a Dockerfile found by name from its COPY sources. */
  contextChoice?: BuildTarget['contextChoice'];
}

export interface ProjectSummary {
  targets: number;
  /** Distinct context walks done (builds sharing a context and ignore rules share one). */
  walks: number;
  errors: number;
  warnings: number;
  secrets: number;
  cacheBusts: number;
}

export interface ProjectReport {
  /** Tells it from a one-build Report (which has no kind): the JSON schema's discriminator. */
  kind: 'project';
  version: 1;
  /** The directory searched, relative to where ctxcheck ran. */
  root: string;
  summary: ProjectSummary;
  targets: TargetReport[];
  /** Build definitions that could not be analysed, and files that could not be read. */
  problems: { target?: string; file: string; line?: number; message: string }[];
  discovery: { found: { file: string; kind: string }[]; skippedTemplates: string[]; skippedDirs: string[]; notes: { file: string; line?: number; message: string }[] };
}

export interface ProjectOptions extends AnalyzeOptions {
  composeFiles?: string[];
}

// Builds are analysed a few at a time: the walks themselves are synchronous, but git and the
// secret scan's reads overlap.
const CONCURRENCY = 4;


export async function analyzeProject(rootArg: string, opts: ProjectOptions = {}): Promise<ProjectReport> {
  const cwd = opts.cwd ?? process.cwd();
  const root = path.resolve(cwd, rootArg);
  const found: Discovery = await discover(root, opts.composeFiles ? { composeFiles: opts.composeFiles } : {});
  const shared = sharedWork();
  const rel = (abs: string): string => displayPath(abs, cwd);
  const problems: ProjectReport['problems'] = found.errors.map((e) => ({ file: rel(e.file), ...(e.line !== undefined ? { line: e.line } : {}), message: e.message }));

  // A Dockerfile some Compose service or Bake target builds is audited as that build only: its
  // own directory is rarely its real context (e.g. docker/api.Dockerfile built from the root).
  const definedElsewhere = new Set(found.targets.filter((t) => t.kind !== 'dockerfile' && t.dockerfile).map((t) => t.dockerfile));
  const builds = found.targets.filter((t) => t.kind !== 'dockerfile' || !definedElsewhere.has(t.dockerfile));
  const results = await mapBounded(builds, CONCURRENCY, async (t): Promise<TargetReport | null> => {
    const target = t.target ?? opts.target;
    const buildArgs = { ...(opts.buildArgs ?? {}), ...t.args };
    try {
      const s = setup(
        {
          context: t.context,
          cwd,
          ...(opts.builder ? { builder: opts.builder } : {}),
          ...(t.dockerfile ? { dockerfile: t.dockerfile } : {}),
          ...(t.dockerfileInline !== null ? { dockerfileInline: t.dockerfileInline } : {}),
          ...(target ? { target } : {}),
          buildArgs,
        },
      );
      const a = await runAnalysis(s, opts, shared);
      const source = { file: rel(t.source.file), ...(t.source.line !== undefined ? { line: t.source.line } : {}) };
      // An inline Dockerfile lives in the Compose file: point its findings there.
      const findings: Finding[] = a.report.findings.map((f) =>
        f.dockerfile?.path === INLINE_DOCKERFILE ? { ...f, dockerfile: { path: source.file, line: source.line ?? 1 } } : f,
      );
      return { ...a.report, findings, name: t.name, kind: t.kind, source, notes: t.notes, ...(t.contextChoice ? { contextChoice: t.contextChoice } : {}) };
    } catch (err) {
      if (!(err instanceof InputError || (err as Error).name === 'IgnoreFileError')) throw err;
      problems.push({ target: t.name, file: rel(t.source.file), ...(t.source.line !== undefined ? { line: t.source.line } : {}), message: (err as Error).message });
      return null;
    }
  });
  const targets = results.filter((r): r is TargetReport => r !== null);
  const all = targets.flatMap((t) => t.findings);
  return {
    kind: 'project',
    version: 1,
    root: rel(root),
    summary: {
      targets: targets.length,
      walks: shared.walkCount,
      errors: all.filter((f) => f.severity === 'error').length + problems.length,
      warnings: all.filter((f) => f.severity === 'warning').length,
      secrets: all.filter((f) => f.category === 'secret').length,
      cacheBusts: all.filter((f) => f.rule === 'cache-bust').length,
    },
    targets,
    problems,
    discovery: {
      found: found.found.map((f) => ({ file: rel(f.file), kind: f.kind })),
      skippedTemplates: found.skippedTemplates.map(rel),
      skippedDirs: found.skippedDirs.map(rel),
      notes: found.notes.map((n) => ({ file: rel(n.file), ...(n.line !== undefined ? { line: n.line } : {}), message: n.message })),
    },
  };
}
