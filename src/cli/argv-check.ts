// Checks the command line against the commands and flags registered with cac, before cac parses
// it. cac reports an unknown flag by its camelCased key (`--fial-on` → "--fialOn"), accepts a
// camelCased spelling of a known one (`--failOn`), ignores extra positionals and words after
// `--`, and sends a mistyped command name to the default command as a context path. Here every
// flag is checked as typed, with the closest known flag of that command as a suggestion.
import type { CAC, Command } from 'cac';
import { existsSync } from 'node:fs';
import { InputError } from '../errors.js';

interface FlagSpec {
  /** Takes a value (`--format <format>`): the next word is that value. */
  value: boolean;
}

type Flags = Map<string, FlagSpec>;

/** `-c, --compose-file <file>` → { -c, --compose-file } taking a value. */
function flagsOf(cmd: Command, into: Flags = new Map()): Flags {
  for (const opt of cmd.options) {
    const value = opt.rawName.includes('<') || opt.rawName.includes('[');
    for (const word of opt.rawName.split(/[\s,]+/)) if (word.startsWith('-')) into.set(word, { value });
  }
  return into;
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions (fial → fail). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      const prev = d[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      row[j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate closest to `word`, when it is close enough to be what was meant. */
export function closest(word: string, candidates: Iterable<string>): string | null {
  const norm = (s: string): string => s.replace(/^-+/, '').replace(/-/g, '').toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    // `--failOn` for `--fail-on`: the same word in another case or without the dashes.
    const d = norm(c) === norm(word) ? 0 : editDistance(word.replace(/^-+/, ''), c.replace(/^-+/, ''));
    if (d < bestD) [best, bestD] = [c, d];
  }
  const len = word.replace(/^-+/, '').length;
  return best !== null && bestD <= (len <= 4 ? 1 : 2) && bestD < len ? best : null;
}

export interface ArgvCheck {
  /** --version was asked for (printed bare by the caller). */
  version: boolean;
  help: boolean;
}

const commandName = (cmd: Command): string => (cmd.name === '' ? 'ctxcheck' : `ctxcheck ${cmd.name}`);

/** Throws an InputError (exit 2, one line) for an unknown flag, command or extra argument. */
export function checkArgv(cli: CAC, args: readonly string[], cwd = process.cwd()): ArgvCheck {
  const global = flagsOf(cli.globalCommand);
  const named = cli.commands.filter((c) => c.name !== '');
  const all = new Map(global);
  for (const c of cli.commands) flagsOf(c, all);
  const dash = args.indexOf('--');
  const before = dash < 0 ? [...args] : args.slice(0, dash);
  const after = dash < 0 ? [] : args.slice(dash + 1);

  // The command: the first word that is not a flag or a flag's value (as cac finds it).
  let first: number | null = null;
  for (let i = 0; i < before.length; i++) {
    const w = before[i]!;
    if (w.startsWith('-') && w !== '-') {
      if (!w.includes('=') && all.get(w)?.value) i++;
      continue;
    }
    first = i;
    break;
  }
  const cmd = (first !== null ? named.find((c) => c.name === before[first!]) : undefined) ?? cli.commands.find((c) => c.name === '');
  if (!cmd) return { version: false, help: false };
  const known = flagsOf(cmd, new Map(global));
  if (before.includes('-h') || before.includes('--help')) return { version: false, help: true };
  if (before.includes('-v') || before.includes('--version')) return { version: true, help: false };

  const positionals: string[] = [];
  for (let i = 0; i < before.length; i++) {
    const w = before[i]!;
    if (!w.startsWith('-') || w === '-') {
      if (i !== first || cmd.name === '') positionals.push(w);
      continue;
    }
    const name = w.startsWith('--') ? w.split('=')[0]! : w;
    let spec = known.get(name);
    // mri reads `--no-x` as x=false for any boolean flag x; `--no-color` is one of these.
    if (!spec && name.startsWith('--no-') && known.get(`--${name.slice(5)}`)?.value === false) spec = { value: false };
    if (!spec && !name.startsWith('--') && name.length > 2) {
      // A cluster of short flags (`-qz`): each must exist.
      const bad = [...name.slice(1)].find((ch) => !known.has(`-${ch}`));
      if (bad === undefined) continue;
      throw new InputError(`unknown option -${bad} in ${name} (see ${commandName(cmd)} --help)`);
    }
    if (!spec) {
      const guess = closest(name, known.keys());
      const elsewhere = guess ? [] : named.filter((c) => c !== cmd && flagsOf(c).has(name)).map((c) => c.name);
      const hint = guess ? `did you mean ${guess}?` : elsewhere.length > 0 ? `an option of ctxcheck ${elsewhere.join(', ctxcheck ')}` : `see ${commandName(cmd)} --help`;
      throw new InputError(`unknown option ${name} (${hint})`);
    }
    if (spec.value && !w.includes('=')) i++;
  }

  // `why` reads the words after `--` as its paths; nothing else uses them.
  const variadic = cmd.args.some((a) => a.variadic);
  if (!variadic && after.length > 0) throw new InputError(`unexpected argument ${after[0]} after -- (only ctxcheck why takes paths there)`);
  const max = variadic ? Infinity : cmd.args.length;

  if (cmd.name === '' && positionals.length > 0) {
    // A word that names nothing on disk but is close to a command name is a mistyped command;
    // an existing directory is always a context (`ctxcheck ls` vs a directory named "ls").
    const word = positionals[0]!;
    if (!word.includes('/') && !existsSync(`${cwd}/${word}`)) {
      const guess = closest(word, named.map((c) => c.name));
      if (guess) throw new InputError(`unknown command ${word} (did you mean ${guess}?)`);
    }
  }
  if (positionals.length > max) {
    const takes = max === 0 ? 'takes no arguments' : 'takes one context directory';
    throw new InputError(`unexpected argument ${positionals[max]} (${commandName(cmd)} ${takes})`);
  }
  return { version: false, help: false };
}
