// A Dockerfile model precise enough to say which build-context files each COPY/ADD/RUN --mount
// reads, following the current moby/buildkit Dockerfile frontend:
//   frontend/dockerfile/dockerfile2llb/convert.go      stages, --from, deps, ctxPaths, ARG/ENV
//   frontend/dockerfile/dockerfile2llb/convert_copy.go COPY/ADD sources, --parents, --exclude
//   frontend/dockerfile/dockerfile2llb/convert_runmount.go  RUN --mount sources
//   frontend/dockerfile/instructions/parse.go, commands*.go  flags, Expand()
//   frontend/dockerfile/shell/lex.go                   variable expansion (see shell-lex.ts)
// Parsing (line continuations, heredocs, `# escape=`, JSON vs shell form, flags) is dockerfile-ast's;
// parse.ts only post-processes the values it locates.
//
// This module is the model's shape. parse.ts builds it (instructions, with flags.ts, variables.ts
// and source-text.ts), stages.ts answers what a build of a --target reads.

export interface CopyLike {
  kind: 'COPY' | 'ADD';
  /** 1-based first line of the instruction. */
  line: number;
  /** 1-based last line (heredoc bodies included). */
  endLine: number;
  /** The instruction as written, line continuations joined, heredoc bodies left out. */
  text: string;
  /** Source paths after variable expansion (ARG values incl. --build-arg, Dockerfile ENV). */
  sources: string[];
  /** Source paths exactly as written (before expansion). */
  rawSources: string[];
  dest: string;
  /** --from value, null = build context. */
  from: string | null;
  /** Index of the stage --from names (by name, case-insensitive) or indexes (number). */
  fromStage: number | null;
  /** --exclude patterns (BuildKit does not expand variables in them). */
  exclude: string[];
  parents: boolean;
  /** Per source: a URL or git source (ADD) that is not read from the context. */
  remote: boolean[];
  /** True when at least one source is a here-document (`COPY <<EOF /x`). */
  heredoc: boolean;
  /** Names of the here-document sources (never read from the context). */
  heredocs: string[];
  /** Variables referenced by sources/dest that were unset (e.g. ENV of a base image). */
  unresolvedVars: string[];
  /** Set when the instruction is an ONBUILD trigger inherited from the base stage. */
  onbuild?: boolean;
}

export interface RunMount {
  /** bind (default), cache, tmpfs, secret or ssh. */
  type: string;
  source: string | null;
  target: string | null;
  from: string | null;
  /** RUN --mount resolves `from` by stage name only (no numeric index, unlike COPY --from). */
  fromStage: number | null;
}

export interface RunInstr {
  kind: 'RUN';
  line: number;
  endLine: number;
  text: string;
  mounts: RunMount[];
  command: string;
  unresolvedVars: string[];
  onbuild?: boolean;
}

export interface OtherInstr {
  kind: 'OTHER';
  keyword: string;
  line: number;
  endLine: number;
  text: string;
}

export type Instruction = CopyLike | RunInstr | OtherInstr;

export interface Stage {
  index: number;
  /** Lower-cased `AS` name (BuildKit lower-cases stage names). */
  name: string | null;
  line: number;
  /** Base image after global ARG expansion, or the name of the stage it builds on. */
  image: string;
  /** FROM <earlier stage>. */
  baseStage: number | null;
  /** --platform as written, if any. */
  platform: string | null;
  instructions: Instruction[];
}

export interface DockerfileModel {
  stages: Stage[];
  /** ARGs declared before the first FROM, with their resolved values (null = no value). */
  globalArgs: Record<string, string | null>;
  errors: { line: number; message: string }[];
  /** The escape token in effect (`# escape=` directive). */
  escape: string;
}

export interface ParseOptions {
  /** --build-arg values. They only apply to ARGs the Dockerfile declares. */
  buildArgs?: Record<string, string>;
  /** Target platform for TARGETPLATFORM/TARGETOS/... (default linux/amd64). */
  platform?: string;
  /** Build platform for BUILDPLATFORM/BUILDOS/... (default: the target platform). */
  buildPlatform?: string;
  /** --target, only used for the TARGETSTAGE automatic ARG. */
  target?: string;
}
