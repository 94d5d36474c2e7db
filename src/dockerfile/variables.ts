// Build variables as BuildKit's dockerfile2llb sees them: the automatic platform ARGs and
// TARGETSTAGE, meta ARGs before the first FROM (buildMetaArgs), ARG inside a stage
// (dispatchArg: --build-arg only for declared ARGs) and ENV, each value expanded by the shell
// lexer with the environment in effect at that instruction.
import type { Arg, Env } from 'dockerfile-ast';
import { processWord, ShellLexError, type Env as LexEnv } from './shell-lex.js';
import type { ParseOptions } from './model.js';
import { lineOf } from './source-text.js';

export type EnvMap = Map<string, string>;

function splitPlatform(p: string): { os: string; arch: string; variant: string } {
  const [os = '', arch = '', variant = ''] = p.split('/');
  return { os, arch, variant };
}

export class BuildVariables {
  readonly globalArgs: Record<string, string | null> = {};
  readonly globalEnv: EnvMap = new Map();
  private readonly buildArgs: Record<string, string>;

  constructor(
    private readonly escape: string,
    private readonly opts: ParseOptions,
    private readonly error: (line: number, message: string) => void,
  ) {
    this.buildArgs = opts.buildArgs ?? {};
  }

  private has(obj: Record<string, string>, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(obj, key);
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

  /** ARG inside a stage (dispatchArg). */
  stageArg(ins: Arg, env: EnvMap): void {
    const line = lineOf(ins);
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
    const line = lineOf(ins);
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
    const line = lineOf(ins);
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
}
