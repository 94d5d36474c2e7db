// Parse a Dockerfile into the model (model.ts): stages and the instructions that can read the
// build context, following the moby/buildkit Dockerfile frontend (see model.ts for the files).
// dockerfile-ast locates the parts; this module converts them as dockerfile2llb does, with
// flags.ts for instruction flags and variables.ts for ARG/ENV expansion.
import type {
  Add,
  Arg,
  Copy,
  From,
  Onbuild,
  Run,
  Argument,
  Instruction as AstInstruction,
  JSONInstruction,
} from 'dockerfile-ast';
import { loadDockerfileAst, type DockerfileAst } from './ast-loader.js';
import { processWord, ShellLexError } from './shell-lex.js';
import { sourceKind } from './remote.js';
import type { CopyLike, DockerfileModel, Instruction, OtherInstr, ParseOptions, RunInstr, RunMount, Stage } from './model.js';
import { ADD_FLAGS, COPY_FLAGS, parseCsvRecord, parseFlags, unquoteFlagWord, type FlagSpec } from './flags.js';
import { joinContinuations, lineOf, SourceText, type Rng } from './source-text.js';
import { BuildVariables, type EnvMap } from './variables.js';

// Loaded on first parse (ast-loader.ts).
let ast: DockerfileAst | null = null;
function lib(): DockerfileAst {
  return (ast ??= loadDockerfileAst());
}

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

interface Pending {
  instr: CopyLike | RunInstr;
  stage: number;
  stageName: string;
}

class Converter {
  readonly src: SourceText;
  readonly escape: string;
  readonly errors: { line: number; message: string }[] = [];
  readonly stages: Stage[] = [];
  readonly stageEnvs: EnvMap[] = [];
  readonly stageTriggers: AstInstruction[][] = [];
  readonly pending: Pending[] = [];
  readonly vars: BuildVariables;

  constructor(text: string, escape: string, opts: ParseOptions) {
    this.src = new SourceText(text);
    this.escape = escape;
    this.vars = new BuildVariables(escape, opts, (line, message) => this.error(line, message));
  }

  error(line: number, message: string): void {
    this.errors.push({ line, message });
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

  private flags(ins: AstInstruction, spec: FlagSpec): Map<string, string[]> {
    return parseFlags(ins, spec, this.src, this.escape, (line, message) => this.error(line, message));
  }

  // ---------------------------------------------------------------- instructions

  convertCopy(ins: Copy | Add, env: EnvMap, stageIndex: number, onbuild: boolean): CopyLike {
    const kind = ins instanceof lib().Copy ? 'COPY' : 'ADD';
    const line = lineOf(ins);
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
      dest = this.vars.expand(rawDest, env, line, unresolved);
      for (const raw of args.slice(0, -1)) {
        const hd = HEREDOC.exec(raw); // parseSourcesAndDest checks JSON-form sources too
        if (hd) {
          heredocs.push(hd[1]!.replace(/^(["'])(.*)\1$/, '$2'));
          continue;
        }
        const s = this.vars.expand(raw, env, line, unresolved);
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
    const line = lineOf(ins);
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
        const v = this.vars.expand(rawValue, env, line, unresolved);
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

  convertBody(ins: AstInstruction, env: EnvMap, stageIndex: number, onbuild: boolean): Instruction {
    if (ins instanceof lib().Copy || ins instanceof lib().Add) return this.convertCopy(ins, env, stageIndex, onbuild);
    if (ins instanceof lib().Run) return this.convertRun(ins, env, stageIndex, onbuild);
    if (ins instanceof lib().Arg) this.vars.stageArg(ins, env);
    else if (ins instanceof lib().Env) this.vars.stageEnv(ins, env);
    const keyword = ins.getKeyword();
    if (!KNOWN.has(keyword)) this.error(lineOf(ins), `unknown instruction: ${keyword}`);
    const r = ins.getRange();
    const other: OtherInstr = { kind: 'OTHER', keyword, line: r.start.line + 1, endLine: r.end.line + 1, text: this.oneLine(ins) };
    return other;
  }

  startStage(ins: From): void {
    const line = lineOf(ins);
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
    const image = args.length > 0 ? this.vars.expand(args[0]!, this.vars.globalEnv, line) : '';
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
  conv.vars.initGlobalEnv(lastName);

  for (const ins of all) {
    if (ins instanceof lib().From) {
      conv.startStage(ins);
      continue;
    }
    const current = conv.stages.length - 1;
    if (current < 0) {
      if (ins instanceof lib().Arg) conv.vars.metaArg(ins);
      else conv.error(lineOf(ins), 'no build stage in current context');
      continue;
    }
    const stage = conv.stages[current]!;
    const env = conv.stageEnvs[current]!;
    stage.instructions.push(conv.convertBody(ins, env, current, false));
    if (ins instanceof lib().Onbuild) {
      const trigger = ins.getTriggerInstruction();
      const word = (ins.getTriggerWord() ?? '').toUpperCase();
      if (word === 'ONBUILD') conv.error(lineOf(ins), 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
      else if (word === 'FROM' || word === 'MAINTAINER') conv.error(lineOf(ins), `${word} isn't allowed as an ONBUILD trigger`);
      else if (trigger !== null) conv.stageTriggers[current]!.push(trigger);
    }
  }
  if (conv.stages.length === 0) conv.error(1, 'dockerfile contains no stages to build');
  conv.resolveFroms();
  return { stages: conv.stages, globalArgs: conv.vars.globalArgs, errors: conv.errors, escape: conv.escape };
}
