// What every command shares: flag types, the project config, the options common to all
// commands, tool metadata for the reporters, colour and exit codes.
import { type CAC } from 'cac';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { findConfig, type Config } from './config.js';
import { BASELINE_FILE } from './baseline-file.js';
import type { CommonOptions } from '../index.js';
import { BUILDERS, type Builder } from '../context/builders.js';
import { InputError } from '../errors.js';
import type { ReporterMeta } from '../report/types.js';

export const EXIT_FINDINGS = 1;
export const EXIT_INPUT = 2;

export function meta(): ReporterMeta {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; homepage?: string };
  return { version: pkg.version, homepage: pkg.homepage ?? 'https://www.npmjs.com/package/ctxcheck', color: false };
}

export interface RawFlags {
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
  failOn?: string | string[];
  ci?: boolean;
  all?: boolean;
  composeFile?: string | string[];
  output?: string;
  baseline?: string;
  config?: string;
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

// Loaded once per run (--config, or found from the context up); flags override it.
const configs = new Map<string, Config | null>();
export function projectConfig(flags: RawFlags, context: string | undefined): Config | null {
  const key = JSON.stringify([flags.config ?? null, context ?? '.']);
  if (!configs.has(key)) configs.set(key, findConfig(context ?? '.', flags.config === undefined ? undefined : String(flags.config)));
  return configs.get(key) ?? null;
}

export function common(flags: RawFlags, context: string | undefined): CommonOptions {
  const builder = (flags.builder ?? projectConfig(flags, context)?.builder ?? 'buildkit') as Builder;
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

export function withCommonFlags(cmd: ReturnType<CAC['command']>): ReturnType<CAC['command']> {
  return cmd
    .option('--builder <builder>', 'Builder semantics: buildkit (default) or legacy')
    .option('-f, --file <path>', 'Dockerfile (relative to the current directory, like docker build -f)')
    .option('--ignore-file <path>', 'Use this ignore file instead of the builder’s choice')
    .option('--target <stage>', 'Build stage to analyse (like docker build --target)')
    .option('--build-arg <name=value>', 'Build argument used in COPY/ADD sources (repeatable)')
    .option('--config <file>', 'Configuration file (default: the nearest ctxcheck.config.json or package.json "ctxcheck" from the context up to the repository root)');
}

/** `-c FILE` (repeatable), each resolved from the context as --all discovery resolves it; a missing one is bad input. */
export function composeFilesFlag(flags: RawFlags, context: string | undefined): string[] | undefined {
  if (flags.composeFile === undefined) return undefined;
  const files = (Array.isArray(flags.composeFile) ? flags.composeFile : [flags.composeFile]).map(String);
  for (const f of files) {
    const abs = resolve(context ?? '.', f);
    if (!existsSync(abs) || !statSync(abs).isFile()) throw new InputError(`-c ${f}: no such Compose file${isAbsolute(f) ? '' : ` (in ${context ?? '.'})`}`);
  }
  return files;
}

export function defaultBaseline(context: string | undefined): string | null {
  const file = join(context ?? '.', BASELINE_FILE);
  return existsSync(file) ? file : null;
}
