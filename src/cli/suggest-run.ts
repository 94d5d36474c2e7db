// `ctxcheck suggest` after flag parsing: which builds, which ignore files, and what to do with
// each proposal (print, diff, check, write, JSON). Exit codes: 0 done, 1 `--check` found rules
// missing, 2 bad input or a refused proposal.
import { isAbsolute, relative } from 'node:path';
import { atomicWrite } from './atomic-write.js';
import type { CommonOptions } from '../pipeline/options.js';
import { InputError } from '../errors.js';
import { humanSize, count } from '../units.js';
import type { Suggestion, SuggestStyle } from '../suggest/suggest.js';

export interface SuggestFlags {
  write?: boolean;
  diff?: boolean;
  check?: boolean;
  format?: string;
  style?: string;
  all?: boolean;
  composeFiles?: string[];
  large: number;
  /** No root Dockerfile and no -f: suggest for every build, like the report does. */
  noRootDockerfile: boolean;
  /** Called once the proposals are computed, before anything is printed (clears a progress line). */
  beforeOutput?: () => void;
}

export const SUGGEST_FORMATS = ['text', 'json'] as const;
const STYLES: SuggestStyle[] = ['denylist', 'allowlist'];

/** Returns the exit code. */
export async function runSuggest(opts: CommonOptions, flags: SuggestFlags, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const format = flags.format ?? 'text';
  if (!(SUGGEST_FORMATS as readonly string[]).includes(format)) throw new InputError(`--format must be one of: ${SUGGEST_FORMATS.join(', ')}`);
  const style = (flags.style ?? 'denylist') as SuggestStyle;
  if (!STYLES.includes(style)) throw new InputError(`--style must be one of: ${STYLES.join(', ')}`);
  const cwd = process.cwd();
  const explicitAll = flags.all === true || flags.composeFiles !== undefined;
  let all = explicitAll || (opts.dockerfile === undefined && flags.noRootDockerfile);
  const { suggest, suggestFor } = await import('../suggest/suggest.js');
  const sugs: Suggestion[] = [];
  const problems: { build?: string; file: string; line?: number; message: string }[] = [];
  if (all) {
    const { allBuilds } = await import('../suggest/builds.js');
    const found = await allBuilds(opts.context ?? '.', { ...opts, ...(flags.composeFiles ? { composeFiles: flags.composeFiles } : {}) });
    problems.push(...found.problems);
    if (found.groups.length === 0 && explicitAll) throw new InputError(`${opts.context ?? '.'}: no build found (no Dockerfile, Compose service or Bake target)`);
    // Without --all and without any build, propose for the context alone (as the report does).
    if (found.groups.length === 0) all = false;
    for (const g of found.groups) sugs.push(await suggestFor(g.builds, { ...opts, large: flags.large, style }));
  }
  if (!all) {
    sugs.push(await suggest({ ...opts, large: flags.large, style }));
  }

  flags.beforeOutput?.();
  const shown = (file: string): string => relative(cwd, file) || file;
  const written = new Set<Suggestion>();
  if (flags.write && !flags.check) {
    for (const s of sugs) {
      const rel = relative(s.contextDir, s.file);
      if (rel.startsWith('..') || isAbsolute(rel)) throw new InputError(`${shown(s.file)}: outside the context; refusing to write it`);
    }
    for (const s of sugs) {
      if (s.proposed === s.current) continue;
      await atomicWrite(s.file, s.proposed);
      written.add(s);
    }
  }

  if (format === 'json') {
    out.write(JSON.stringify({ version: 1, suggestions: sugs.map((s) => toJson(s, shown(s.file), written.has(s))), problems: problems.map((p) => ({ ...p, file: shown(p.file) })) }, null, 2) + '\n');
  } else if (flags.diff) {
    const { unifiedDiff } = await import('../suggest/diff.js');
    for (const s of sugs) out.write(unifiedDiff(s.current, s.proposed, `a/${shown(s.file)}`, `b/${shown(s.file)}`));
  } else if (!flags.write && !flags.check) {
    for (const s of sugs) {
      if (sugs.length > 1) out.write(`# ==> ${shown(s.file)} <==\n`);
      out.write(s.proposed);
    }
  }

  const lines: string[] = [];
  for (const s of sugs) {
    const state = flags.check ? (s.missing.length > 0 ? ` (lacks ${count(s.missing.length, 'rule line')})` : ' (up to date)') : flags.write ? (written.has(s) ? ' (written)' : ' (already up to date)') : '';
    lines.push(`ctxcheck suggest: ${count(s.rules.filter((r) => !r.review).length, 'rule')} for ${shown(s.file)}${state}; proved against ${count(s.builds.length, 'build')}: ${s.builds.map((b) => b.name).join('; ')}`);
    lines.push(`  files     ${s.before.files} → ${s.after.files}`);
    lines.push(`  bytes     ${humanSize(s.before.bytes)} → ${humanSize(s.after.bytes)}`);
    lines.push(`  tar bytes ${humanSize(s.before.tarBytes)} → ${humanSize(s.after.tarBytes)}`);
    if (flags.check) for (const m of s.missing) lines.push(`  missing   ${m}`);
    for (const d of s.dropped) lines.push(`  dropped   ${d.line}: ${d.reason}`);
    if (s.repeated.length > 0) lines.push(`  repeated  ${s.repeated.join(' ')} after the generated rules, so they keep their effect`);
    for (const n of s.notes) lines.push(`  note      ${n}`);
    if (s.allowlist) lines.push(`  allow-list: every build copies explicit paths; --style allowlist would send ${count(s.allowlist.files, 'file')}, ${humanSize(s.allowlist.bytes)} (tar ${humanSize(s.allowlist.tarBytes)})`);
  }
  for (const p of problems) lines.push(`ctxcheck suggest: not checked: ${p.build ? `${p.build}: ` : ''}${shown(p.file)}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`);
  err.write(lines.join('\n') + '\n');
  return flags.check && sugs.some((s) => s.missing.length > 0) ? 1 : 0;
}

function toJson(s: Suggestion, file: string, written: boolean): Record<string, unknown> {
  return {
    file,
    style: s.style,
    changed: s.proposed !== s.current,
    written,
    current: s.current,
    proposed: s.proposed,
    rules: s.rules,
    dropped: s.dropped,
    repairs: s.repairs,
    repeated: s.repeated,
    missing: s.missing,
    notes: s.notes,
    builds: s.builds,
    stacks: s.stacks,
    before: s.before,
    after: s.after,
    copyErrorsBefore: s.copyErrorsBefore,
    copyErrorsAfter: s.copyErrorsAfter,
    allowlist: s.allowlist,
  };
}
