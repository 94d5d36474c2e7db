// The default command: report what `docker build` sends as its context and what is wrong with
// it, for one build or (with --all, or without a root Dockerfile) every build in the tree.
import type { CAC } from 'cac';
import { appendFileSync, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyConfig } from '../config.js';
import { atomicWrite } from '../atomic-write.js';
import { BASELINE_FILE, readBaseline, suppressBaseline, type Suppressible } from '../baseline-file.js';
import { failingFindings, parseFailOn } from '../fail-on.js';
import { common, composeFilesFlag, defaultBaseline, EXIT_FINDINGS, meta, projectConfig, withCommonFlags, type RawFlags } from '../common.js';
import { colorFlag, useColor } from '../color.js';
import { progressLine } from '../progress.js';
import { sourceRoot } from '../source-root.js';
import { InputError } from '../../errors.js';
import { FORMATS, type Format } from '../../report/formats.js';
import { DEFAULT_LARGE } from '../../pipeline/options.js';
import { defaultDockerfile } from '../../context/inputs.js';
import { parseSize } from '../../units.js';

/** Is there a Dockerfile where `docker build <dir>` would look for one? */
export function hasRootDockerfile(dir: string): boolean {
  const abs = resolve(dir);
  // A missing or non-directory context goes down the normal path, which reports it.
  return !existsSync(abs) || defaultDockerfile(abs) !== null || !statSync(abs).isDirectory();
}

export function registerReport(cli: CAC, out: NodeJS.WritableStream): void {
  withCommonFlags(cli.command('[context]', 'Report what docker build sends as its context, and what is wrong with it'))
    .option('--format <format>', `Output format: ${FORMATS.join(', ')} (default text; github inside GitHub Actions with --ci)`)
    .option('--large <size>', 'Size from which a sent file is reported as large (default 10MB)')
    .option('--fail-on <spec>', 'Exit 1 on findings at or above a severity, in categories, or of rules: a union, comma-separated or repeated (default error; none never fails)')
    .option('--max-scan-size <size>', 'Bytes of each file the secret scan reads (default 1MB)')
    .option('--ci', 'CI mode: annotations in GitHub Actions, job summary, exit 1 on failing findings')
    .option('--all', 'Audit every build in the tree: Dockerfiles, Compose services, Bake targets (automatic without a root Dockerfile)')
    .option('-c, --compose-file <file>', 'Compose file to read with --all (repeatable)')
    .option('--color', 'Colours even when stdout is not a terminal (--no-color: never; also FORCE_COLOR, NO_COLOR)')
    .option('-q, --quiet', 'No progress line on stderr')
    .option('-o, --output <file>', 'Write the report to a file instead of stdout')
    .option('--sarif-category <name>', 'SARIF automationDetails category, for several ctxcheck runs in one repository (default ctxcheck/<context>/<Dockerfile>)')
    .option('--show-suppressed', 'List the findings a baseline, the config allowlist or ctxcheck:allow comments silenced (they never fail the run)')
    .option('--redact', 'Show no character of a secret value (default: at most its first 4 characters)')
    .option('--baseline <file>', `Report only findings not in this baseline (default: ${BASELINE_FILE} in the context, if present; "none" to ignore it)`)
    .example('ctxcheck .')
    .example('ctxcheck . --ci')
    .example('ctxcheck . --fail-on warning,secret      # any warning or error, and every secret finding')
    .example('ctxcheck . --fail-on error --fail-on copy # errors, and every COPY finding')
    .example('ctxcheck services/api -f services/api/Dockerfile --format sarif -o ctxcheck.sarif')
    .action(async (context: string | undefined, flags: RawFlags & { maxScanSize?: string | number; color?: boolean | boolean[]; quiet?: boolean; sarifCategory?: string; showSuppressed?: boolean; redact?: boolean }) => {
      const cfg = projectConfig(flags, context);
      const inActions = process.env['GITHUB_ACTIONS'] === 'true';
      const format = (flags.format ?? cfg?.format ?? (flags.ci && inActions ? 'github' : 'text')) as Format;
      if (!(FORMATS as readonly string[]).includes(format)) throw new InputError(`--format must be one of: ${FORMATS.join(', ')}`);
      const large = flags.large === undefined ? (cfg?.large ?? DEFAULT_LARGE) : parseSize(String(flags.large));
      if (large === null) throw new InputError(`--large: cannot parse size ${JSON.stringify(flags.large)} (try 10MB, 500kB, 1GiB)`);
      const maxScanSize = flags.maxScanSize === undefined ? cfg?.maxScanSize : parseSize(String(flags.maxScanSize));
      if (maxScanSize === null) throw new InputError(`--max-scan-size: cannot parse size ${JSON.stringify(flags.maxScanSize)}`);
      const failOn = (Array.isArray(flags.failOn) ? flags.failOn.map(String) : flags.failOn === undefined ? undefined : String(flags.failOn)) ?? cfg?.failOn ?? 'error';
      const failOnSpec = Array.isArray(failOn) ? failOn.join(',') : failOn;
      const policy = parseFailOn(failOn);
      const opts = common(flags, context);
      const composeFiles = composeFilesFlag(flags, opts.context);
      const wantAll = flags.all === true || composeFiles !== undefined || (opts.dockerfile === undefined && !hasRootDockerfile(opts.context ?? '.'));
      const baselineFile = flags.baseline === 'none' ? null : flags.baseline !== undefined ? String(flags.baseline) : defaultBaseline(opts.context);
      const redact = flags.redact === true || cfg?.redact === true;
      const known = baselineFile ? readBaseline(baselineFile) : null;
      // Config, then baseline; then what the output may show of what they silenced.
      const settle = (r: Suppressible): void => {
        applyConfig(r, cfg);
        if (known) suppressBaseline(r, known);
        if (!flags.showSuppressed) delete r.suppressed.findings;
        if (redact) for (const f of [...r.findings, ...(r.suppressed.findings ?? [])]) delete f.excerpt;
      };
      const color = format === 'text' && !flags.output && useColor(colorFlag(flags.color), out);
      // SARIF and annotations point into the repository; the other formats keep cwd-relative paths.
      // Wrapped to the terminal's width, only when the report goes to one.
      const columns = !flags.output && (out as NodeJS.WriteStream).isTTY ? (out as NodeJS.WriteStream).columns : undefined;
      const located = { ...meta(), color, ...(columns ? { width: columns } : {}), ...(format === 'sarif' || format === 'github' ? { source: await sourceRoot(opts.context) } : {}), ...(flags.sarifCategory !== undefined ? { category: String(flags.sarifCategory) } : {}) };
      // The report to stdout or -o (atomically); with --ci in GitHub Actions, Markdown to the job summary.
      const deliver = async (text: string, summary: () => string): Promise<void> => {
        if (flags.output) await atomicWrite(String(flags.output), text);
        else out.write(text);
        const summaryFile = process.env['GITHUB_STEP_SUMMARY'];
        if (flags.ci && inActions && summaryFile) appendFileSync(summaryFile, summary());
      };
      if (wantAll) {
        // Loaded only here: Compose/Bake parsing is the heaviest part of the CLI to load.
        const { analyzeProject } = await import('../../pipeline/project.js');
        const { PROJECT_REPORTERS, renderProjectMarkdown } = await import('../../report/project.js');
        const allProgress = flags.quiet || flags.ci ? null : progressLine();
        let project;
        try {
          project = await analyzeProject(opts.context ?? '.', {
            ...opts,
            large,
            ...(maxScanSize !== undefined ? { maxScanSize } : {}),
            ...(composeFiles ? { composeFiles } : {}),
            ...(allProgress ? { onPhase: allProgress.phase } : {}),
          });
        } finally {
          allProgress?.done();
        }
        if (project.targets.length > 0 || flags.all === true || composeFiles !== undefined) {
          for (const t of project.targets) settle(t);
          await deliver(PROJECT_REPORTERS[format](project, located), () => renderProjectMarkdown(project));
          const failing = project.targets.some((t) => failingFindings(t.findings, policy).length > 0);
          if (failing || (project.problems.length > 0 && !policy.never)) process.exitCode = EXIT_FINDINGS;
          return;
        }
      }
      // The analysis and the reporters load here, not with the CLI: `ls` and `why` never need them.
      const { analyze, REPORTERS, renderMarkdown } = await import('../../index.js');
      const progress = flags.quiet || flags.ci ? null : progressLine();
      let report;
      try {
        report = await analyze({ ...opts, large, ...(maxScanSize !== undefined ? { maxScanSize } : {}), ...(progress ? { onPhase: progress.phase } : {}) });
      } finally {
        progress?.done();
      }
      settle(report);
      const failing = failingFindings(report.findings, policy).length;
      await deliver(REPORTERS[format](report, { ...located, gate: { failing, spec: failOnSpec } }), () => renderMarkdown(report));
      if (failing > 0) process.exitCode = EXIT_FINDINGS;
    });
}
