// Command-line front end: parse flags (cac), call the library, render, set the exit code.
// Exit codes: 0 success, 2 bad usage or input.
import { cac, type CAC } from 'cac';
import { appendFileSync, existsSync, readFileSync, statSync, writeSync } from 'node:fs';
import { applyConfig, loadConfig, type Config } from './config.js';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { humanSize } from '../units.js';
import { atomicWrite } from './atomic-write.js';
import { applyBaseline, BASELINE_FILE, makeBaseline, readBaseline } from './baseline-file.js';
import { failingFindings, parseFailOn } from './fail-on.js';
import { renderMarkdown } from '../report/markdown.js';
import { analyze, explain, iterateContext, type CommonOptions } from '../index.js';
import { BUILDERS, type Builder } from '../context/builders.js';
import { InputError } from '../errors.js';
import { IgnoreFileError } from '../ignore/parse.js';
import { FORMATS, REPORTERS, type Format, type ReporterMeta } from '../report/index.js';
import { renderWhy } from '../report/why.js';
import { DEFAULT_LARGE } from '../pipeline/report.js';
import { defaultDockerfile } from '../context/inputs.js';
import { parseSize } from '../units.js';
import { encodeName, printableName } from '../fs/names.js';

const EXIT_FINDINGS = 1;
const EXIT_INPUT = 2;

function meta(): ReporterMeta {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; homepage?: string };
  return { version: pkg.version, homepage: pkg.homepage ?? 'https://www.npmjs.com/package/ctxcheck', color: false };
}

/** Colour only for a terminal, and never with NO_COLOR or --no-color (FORCE_COLOR forces it). */
function useColor(flag: boolean, out: NodeJS.WritableStream): boolean {
  if (!flag || 'NO_COLOR' in process.env) return false;
  if (process.env['FORCE_COLOR'] && process.env['FORCE_COLOR'] !== '0') return true;
  return (out as NodeJS.WriteStream).isTTY === true;
}

/**
 * A progress line on stderr: only for a terminal, and only once the walk has taken longer than
 * half a second. Written synchronously, since the walk does not yield to the event loop.
 */
function progressLine(): { update: (seen: number) => void; done: () => void } | null {
  if (!process.stderr.isTTY) return null;
  const start = Date.now();
  let shown = false;
  return {
    update(seen) {
      if (Date.now() - start < 500) return;
      shown = true;
      writeSync(2, `\rctxcheck: scanning… ${seen.toLocaleString('en-US')} entries`);
    },
    done() {
      if (shown) writeSync(2, '\r\x1b[K');
    },
  };
}

interface RawFlags {
  builder?: string;
  file?: string;
  ignoreFile?: string;
  format?: string;
  large?: string | number;
  dirs?: boolean;
  z?: boolean;
  context?: string;
  target?: string;
  buildArg?: string | string[];
  transfer?: boolean;
  failOn?: string;
  ci?: boolean;
  all?: boolean;
  composeFile?: string | string[];
  output?: string;
  baseline?: string;
}

function parseBuildArgs(v: string | string[] | undefined): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const item of Array.isArray(v) ? v : [v]) {
    const s = String(item);
    const eq = s.indexOf('=');
    // Like docker: "--build-arg NAME" alone takes the value from the environment.
    if (eq < 0) {
      const env = process.env[s];
      if (env !== undefined) out[s] = env;
    } else {
      out[s.slice(0, eq)] = s.slice(eq + 1);
    }
  }
  return out;
}

// Loaded once per run from the current directory; flags override it.
let config: Config | null | undefined;
function projectConfig(): Config | null {
  if (config === undefined) config = loadConfig(process.cwd());
  return config;
}

function common(flags: RawFlags, context: string | undefined): CommonOptions {
  const builder = (flags.builder ?? projectConfig()?.builder ?? 'buildkit') as Builder;
  if (!BUILDERS.includes(builder)) throw new InputError(`--builder must be one of: ${BUILDERS.join(', ')}`);
  const opts: CommonOptions = { builder };
  if (context !== undefined) opts.context = context;
  if (flags.file !== undefined) opts.dockerfile = String(flags.file);
  if (flags.ignoreFile !== undefined) opts.ignoreFile = String(flags.ignoreFile);
  if (flags.target !== undefined) opts.target = String(flags.target);
  const buildArgs = parseBuildArgs(flags.buildArg);
  if (buildArgs) opts.buildArgs = buildArgs;
  return opts;
}

function withCommonFlags(cmd: ReturnType<CAC['command']>): ReturnType<CAC['command']> {
  return cmd
    .option('--builder <builder>', 'Builder semantics: buildkit (default) or legacy')
    .option('-f, --file <path>', 'Dockerfile (relative to the current directory, like docker build -f)')
    .option('--ignore-file <path>', 'Use this ignore file instead of the builder’s choice')
    .option('--target <stage>', 'Build stage to analyse (like docker build --target)')
    .option('--build-arg <name=value>', 'Build argument used in COPY/ADD sources (repeatable)');
}

/** Is there a Dockerfile where `docker build <dir>` would look for one? */
function hasRootDockerfile(dir: string): boolean {
  const abs = resolve(dir);
  // A missing or non-directory context goes down the normal path, which reports it.
  return !existsSync(abs) || defaultDockerfile(abs) !== null || !statSync(abs).isDirectory();
}

function defaultBaseline(context: string | undefined): string | null {
  const file = join(context ?? '.', BASELINE_FILE);
  return existsSync(file) ? file : null;
}

export async function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const write = (s: string): void => {
    out.write(s);
  };
  const cli = cac('ctxcheck');

  withCommonFlags(cli.command('[context]', 'Report what docker build sends as its context, and what is wrong with it'))
    .option('--format <format>', `Output format: ${FORMATS.join(', ')} (default text; github inside GitHub Actions with --ci)`)
    .option('--large <size>', 'Size from which a sent file is reported as large (default 10MB)')
    .option('--fail-on <spec>', 'Exit 1 on findings at or above a severity, or in categories/rules (default error; e.g. warning, secret,copy, none)')
    .option('--max-scan-size <size>', 'Bytes of each file the secret scan reads (default 1MB)')
    .option('--ci', 'CI mode: annotations in GitHub Actions, job summary, exit 1 on failing findings')
    .option('--all', 'Audit every build in the tree: Dockerfiles, Compose services, Bake targets (automatic without a root Dockerfile)')
    .option('-c, --compose-file <file>', 'Compose file to read with --all (repeatable)')
    .option('--no-color', 'No colours (also NO_COLOR, or when stdout is not a terminal)')
    .option('-q, --quiet', 'No progress line on stderr')
    .option('-o, --output <file>', 'Write the report to a file instead of stdout')
    .option('--baseline <file>', `Report only findings not in this baseline (default: ${BASELINE_FILE} in the context, if present; "none" to ignore it)`)
    .example('ctxcheck .')
    .example('ctxcheck . --ci')
    .example('ctxcheck services/api -f services/api/Dockerfile --format sarif -o ctxcheck.sarif')
    .action(async (context: string | undefined, flags: RawFlags & { maxScanSize?: string | number; color?: boolean; quiet?: boolean }) => {
      const cfg = projectConfig();
      const inActions = process.env['GITHUB_ACTIONS'] === 'true';
      const format = (flags.format ?? cfg?.format ?? (flags.ci && inActions ? 'github' : 'text')) as Format;
      if (!FORMATS.includes(format)) throw new InputError(`--format must be one of: ${FORMATS.join(', ')}`);
      const large = flags.large === undefined ? (cfg?.large ?? DEFAULT_LARGE) : parseSize(String(flags.large));
      if (large === null) throw new InputError(`--large: cannot parse size ${JSON.stringify(flags.large)} (try 10MB, 500kB, 1GiB)`);
      const maxScanSize = flags.maxScanSize === undefined ? cfg?.maxScanSize : parseSize(String(flags.maxScanSize));
      if (maxScanSize === null) throw new InputError(`--max-scan-size: cannot parse size ${JSON.stringify(flags.maxScanSize)}`);
      const policy = parseFailOn(String(flags.failOn ?? cfg?.failOn ?? 'error'));
      const opts = common(flags, context);
      const composeFiles = flags.composeFile === undefined ? undefined : (Array.isArray(flags.composeFile) ? flags.composeFile : [flags.composeFile]).map(String);
      const wantAll = flags.all === true || composeFiles !== undefined || (opts.dockerfile === undefined && !hasRootDockerfile(opts.context ?? '.'));
      if (wantAll) {
        // Loaded only here: Compose/Bake parsing is the heaviest part of the CLI to load.
        const { analyzeProject } = await import('../pipeline/project.js');
        const { PROJECT_REPORTERS, renderProjectMarkdown } = await import('../report/project.js');
        const project = await analyzeProject(opts.context ?? '.', {
          ...opts,
          large,
          ...(maxScanSize !== undefined ? { maxScanSize } : {}),
          ...(composeFiles ? { composeFiles } : {}),
        });
        if (project.targets.length > 0 || flags.all === true || composeFiles !== undefined) {
          for (const t of project.targets) {
            t.findings = applyConfig(t.findings, cfg);
            const baselineFile = flags.baseline === 'none' ? null : flags.baseline !== undefined ? String(flags.baseline) : defaultBaseline(opts.context);
            if (baselineFile) t.findings = applyBaseline(t.findings, readBaseline(baselineFile));
          }
          const color = format === 'text' && !flags.output && useColor(flags.color !== false, out);
          const text = PROJECT_REPORTERS[format](project, { ...meta(), color });
          if (flags.output) await atomicWrite(String(flags.output), text);
          else write(text);
          const summaryFile = process.env['GITHUB_STEP_SUMMARY'];
          if (flags.ci && inActions && summaryFile) appendFileSync(summaryFile, renderProjectMarkdown(project));
          const failing = project.targets.some((t) => failingFindings(t.findings, policy).length > 0);
          if (failing || (project.problems.length > 0 && !policy.never)) process.exitCode = EXIT_FINDINGS;
          return;
        }
      }
      const progress = flags.quiet || flags.ci ? null : progressLine();
      let report;
      try {
        report = await analyze({ ...opts, large, ...(maxScanSize !== undefined ? { maxScanSize } : {}), ...(progress ? { onProgress: progress.update } : {}) });
      } finally {
        progress?.done();
      }
      report.findings = applyConfig(report.findings, cfg);
      const baselineFile = flags.baseline === 'none' ? null : flags.baseline !== undefined ? String(flags.baseline) : defaultBaseline(opts.context);
      if (baselineFile) report.findings = applyBaseline(report.findings, readBaseline(baselineFile));
      const color = format === 'text' && !flags.output && useColor(flags.color !== false, out);
      const text = REPORTERS[format](report, { ...meta(), color });
      if (flags.output) await atomicWrite(String(flags.output), text);
      else write(text);
      const summaryFile = process.env['GITHUB_STEP_SUMMARY'];
      if (flags.ci && inActions && summaryFile) appendFileSync(summaryFile, renderMarkdown(report));
      if (failingFindings(report.findings, policy).length > 0) process.exitCode = EXIT_FINDINGS;
    });

  withCommonFlags(cli.command('baseline [context]', `Accept the current findings: write their fingerprints to ${BASELINE_FILE}`))
    .option('-o, --output <file>', `Baseline file (default: ${BASELINE_FILE} in the context)`)
    .example('ctxcheck baseline . && git add .ctxcheck-baseline.json')
    .action(async (context: string | undefined, flags: RawFlags) => {
      const opts = common(flags, context);
      const report = await analyze(opts);
      const file = flags.output ? String(flags.output) : join(opts.context ?? '.', BASELINE_FILE);
      await atomicWrite(file, JSON.stringify(makeBaseline(report.findings), null, 2) + '\n');
      process.stderr.write(`ctxcheck: wrote ${report.findings.length} finding(s) to ${file}\n`);
    });

  withCommonFlags(cli.command('suggest [context]', 'Propose an ignore file for this tree and Dockerfile (never breaks a COPY)'))
    .option('--write', 'Merge the proposal into the ignore file (your lines kept verbatim; atomic)')
    .option('--diff', 'Show the change as a unified diff')
    .option('--large <size>', 'Propose (commented) files from this size on', { default: '10MB' })
    .option('--replay <n>', 'Also replay the last n commits: rebuild counts per step before and after (needs git)')
    .example('ctxcheck suggest . > .dockerignore.new')
    .example('ctxcheck suggest --diff')
    .example('ctxcheck suggest --write')
    .action(async (context: string | undefined, flags: RawFlags & { write?: boolean; diff?: boolean; replay?: string | number }) => {
      const large = flags.large === undefined ? DEFAULT_LARGE : parseSize(String(flags.large));
      if (large === null) throw new InputError(`--large: cannot parse size ${JSON.stringify(flags.large)}`);
      const opts = common(flags, context);
      const { suggest } = await import('../suggest/suggest.js');
      const { unifiedDiff } = await import('../suggest/diff.js');
      const sug = await suggest({ ...opts, large });
      const cwd = process.cwd();
      const shown = relative(cwd, sug.file) || sug.file;
      if (flags.diff) write(unifiedDiff(sug.current, sug.proposed, `a/${shown}`, `b/${shown}`));
      else if (!flags.write) write(sug.proposed);
      if (flags.write) {
        const contextDir = resolve(cwd, opts.context ?? '.');
        const rel = relative(contextDir, sug.file);
        if (rel.startsWith('..') || isAbsolute(rel)) throw new InputError(`${shown}: outside the context; refusing to write it`);
        if (sug.proposed !== sug.current) await atomicWrite(sug.file, sug.proposed);
      }
      const b = sug.before;
      const a = sug.after;
      process.stderr.write(
        [
          `ctxcheck suggest: ${sug.rules.filter((r) => !r.review).length} rule(s) for ${shown}${flags.write ? (sug.proposed === sug.current ? ' (already up to date)' : ' (written)') : ''}`,
          `  files     ${b.files} → ${a.files}`,
          `  bytes     ${humanSize(b.bytes)} → ${humanSize(a.bytes)}`,
          `  tar bytes ${humanSize(b.tarBytes)} → ${humanSize(a.tarBytes)}`,
          '',
        ].join('\n'),
      );
      if (flags.replay !== undefined) {
        const commits = Number(flags.replay);
        if (!Number.isInteger(commits) || commits < 1) throw new InputError('--replay must be a positive integer');
        const { compareCache, renderCache } = await import('./cache-compare.js');
        process.stderr.write(renderCache(await compareCache({ ...opts, large, commits })));
      }
    });

  withCommonFlags(cli.command('cache [context]', 'Replay the git history: how often each Dockerfile step would rebuild, before and after the suggestions'))
    .option('--commits <n>', 'How many recent commits to replay', { default: 20 })
    .option('--format <format>', 'text or json', { default: 'text' })
    .example('ctxcheck cache . --commits 50')
    .action(async (context: string | undefined, flags: RawFlags & { commits?: number | string }) => {
      const commits = Number(flags.commits ?? 20);
      if (!Number.isInteger(commits) || commits < 1) throw new InputError('--commits must be a positive integer');
      const { compareCache, renderCache } = await import('./cache-compare.js');
      const result = await compareCache({ ...common(flags, context), commits });
      if (flags.format === 'json') write(JSON.stringify(result, null, 2) + '\n');
      else if (flags.format === 'text' || flags.format === undefined) write(renderCache(result));
      else throw new InputError('--format must be text or json');
    });

  withCommonFlags(cli.command('ls [context]', 'List every path in the context, sorted by byte order'))
    .option('--dirs', 'Also list directories (ending in /)')
    .option('-z, --null', 'Separate paths with NUL instead of newline (safe for any file name)')
    .option('--transfer', 'List BuildKit’s transfer set: only what the Dockerfile’s stages use')
    .example('ctxcheck ls . --builder legacy')
    .action(async (context: string | undefined, flags: RawFlags & { null?: boolean }) => {
      const paths = await iterateContext({ ...common(flags, context), dirs: flags.dirs === true, transfer: flags.transfer === true });
      // Written in chunks, waiting whenever a pipe is full: a listing of a million paths never
      // becomes one string, nor piles up in stdout's buffer behind a slow reader.
      const CHUNK = 1 << 20;
      const emit = async (data: string | Buffer): Promise<void> => {
        if (!out.write(data)) await new Promise((resolve) => out.once('drain', resolve));
      };
      if (flags.null || flags.z) {
        // Exact bytes, NUL-terminated: round-trips any name, including non-UTF-8 ones.
        const NUL = Buffer.from([0]);
        let parts: Buffer[] = [];
        let size = 0;
        for (const p of paths) {
          const b = encodeName(p);
          parts.push(b, NUL);
          size += b.length + 1;
          if (size >= CHUNK) {
            await emit(Buffer.concat(parts, size));
            parts = [];
            size = 0;
          }
        }
        if (size > 0) await emit(Buffer.concat(parts, size));
      } else {
        let chunk = '';
        for (const p of paths) {
          chunk += printableName(p) + '\n';
          if (chunk.length >= CHUNK) {
            await emit(chunk);
            chunk = '';
          }
        }
        if (chunk) await emit(chunk);
      }
    });

  withCommonFlags(cli.command('why <...paths>', 'Explain why each path is in or out of the context'))
    .option('-C, --context <dir>', 'Context directory', { default: '.' })
    .option('--format <format>', 'Output format: text or json', { default: 'text' })
    .example('ctxcheck why node_modules/react/index.js src/app.ts')
    .action(async (paths: string[], flags: RawFlags) => {
      const opts = common(flags, flags.context);
      const items = await explain(paths, opts);
      if (flags.format === 'json') write(JSON.stringify(items, null, 2) + '\n');
      else if (flags.format === 'text' || flags.format === undefined) write(renderWhy(items, opts.builder ?? 'buildkit'));
      else throw new InputError('--format must be text or json');
    });

  cli.help();
  cli.version(meta().version);

  try {
    cli.parse([...argv], { run: false });
    if (!cli.matchedCommand && cli.args.length > 0 && !cli.options['help'] && !cli.options['version']) {
      // cac routes unknown words to the default command; nothing else to check here.
    }
    await cli.runMatchedCommand();
  } catch (err) {
    process.exitCode = EXIT_INPUT;
    if (err instanceof InputError || err instanceof IgnoreFileError) {
      process.stderr.write(`ctxcheck: ${err.message}\n`);
    } else if (err instanceof Error && err.name === 'CACError') {
      process.stderr.write(`ctxcheck: ${err.message} (see ctxcheck --help)\n`);
    } else {
      const e = err as Error;
      process.stderr.write(`ctxcheck: unexpected error: ${e.message ?? String(err)}\n`);
      if (process.env['CTXCHECK_DEBUG']) process.stderr.write(`${e.stack ?? ''}\n`);
    }
  }
}
