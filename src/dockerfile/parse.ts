// A Dockerfile model precise enough to say which build-context files each COPY/ADD/RUN --mount
// reads, following the current moby/buildkit Dockerfile frontend:
//   frontend/dockerfile/dockerfile2llb/convert.go      stages, --from, deps, ctxPaths, ARG/ENV
//   frontend/dockerfile/dockerfile2llb/convert_copy.go COPY/ADD sources, --parents, --exclude
//   frontend/dockerfile/dockerfile2llb/convert_runmount.go  RUN --mount sources
//   frontend/dockerfile/instructions/parse.go, commands*.go  flags, Expand()
//   frontend/dockerfile/shell/lex.go                   variable expansion (see shell-lex.ts)
// Parsing (line continuations, heredocs, `# escape=`, JSON vs shell form, flags) is dockerfile-ast's;
// this module only post-processes the values it locates.
import type {
  Add,
  Arg,
  Copy,
  Env,
  From,
  Onbuild,
  Run,
  Argument,
  Instruction as AstInstruction,
  Flag as AstFlag,
  JSONInstruction,
} from 'dockerfile-ast';
import { createRequire } from 'node:module';

// dockerfile-ast (and its language-server dependencies) load on first parse, not at start-up:
// `ctxcheck ls` never needs them.
let ast: typeof import('dockerfile-ast') | null = null;
function lib(): typeof import('dockerfile-ast') {
  return (ast ??= createRequire(import.meta.url)('dockerfile-ast') as typeof import('dockerfile-ast'));
}
import { processWord, ShellLexError, type Env as LexEnv } from './shell-lex.js';
import { sourceKind } from './remote.js';

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

// ---------------------------------------------------------------------------------------------
// Source text helpers (positions come from dockerfile-ast; TextDocument line breaks are \r\n|\r|\n)

interface Pos {
  line: number;
  character: number;
}
interface Rng {
  start: Pos;
  end: Pos;
}

class SourceText {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) {
        this.starts.push(i + 1);
      }
    }
  }

  offset(p: Pos): number {
    const start = this.starts[Math.min(p.line, this.starts.length - 1)] ?? 0;
    return Math.min(start + p.character, this.text.length);
  }

  slice(r: Rng): string {
    return this.text.slice(this.offset(r.start), this.offset(r.end));
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Join a multi-line slice the way BuildKit's parser joins continuation lines: drop the escape
 * token (and trailing blanks) before each line break, skip comment and empty continuation lines.
 */
function joinContinuations(raw: string, escape: string): string {
  const lines = raw.split(/\r\n|\r|\n/);
  const trailing = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`);
  let out = '';
  lines.forEach((line, i) => {
    if (i > 0 && (/^[ \t]*#/.test(line) || line.trim() === '')) return;
    out += i < lines.length - 1 ? line.replace(trailing, '') : line;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Flags: dockerfile-ast locates them; the value is unquoted like BuildKit's extractBuilderFlags.

interface ParsedFlag {
  name: string;
  value: string | null;
  line: number;
}

/** extractBuilderFlags applied to one flag word: quotes removed, backslash escapes one char. */
function unquoteFlagWord(word: string): { text: string; ok: boolean } {
  let out = '';
  let quote: string | null = null;
  let dangling = false;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    if (quote !== null) {
      if (ch === quote) {
        quote = null;
        continue;
      }
      if (ch === '\\') {
        if (i + 1 === word.length) {
          dangling = true;
          continue;
        }
        out += word[++i]!;
        continue;
      }
      out += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      continue;
    }
    if (ch === '\\') {
      if (i + 1 === word.length) {
        dangling = true; // escapes the whitespace after the word: BuildKit keeps going
        continue;
      }
      out += word[++i]!;
      continue;
    }
    out += ch;
  }
  return { text: out, ok: quote === null && !dangling };
}

// ---------------------------------------------------------------------------------------------
// Go encoding/csv for one RUN --mount value (Comma ',', no lazy quotes).

function parseCsvRecord(s: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (s[i] === '"') {
      let f = '';
      i++;
      for (;;) {
        if (i >= s.length) throw new Error('extraneous or missing " in quoted-field');
        const ch = s[i]!;
        if (ch === '"') {
          if (s[i + 1] === '"') {
            f += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        f += ch;
        i++;
      }
      if (i < s.length && s[i] !== ',') throw new Error('extraneous or missing " in quoted-field');
      fields.push(f);
    } else {
      const end = s.indexOf(',', i);
      const f = end < 0 ? s.slice(i) : s.slice(i, end);
      if (f.includes('"')) throw new Error('bare " in non-quoted-field');
      fields.push(f);
      i = end < 0 ? s.length : end;
    }
    if (i >= s.length) return fields;
    i++; // ','
  }
}

// ---------------------------------------------------------------------------------------------

const KNOWN = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
// parser.MustParseHeredoc: an optional fd number, "<<", an optional "-", then the (quoted) name.
const HEREDOC = /^\d*<<-?([^<]+)$/;

const COPY_FLAGS: Record<string, 'string' | 'strings' | 'bool'> = {
  chown: 'string',
  from: 'string',
  chmod: 'string',
  link: 'bool',
  exclude: 'strings',
  parents: 'bool',
};
const ADD_FLAGS: Record<string, 'string' | 'strings' | 'bool'> = {
  chown: 'string',
  chmod: 'string',
  link: 'bool',
  exclude: 'strings',
  'keep-git-dir': 'bool',
  checksum: 'string',
  unpack: 'bool',
};

type EnvMap = Map<string, string>;

interface Pending {
  instr: CopyLike | RunInstr;
  stage: number;
  stageName: string;
}

function splitPlatform(p: string): { os: string; arch: string; variant: string } {
  const [os = '', arch = '', variant = ''] = p.split('/');
  return { os, arch, variant };
}

class Converter {
  readonly src: SourceText;
  readonly escape: string;
  readonly errors: { line: number; message: string }[] = [];
  readonly stages: Stage[] = [];
  readonly stageEnvs: EnvMap[] = [];
  readonly stageTriggers: AstInstruction[][] = [];
  readonly globalArgs: Record<string, string | null> = {};
  readonly globalEnv: EnvMap = new Map();
  readonly pending: Pending[] = [];
  private readonly buildArgs: Record<string, string>;

  constructor(
    text: string,
    escape: string,
    private readonly opts: ParseOptions,
  ) {
    this.src = new SourceText(text);
    this.escape = escape;
    this.buildArgs = opts.buildArgs ?? {};
  }

  private has(obj: Record<string, string>, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  error(line: number, message: string): void {
    this.errors.push({ line, message });
  }

  /** ProcessWord with error capture; returns the word unexpanded on error. */
  expand(word: string, env: LexEnv, line: number, unresolved?: Set<string>): string {
    try {
      const r = processWord(word, env, { escape: this.escape });
      if (unresolved) for (const n of r.unmatched) unresolved.add(n);
      return r.result;
    } catch (err) {
      if (err instanceof ShellLexError) {
        this.error(line, err.message);
        return word;
      }
      throw err;
    }
  }

  initGlobalEnv(lastStageName: string): void {
    const target = splitPlatform(this.opts.platform ?? 'linux/amd64');
    const build = splitPlatform(this.opts.buildPlatform ?? this.opts.platform ?? 'linux/amd64');
    const fmt = (p: { os: string; arch: string; variant: string }): string =>
      [p.os, p.arch, p.variant].filter((x) => x !== '').join('/');
    this.globalEnv.set('BUILDPLATFORM', fmt(build));
    this.globalEnv.set('BUILDOS', build.os);
    this.globalEnv.set('BUILDARCH', build.arch);
    this.globalEnv.set('BUILDVARIANT', build.variant);
    this.globalEnv.set('TARGETPLATFORM', fmt(target));
    this.globalEnv.set('TARGETOS', target.os);
    this.globalEnv.set('TARGETARCH', target.arch);
    this.globalEnv.set('TARGETVARIANT', target.variant);
    this.globalEnv.set('TARGETSTAGE', this.opts.target ?? lastStageName);
  }

  lineOf(ins: AstInstruction): number {
    return ins.getRange().start.line + 1;
  }

  /** Start offset of the first here-document body, or null. */
  private heredocBodyStart(ins: AstInstruction): number | null {
    const getter = (ins as unknown as { getHeredocs?: () => { getContentRange(): Rng | null; getDelimiterRange(): Rng | null; getStartRange(): Rng }[] }).getHeredocs;
    if (typeof getter !== 'function') return null;
    let best: number | null = null;
    for (const h of getter.call(ins)) {
      const r = h.getContentRange() ?? h.getDelimiterRange();
      // A here-document body starts on the line after its operator.
      const start = r ? this.src.offset(r.start) : this.src.offset({ line: h.getStartRange().end.line + 1, character: 0 });
      if (best === null || start < best) best = start;
    }
    return best;
  }

  oneLine(ins: AstInstruction): string {
    const r = ins.getRange();
    const from = this.src.offset(r.start);
    let to = this.src.offset(r.end);
    const body = this.heredocBodyStart(ins);
    if (body !== null && body < to) to = body;
    return joinContinuations(this.src.text.slice(from, to), this.escape).trim();
  }

  /** Raw (unexpanded) text of each shell-form argument, here-document bodies left out. */
  private rawArgs(ins: AstInstruction): string[] {
    const body = this.heredocBodyStart(ins);
    const out: string[] = [];
    for (const a of ins.getArguments() as Argument[]) {
      const r = a.getRange();
      if (body !== null && this.src.offset(r.start) >= body) continue;
      out.push(joinContinuations(this.src.slice(r), this.escape));
    }
    return out;
  }

  /** BuildKit's parseMaybeJSON(ToList): the argument text as a JSON string array, or null. */
  private jsonArgs(ins: JSONInstruction): string[] | null {
    if (ins.getOpeningBracket() === null || ins.getClosingBracket() === null) return null;
    const r = ins.getArgumentsRange();
    if (r === null) return null;
    const rest = joinContinuations(this.src.slice(r), this.escape).trim();
    if (!rest.startsWith('[')) return null;
    try {
      const v: unknown = JSON.parse(rest);
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    } catch {
      // not JSON: shell form
    }
    return null;
  }

  private flags(ins: AstInstruction, spec: Record<string, 'string' | 'strings' | 'bool'>): Map<string, string[]> {
    const line = this.lineOf(ins);
    const getFlags = (ins as unknown as { getFlags?: () => AstFlag[] }).getFlags;
    const out = new Map<string, string[]>();
    if (typeof getFlags !== 'function') return out;
    const parsed: ParsedFlag[] = [];
    for (const f of getFlags.call(ins)) {
      const range = f.getRange();
      const raw = this.src.slice(range);
      const endAt = this.src.offset(range.end);
      const after = this.src.text.slice(endAt, endAt + 64);
      const { text, ok } = unquoteFlagWord(raw);
      // The flag must end at whitespace or a line continuation; anything else means
      // dockerfile-ast split a quoted/escaped value that BuildKit keeps as one word.
      const ends = after === '' || /^\s/.test(after) || new RegExp(`^${escapeRegExp(this.escape)}[ \\t]*(\\r?\\n|$)`).test(after);
      if (!ok || !ends) {
        this.error(line, `flag ${raw} has a quoted or escaped value containing whitespace, which is not modelled`);
      }
      const body = text.startsWith('--') ? text.slice(2) : text;
      const eq = body.indexOf('=');
      parsed.push({ name: eq < 0 ? body : body.slice(0, eq), value: eq < 0 ? null : body.slice(eq + 1), line });
    }
    for (const f of parsed) {
      const kind = spec[f.name];
      if (kind === undefined) {
        this.error(line, `unknown flag: ${f.name}`);
        continue;
      }
      const list = out.get(f.name) ?? [];
      if (kind === 'bool') {
        const v = f.value === null ? 'true' : f.value.toLowerCase();
        if (v !== 'true' && v !== 'false') this.error(line, `expecting boolean value for flag ${f.name}, not: ${f.value}`);
        list.push(v);
      } else {
        if (f.value === null) {
          this.error(line, `missing a value on flag: ${f.name}`);
          continue;
        }
        if (kind === 'string' && list.length > 0) this.error(line, `duplicate flag specified: ${f.name}`);
        list.push(f.value);
      }
      out.set(f.name, list);
    }
    return out;
  }

  // ---------------------------------------------------------------- instructions

  convertCopy(ins: Copy | Add, env: EnvMap, stageIndex: number, onbuild: boolean): CopyLike {
    const kind = ins instanceof lib().Copy ? 'COPY' : 'ADD';
    const line = this.lineOf(ins);
    const r = ins.getRange();
    const flags = this.flags(ins, kind === 'COPY' ? COPY_FLAGS : ADD_FLAGS);
    const json = this.jsonArgs(ins);
    const args = json ?? this.rawArgs(ins);
    const unresolved = new Set<string>();
    const rawSources: string[] = [];
    const sources: string[] = [];
    const remote: boolean[] = [];
    const heredocs: string[] = [];
    let dest = '';
    if (args.length < 2) {
      this.error(line, `${kind} requires at least two arguments, but only one was provided. Destination could not be determined.`);
    } else {
      const rawDest = args[args.length - 1]!;
      dest = this.expand(rawDest, env, line, unresolved);
      for (const raw of args.slice(0, -1)) {
        const hd = HEREDOC.exec(raw); // parseSourcesAndDest checks JSON-form sources too
        if (hd) {
          heredocs.push(hd[1]!.replace(/^(["'])(.*)\1$/, '$2'));
          continue;
        }
        const s = this.expand(raw, env, line, unresolved);
        rawSources.push(raw);
        sources.push(s);
        const k = sourceKind(s);
        remote.push(k !== 'local');
        if (kind === 'COPY' && k === 'git') this.error(line, "source can't be a git ref for COPY");
        if (kind === 'COPY' && k === 'http') this.error(line, "source can't be a URL for COPY");
      }
    }
    const fromValue = flags.get('from')?.[0] ?? '';
    const fromFlag = fromValue === '' ? null : fromValue; // --from= (empty) means the context
    if (fromFlag !== null) {
      try {
        if (processWord(fromFlag, new Map(), { escape: this.escape }).result !== fromFlag) {
          this.error(line, 'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround');
        }
      } catch (err) {
        if (!(err instanceof ShellLexError)) throw err;
        this.error(line, err.message);
      }
    }
    const instr: CopyLike = {
      kind,
      line,
      endLine: r.end.line + 1,
      text: this.oneLine(ins),
      sources,
      rawSources,
      dest,
      from: fromFlag,
      fromStage: null,
      exclude: flags.get('exclude') ?? [],
      parents: (flags.get('parents') ?? []).at(-1) === 'true',
      remote,
      heredoc: heredocs.length > 0,
      heredocs,
      unresolvedVars: [...unresolved],
    };
    if (onbuild) instr.onbuild = true;
    if (fromFlag !== null) this.pending.push({ instr, stage: stageIndex, stageName: this.stageLabel(stageIndex) });
    return instr;
  }

  convertRun(ins: Run, env: EnvMap, stageIndex: number, onbuild: boolean): RunInstr {
    const line = this.lineOf(ins);
    const r = ins.getRange();
    const unresolved = new Set<string>();
    const flags = this.flags(ins, { mount: 'strings', network: 'string', security: 'string', device: 'strings' });
    const mounts: RunMount[] = [];
    for (const value of flags.get('mount') ?? []) {
      let fields: string[];
      try {
        fields = parseCsvRecord(value);
      } catch (err) {
        this.error(line, `failed to parse csv mounts: ${(err as Error).message}`);
        continue;
      }
      const m: RunMount = { type: 'bind', source: null, target: null, from: null, fromStage: null };
      for (const field of fields) {
        const eq = field.indexOf('=');
        if (eq < 0) {
          // ro, rw, required take no value and do not change what is read.
          const flag = field.toLowerCase();
          if (!['readonly', 'ro', 'readwrite', 'rw', 'required'].includes(flag)) {
            this.error(line, `invalid field '${field}' must be a key=value pair`);
          }
          continue;
        }
        const key = field.slice(0, eq).toLowerCase();
        const rawValue = field.slice(eq + 1);
        if (key === 'from' && /\$./.test(rawValue)) {
          this.error(line, "'from' doesn't support variable expansion, define alias stage instead");
        }
        const v = this.expand(rawValue, env, line, unresolved);
        switch (key) {
          case 'type': {
            const t = v.toLowerCase();
            if (!['bind', 'cache', 'tmpfs', 'secret', 'ssh'].includes(t)) this.error(line, `unsupported mount type ${JSON.stringify(v)}`);
            m.type = t;
            break;
          }
          case 'from':
            m.from = v === '' ? null : v; // from= (empty) means the context
            break;
          case 'source':
          case 'src':
            m.source = v;
            break;
          case 'target':
          case 'dst':
          case 'destination':
            m.target = v;
            break;
        }
      }
      mounts.push(m);
    }
    const json = this.jsonArgs(ins);
    const argsRange = ins.getArgumentsRange();
    let command = '';
    if (json !== null) command = json.join(' ');
    else if (argsRange !== null) {
      const from = this.src.offset(argsRange.start);
      let to = this.src.offset(argsRange.end);
      const body = this.heredocBodyStart(ins);
      if (body !== null && body < to) to = body;
      command = joinContinuations(this.src.text.slice(from, to), this.escape).trim();
    }
    const instr: RunInstr = {
      kind: 'RUN',
      line,
      endLine: r.end.line + 1,
      text: this.oneLine(ins),
      mounts,
      command,
      unresolvedVars: [...unresolved],
    };
    if (onbuild) instr.onbuild = true;
    if (mounts.some((m) => m.from !== null)) this.pending.push({ instr, stage: stageIndex, stageName: this.stageLabel(stageIndex) });
    return instr;
  }

  stageLabel(i: number): string {
    return this.stages[i]?.name ?? `stage-${i}`;
  }

  /** ARG inside a stage (dispatchArg). */
  stageArg(ins: Arg, env: EnvMap): void {
    const line = this.lineOf(ins);
    for (const p of ins.getProperties()) {
      const key = p.getName();
      const hasValue = this.has(this.buildArgs, key);
      const rawDefault = p.getUnescapedValue();
      let value: string | null = null;
      if (hasValue) value = this.buildArgs[key]!;
      else if (rawDefault !== null) value = this.expand(rawDefault, env, line);
      else if (this.globalEnv.has(key)) value = this.globalEnv.get(key)!;
      if (value !== null) env.set(key, value);
    }
  }

  /** ENV: every value is expanded with the environment from before the instruction. */
  stageEnv(ins: Env, env: EnvMap): void {
    const line = this.lineOf(ins);
    const snapshot = new Map(env);
    const updates: [string, string][] = [];
    for (const p of ins.getProperties()) {
      const raw = p.getUnescapedValue();
      if (raw === null) {
        this.error(line, 'ENV must have two arguments');
        continue;
      }
      updates.push([p.getName(), this.expand(raw, snapshot, line)]);
    }
    for (const [k, v] of updates) env.set(k, v);
  }

  /** Meta ARG before the first FROM (buildMetaArgs). */
  metaArg(ins: Arg): void {
    const line = this.lineOf(ins);
    for (const p of ins.getProperties()) {
      const key = p.getName();
      const rawDefault = p.getUnescapedValue();
      let value: string | null = null;
      if (this.has(this.buildArgs, key)) value = this.buildArgs[key]!;
      else if (rawDefault !== null) value = this.expand(rawDefault, this.globalEnv, line);
      if (value !== null) this.globalEnv.set(key, value);
      this.globalArgs[key] = value;
    }
  }

  convertBody(ins: AstInstruction, env: EnvMap, stageIndex: number, onbuild: boolean): Instruction {
    if (ins instanceof lib().Copy || ins instanceof lib().Add) return this.convertCopy(ins, env, stageIndex, onbuild);
    if (ins instanceof lib().Run) return this.convertRun(ins, env, stageIndex, onbuild);
    if (ins instanceof lib().Arg) this.stageArg(ins, env);
    else if (ins instanceof lib().Env) this.stageEnv(ins, env);
    const keyword = ins.getKeyword();
    if (!KNOWN.has(keyword)) this.error(this.lineOf(ins), `unknown instruction: ${keyword}`);
    const r = ins.getRange();
    const other: OtherInstr = { kind: 'OTHER', keyword, line: r.start.line + 1, endLine: r.end.line + 1, text: this.oneLine(ins) };
    return other;
  }

  startStage(ins: From): void {
    const line = this.lineOf(ins);
    const args = this.rawArgs(ins);
    let name: string | null = null;
    if (args.length === 3 && args[1]!.toLowerCase() === 'as') {
      name = args[2]!.toLowerCase();
      if (!VALID_STAGE_NAME.test(name)) {
        this.error(line, `invalid name for build stage: ${JSON.stringify(args[2])}, name can't start with a number or contain symbols`);
      }
    } else if (args.length !== 1) {
      this.error(line, 'FROM requires either one or three arguments');
    }
    const image = args.length > 0 ? this.expand(args[0]!, this.globalEnv, line) : '';
    if (args.length > 0 && image === '') this.error(line, `base name (${args[0]}) should not be blank`);
    // dispatchStates.addState: the base is the latest stage registered so far under that name.
    let baseStage: number | null = null;
    for (let i = this.stages.length - 1; i >= 0; i--) {
      if (this.stages[i]!.name === image) {
        baseStage = i;
        break;
      }
    }
    const platformFlag = ins.getPlatformFlag();
    const index = this.stages.length;
    const stage: Stage = {
      index,
      name,
      line,
      image,
      baseStage,
      platform: platformFlag ? unquoteFlagWord(platformFlag.getValue() ?? '').text : null,
      instructions: [],
    };
    this.stages.push(stage);
    this.stageTriggers.push([]);
    // The stage starts from its base stage's final state: its ENV and ARG values carry over.
    const env: EnvMap = baseStage !== null ? new Map(this.stageEnvs[baseStage]) : new Map();
    this.stageEnvs.push(env);
    // ONBUILD instructions of a base *stage* run first in the stage built on it.
    if (baseStage !== null) {
      for (const t of this.stageTriggers[baseStage] ?? []) stage.instructions.push(this.convertBody(t, env, index, true));
    }
  }

  /** Resolve --from / mount from= against the stage list (all stages are registered first). */
  resolveFroms(): void {
    const byName = (name: string): number | null => {
      const lower = name.toLowerCase();
      for (let i = this.stages.length - 1; i >= 0; i--) if (this.stages[i]!.name === lower) return i;
      return null;
    };
    const checkOrder = (p: Pending, target: number, what: string): void => {
      if (target === p.stage) this.error(p.instr.line, `circular dependency detected on stage: ${p.stageName}`);
      else if (target > p.stage) {
        this.error(p.instr.line, `cannot ${what} from stage ${JSON.stringify(this.stageLabel(target))}, it needs to be defined before current stage ${JSON.stringify(p.stageName)}`);
      }
    };
    for (const p of this.pending) {
      if (p.instr.kind === 'RUN') {
        for (const m of p.instr.mounts) {
          if (m.from === null) continue;
          m.fromStage = byName(m.from);
          if (m.fromStage !== null) checkOrder(p, m.fromStage, 'mount');
        }
        continue;
      }
      const from = p.instr.from!;
      if (/^[+-]?[0-9]+$/.test(from)) {
        const idx = Number.parseInt(from, 10);
        if (idx < 0 || idx >= this.stages.length) {
          this.error(p.instr.line, `invalid stage index ${idx}`);
          continue;
        }
        p.instr.fromStage = idx;
      } else {
        p.instr.fromStage = byName(from);
      }
      if (p.instr.fromStage !== null) checkOrder(p, p.instr.fromStage, 'copy');
    }
  }
}

/** Parse a Dockerfile into stages and instructions, with BuildKit's ARG/ENV expansion. */
export function parseDockerfile(text: string, opts: ParseOptions = {}): DockerfileModel {
  const df = lib().DockerfileParser.parse(text);
  const conv = new Converter(text, df.getEscapeCharacter(), opts);
  const all = df.getInstructions();

  // TARGETSTAGE defaults to the last stage's name.
  let lastName = '';
  for (const ins of all) {
    if (ins instanceof lib().From) {
      const args = ins.getArguments();
      lastName = args.length === 3 && args[1]!.getValue().toLowerCase() === 'as' ? args[2]!.getValue().toLowerCase() : '';
    }
  }
  conv.initGlobalEnv(lastName);

  for (const ins of all) {
    if (ins instanceof lib().From) {
      conv.startStage(ins);
      continue;
    }
    const current = conv.stages.length - 1;
    if (current < 0) {
      if (ins instanceof lib().Arg) conv.metaArg(ins);
      else conv.error(conv.lineOf(ins), 'no build stage in current context');
      continue;
    }
    const stage = conv.stages[current]!;
    const env = conv.stageEnvs[current]!;
    stage.instructions.push(conv.convertBody(ins, env, current, false));
    if (ins instanceof lib().Onbuild) {
      const trigger = ins.getTriggerInstruction();
      const word = (ins.getTriggerWord() ?? '').toUpperCase();
      if (word === 'ONBUILD') conv.error(conv.lineOf(ins), 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
      else if (word === 'FROM' || word === 'MAINTAINER') conv.error(conv.lineOf(ins), `${word} isn't allowed as an ONBUILD trigger`);
      else if (trigger !== null) conv.stageTriggers[current]!.push(trigger);
    }
  }
  if (conv.stages.length === 0) conv.error(1, 'dockerfile contains no stages to build');
  conv.resolveFroms();
  return { stages: conv.stages, globalArgs: conv.globalArgs, errors: conv.errors, escape: conv.escape };
}

// ---------------------------------------------------------------------------------------------

function stageDeps(stage: Stage): number[] {
  const deps: number[] = [];
  if (stage.baseStage !== null) deps.push(stage.baseStage);
  for (const ins of stage.instructions) {
    if ((ins.kind === 'COPY' || ins.kind === 'ADD') && ins.fromStage !== null) deps.push(ins.fromStage);
    if (ins.kind === 'RUN') for (const m of ins.mounts) if (m.fromStage !== null) deps.push(m.fromStage);
  }
  return deps;
}

/**
 * Indexes of the stages BuildKit builds for `target` (default: last stage): the target and
 * everything it depends on via FROM <stage>, COPY --from=<stage>, RUN --mount from=<stage>.
 */
export function stagesToBuild(model: DockerfileModel, target?: string): number[] {
  if (model.stages.length === 0) throw new Error('dockerfile contains no stages to build');
  let start: number;
  if (target === undefined || target === '') {
    start = model.stages.length - 1;
  } else {
    const lower = target.toLowerCase();
    let found = -1;
    for (let i = model.stages.length - 1; i >= 0; i--) {
      if (model.stages[i]!.name === lower) {
        found = i;
        break;
      }
    }
    if (found < 0) {
      const names = model.stages.map((s) => s.name).filter((n): n is string => n !== null);
      throw new Error(`target stage ${JSON.stringify(target)} could not be found${names.length ? ` (stages: ${names.join(', ')})` : ''}`);
    }
    start = found;
  }
  const seen = new Set<number>();
  const todo = [start];
  while (todo.length > 0) {
    const i = todo.pop()!;
    if (seen.has(i)) continue;
    seen.add(i);
    const st = model.stages[i];
    if (st) todo.push(...stageDeps(st));
  }
  return [...seen].sort((a, b) => a - b);
}

/** Does this mount read the build context? bind mounts without from= (see convert_runmount.go). */
export function isContextMount(m: RunMount): boolean {
  return m.type === 'bind' && m.from === null;
}

/**
 * Every instruction in the built stages that reads the build context (COPY/ADD without --from
 * and with a non-remote source; RUN --mount=type=bind without from=), in dispatch order.
 */
export function contextUses(model: DockerfileModel, target?: string): { stage: number; instr: CopyLike | RunInstr; sources: string[] }[] {
  const out: { stage: number; instr: CopyLike | RunInstr; sources: string[] }[] = [];
  for (const i of stagesToBuild(model, target)) {
    for (const ins of model.stages[i]!.instructions) {
      if (ins.kind === 'COPY' || ins.kind === 'ADD') {
        if (ins.from !== null) continue;
        const sources = ins.sources.filter((_, k) => !ins.remote[k]);
        if (sources.length > 0) out.push({ stage: i, instr: ins, sources });
      } else if (ins.kind === 'RUN') {
        const sources = ins.mounts.filter(isContextMount).map((m) => (m.source === null || m.source === '' ? '.' : m.source));
        if (sources.length > 0) out.push({ stage: i, instr: ins, sources });
      }
    }
  }
  return out;
}
