// Pipeline step 1: resolve the inputs as `docker build` would (context, Dockerfile, ignore
// file), compile the rules the chosen builder really evaluates, and parse the Dockerfile lazily.
import { NodeFS } from '../fs/node-fs.js';
import type { ContextFS } from '../fs/types.js';
import { displayPath, resolveInputs, type ResolvedInputs } from '../context/inputs.js';
import { matcherFor } from '../context/matcher-for.js';
import type { Builder } from '../context/builders.js';
import type { Matcher } from '../ignore/matcher.js';
import { InputError } from '../errors.js';
import type { DockerfileModel } from '../dockerfile/model.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import { stagesToBuild } from '../dockerfile/stages.js';
import type { CommonOptions } from './options.js';

/** The label findings carry for a Dockerfile given inline. */
export const INLINE_DOCKERFILE = '(inline Dockerfile)';

export interface Setup {
  inputs: ResolvedInputs;
  builder: Builder;
  fs: ContextFS;
  matcher: Matcher;
  ignoreLabel: string | null;
  cwd: string;
  /** The parsed Dockerfile, or null when there is none (parsed lazily, on first access). */
  readonly dockerfile: { label: string; model: DockerfileModel } | null;
  target: string | undefined;
}

export function setup(opts: CommonOptions, fsOverride?: ContextFS): Setup {
  const builder = opts.builder ?? 'buildkit';
  const cwd = opts.cwd ?? process.cwd();
  const inputs = resolveInputs({ ...opts, builder, cwd }, fsOverride);
  const ignoreLabel = inputs.ignoreFile ? displayPath(inputs.ignoreFile, cwd) : null;
  const fs = fsOverride ?? new NodeFS(inputs.contextDir);
  const matcher = matcherFor(builder, inputs.ignoreRules, ignoreLabel ?? '', inputs.dockerfileRel);
  // Parsed on first use: `ls` and `why` never need the Dockerfile's content.
  let parsed: Setup['dockerfile'] | undefined;
  return {
    inputs,
    builder,
    fs,
    matcher,
    ignoreLabel,
    cwd,
    target: opts.target,
    get dockerfile() {
      if (parsed === undefined) {
        parsed = null;
        if (inputs.dockerfileText !== null) {
          const label = inputs.dockerfile ? displayPath(inputs.dockerfile, cwd) : INLINE_DOCKERFILE;
          parsed = { label, model: loadDockerfile(inputs.dockerfileText, label, opts) };
        }
      }
      return parsed;
    },
  };
}

/** Parse the Dockerfile; input Docker itself refuses is an InputError naming the file. */
function loadDockerfile(text: string, label: string, opts: CommonOptions): DockerfileModel {
  if (text.trim() === '') throw new InputError(`${label}: the Dockerfile is empty`);
  if (text.slice(0, 8192).includes('\0')) throw new InputError(`${label}: not a text file (NUL bytes)`);
  const model = parseDockerfile(text, { ...(opts.buildArgs ? { buildArgs: opts.buildArgs } : {}), ...(opts.target ? { target: opts.target } : {}) });
  if (model.stages.length === 0) {
    const line = model.errors[0]?.line ?? 1;
    throw new InputError(`${label}:${line}: no build stage (a Dockerfile needs a FROM instruction)`);
  }
  try {
    stagesToBuild(model, opts.target);
  } catch (err) {
    throw new InputError(`${label}: ${(err as Error).message}`);
  }
  return model;
}
