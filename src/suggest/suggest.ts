// `ctxcheck suggest`: the ignore file a user would write with full knowledge of the tree and
// every build that uses it. Every rule comes from evidence (churn, secrets, VCS data, tool and
// build-output directories, virtualenvs, the project's .gitignore files, large files no build
// reads) and carries a comment saying why and what it saves.
//
// Safety is proved, not hoped: the proposal is re-analysed for every build that uses the file
// (all Dockerfiles, Compose services and Bake targets sharing the context), under both builders.
// A rule under which any COPY/ADD/RUN --mount source would be excluded, a user's "!" exception
// would lose its effect, or anything the user's lines exclude would come back, is narrowed or
// dropped (and the drop is reported); what cannot be attributed to a rule is refused.
// (Over 500 lines: proposal, proof and rendering share one state; split by phase below.)
import type { AnalyzeOptions, CommonOptions } from '../pipeline/options.js';
import { runAnalysis, type Analysis } from '../pipeline/report.js';
import { setup } from '../pipeline/setup.js';
import { sharedWork, type SharedWork } from '../pipeline/walk.js';
import type { Builder } from '../context/builders.js';
import type { EntryStore } from '../context/entry-store.js';
import type { ContextEntry } from '../context/walk.js';
import { cleanSource, resolveSource } from '../dockerfile/copy-sources.js';
import { InputError } from '../errors.js';
import type { ContextFS } from '../fs/types.js';
import { Matcher } from '../ignore/matcher.js';
import { readIgnoreFile, type RawRule } from '../ignore/parse.js';
import { matchCompiled } from '../ignore/pattern.js';
import { baseName, parentRel } from '../paths.js';
import type { Finding, Summary } from '../types.js';
import { humanSize, count } from '../units.js';
import type { BuildSpec } from './builds.js';
import { literalPattern } from './escape.js';
import { treeEvidence, type Candidate } from './evidence.js';
import { translateGitignore } from './gitignore.js';

export const BLOCK_START = '# >>> ctxcheck suggest: generated rules (re-run `ctxcheck suggest --write` to refresh) >>>';
export const BLOCK_END = '# <<< ctxcheck suggest <<<';

export type SuggestStyle = 'denylist' | 'allowlist';

export interface SuggestedRule {
  line: string;
  /** One-line reason (the comment above the rule). */
  why: string;
  /** What this rule removes from the context, given the rules before it. */
  files: number;
  bytes: number;
  /** Exceptions placed after it: what a build names, example files, .gitignore negations. */
  keeps: string[];
  /** Narrowed so it keeps a source a build names. */
  narrowed: boolean;
  /** Commented out: worth a look, but a build may need it (e.g. a large file `COPY . .` takes). */
  review?: boolean;
}

export interface DroppedRule {
  line: string;
  why: string;
  /** Why it is not in the proposal. */
  reason: string;
  /** The build and Dockerfile line it would have broken, when one. */
  build?: string;
  dockerfileLine?: number;
}

export interface Suggestion {
  /** The ignore file in use (absolute), or where a new one would go. */
  file: string;
  /** The context directory it belongs to (absolute). */
  contextDir: string;
  style: SuggestStyle;
  /** Current content ('' when there is none). */
  current: string;
  /** Proposed content: the user's lines verbatim, and the generated block. */
  proposed: string;
  rules: SuggestedRule[];
  /** Rules the evidence suggested that the proof took out, with the reason. */
  dropped: DroppedRule[];
  /** Exceptions at the end that re-include sources the user's lines exclude (the build fails today). */
  repairs: string[];
  /** The user's exceptions repeated after the generated rules, so they keep their effect. */
  repeated: string[];
  /** Facts worth saying: names that cannot be written, builds that could not be analysed. */
  notes: string[];
  /** Every build the proposal was proved against. */
  builds: { name: string; dockerfile: string | null }[];
  stacks: string[];
  before: Summary;
  after: Summary;
  /** copy-ignored/copy-missing findings before and after, over every build (must not grow). */
  copyErrorsBefore: number;
  copyErrorsAfter: number;
  /** Rule lines of the proposal missing from the current file (`--check` fails on any). */
  missing: string[];
  /** When every build copies explicit paths: what `--style allowlist` would send. */
  allowlist: { files: number; bytes: number; tarBytes: number } | null;
}

export interface SuggestOptions extends AnalyzeOptions {
  style?: SuggestStyle;
}

const STACK_MARKERS: [string, RegExp][] = [
  ['node', /^(package\.json|package-lock\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb)$/],
  ['python', /^(requirements[^/]*\.txt|pyproject\.toml|setup\.py|setup\.cfg|Pipfile|poetry\.lock|uv\.lock)$/],
  ['go', /^go\.mod$/],
  ['rust', /^Cargo\.toml$/],
  ['java/kotlin', /^(pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|gradlew)$/],
  ['.net', /\.(csproj|fsproj|vbproj|sln)$/],
  ['ruby', /^(Gemfile|Gemfile\.lock|\.ruby-version)$/],
  ['php', /^(composer\.json|composer\.lock)$/],
];

export function detectStacks(entries: Iterable<ContextEntry>): string[] {
  const found = new Set<string>();
  for (const e of entries) {
    if (e.type === 'dir' || e.path.split('/').length > 3 || e.path.includes('node_modules/')) continue;
    const name = baseName(e.path);
    for (const [stack, re] of STACK_MARKERS) if (re.test(name)) found.add(stack);
  }
  return [...found];
}

/** Split an ignore file into the user's part and our generated block. */
export function splitBlock(text: string): { user: string; block: string | null; before: string; after: string } {
  const lines = text.split(/(?<=\n)/);
  const start = lines.findIndex((l) => l.replace(/\r?\n$/, '') === BLOCK_START);
  if (start < 0) return { user: text, block: null, before: text, after: '' };
  let end = lines.findIndex((l, i) => i > start && l.replace(/\r?\n$/, '') === BLOCK_END);
  if (end < 0) end = lines.length - 1;
  const before = lines.slice(0, start).join('');
  const after = lines.slice(end + 1).join('');
  return { user: before + after, block: lines.slice(start, end + 1).join(''), before, after };
}

function matcherOf(lines: readonly string[]): Matcher | null {
  try {
    return Matcher.fromRaw(
      lines.map((text, i) => ({ text, line: i + 1, raw: text })),
      'suggestion',
    );
  } catch {
    return null;
  }
}

/** Where a build names a path: the source root and the Dockerfile line. */
interface NamedBy {
  root: string;
  build: string;
  line: number;
}

// ---------------------------------------------------------------------------------------------
// The generated rules, as the proposal is built and then proved.

interface GenRule {
  line: string;
  why: string;
  files: number;
  bytes: number;
  /** Exceptions that keep a named source. */
  keeps: string[];
  /** The rule's own exceptions (.env.example kept in, .gitignore negations). */
  exceptions: string[];
  /** User exception lines (normalised text) this rule would undo without a repeat. */
  repeats: Set<string>;
  review: boolean;
}

type Owner =
  | { type: 'user' }
  | { type: 'rule'; rule: GenRule }
  | { type: 'keep'; rule: GenRule }
  | { type: 'exception'; rule: GenRule; text: string }
  | { type: 'repeat'; text: string }
  | { type: 'repair' }
  | { type: 'allow' };

interface Rendered {
  text: string;
  owners: Map<number, Owner>;
}

const eol = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

function escapeOrNote(path: string, notes: Set<string>): string | null {
  const l = literalPattern(path);
  if (l.ok) return l.line;
  notes.add(`${JSON.stringify(path)}: no rule written (${l.reason})`);
  return null;
}

interface Base {
  build: BuildSpec;
  analysis: Analysis;
  label: string | null;
}

function copyKey(build: string, f: Finding): string {
  return `${build}\0${f.rule}\0${f.path ?? ''}\0${f.dockerfile?.line ?? 0}`;
}

const copyFindings = (a: Analysis): Finding[] => a.report.findings.filter((f) => f.category === 'copy');

function fileSet(store: EntryStore): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < store.length; i++) if (!store.isDir(i)) out.add(store.path(i));
  return out;
}

export class SuggestRefused extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'SuggestRefused';
  }
}

/** The single-build entry point: `opts` plus every discovered build sharing its ignore file. */
export async function suggest(opts: SuggestOptions, fsOverride?: ContextFS): Promise<Suggestion> {
  const { buildsSharing } = await import('./builds.js');
  const found = await buildsSharing(opts, fsOverride);
  const group = found.groups[0]!;
  const notes = found.problems.map((p) => `${p.build ? `${p.build}: ` : ''}${p.message}`);
  const sug = await suggestFor(group.builds, opts, fsOverride);
  sug.notes.push(...notes);
  return sug;
}

async function readCurrent(file: string, exists: boolean, contextDir: string, fsOverride?: ContextFS): Promise<string> {
  if (!exists) return '';
  try {
    if (fsOverride) return new TextDecoder().decode(fsOverride.readFile(file.startsWith(`${contextDir}/`) ? file.slice(contextDir.length + 1) : file));
    const { readFile } = await import('node:fs/promises');
    return new TextDecoder().decode(await readFile(file));
  } catch {
    return '';
  }
}

/** A proposal for the ignore file `builds` share (they must share one: see builds.ts). */
export async function suggestFor(builds: readonly BuildSpec[], opts: SuggestOptions, fsOverride?: ContextFS): Promise<Suggestion> {
  if (builds.length === 0) throw new InputError('suggest: no build to propose an ignore file for');
  const builder: Builder = opts.builder ?? 'buildkit';
  const other: Builder = builder === 'buildkit' ? 'legacy' : 'buildkit';
  const style: SuggestStyle = opts.style ?? 'denylist';
  const cwd = opts.cwd ?? process.cwd();
  const large = opts.large ?? 10_000_000;
  const withBuilder = (b: BuildSpec, bl: Builder, ignoreText: string): CommonOptions => ({ ...b.options, cwd, builder: bl, ignoreText });
  const probe = setup({ ...builds[0]!.options, cwd, builder }, fsOverride);
  const file = probe.inputs.ignoreFile ?? `${probe.inputs.contextDir}/.dockerignore`;
  const current = await readCurrent(file, probe.inputs.ignoreFile !== null, probe.inputs.contextDir, fsOverride);
  const { user } = splitBlock(current);
  const notes = new Set<string>();

  // The evidence: every build analysed with the user's lines alone (so a second run sees the
  // same evidence and proposes the same file). They share one walk and one secret scan.
  const shared = sharedWork();
  const bases: Base[] = [];
  for (const [k, b] of builds.entries()) {
    const s = setup(withBuilder(b, builder, user), fsOverride);
    const analysis = await runAnalysis(s, { ...opts, ...(k > 0 ? { git: false } : {}) }, shared);
    bases.push({ build: b, analysis, label: s.ignoreLabel });
  }
  const first = bases[0]!.analysis;
  const store = first.walk.entries;

  // What the builds read: every file a COPY/ADD/RUN --mount takes (null: some build takes the
  // whole context), and the sources they name explicitly (never excluded).
  const named = new Map<string, NamedBy[]>();
  let read: Set<string> | null = new Set();
  const roots: { root: string; by: NamedBy }[] = [];
  let explicitOnly = true;
  for (const { build, analysis } of bases) {
    if (!analysis.uses) {
      explicitOnly = false;
      continue;
    }
    for (const use of analysis.uses.uses) {
      const literal = use.instr.kind === 'RUN';
      let whole = false;
      for (const src of use.sources) {
        if (cleanSource(src) === '.') {
          whole = true;
          continue;
        }
        for (const m of resolveSource(src, store, { literal }).matches) roots.push({ root: m, by: { root: m, build: build.name, line: use.instr.line } });
      }
      if (whole) {
        read = null;
        explicitOnly = false;
      } else if (read) {
        for (const f of use.files) read.add(f);
      }
    }
  }
  for (const { root, by } of roots) {
    const add = (p: string): void => {
      const list = named.get(p) ?? [];
      if (!list.some((n) => n.root === by.root && n.build === by.build && n.line === by.line)) list.push(by);
      named.set(p, list);
    };
    add(root);
    const i = store.indexOf(root);
    if (i !== undefined && i >= 0 && store.isDir(i)) for (let k = i + 1; k < store.end(i); k++) add(store.path(k));
  }
  // The build definitions themselves are never excluded by a generated rule.
  const own = new Set<string>(['.dockerignore']);
  for (const b of builds) {
    try {
      const rel = setup({ ...b.options, cwd, builder }, fsOverride).inputs.dockerfileRel;
      if (rel) own.add(rel);
    } catch {
      /* resolved above */
    }
  }
  const ignoreRel = file.startsWith(`${probe.inputs.contextDir}/`) ? file.slice(probe.inputs.contextDir.length + 1) : null;
  if (ignoreRel) own.add(ignoreRel);

  // The user's exceptions: files they include are theirs to keep.
  const userRules: RawRule[] = readIgnoreFile(new TextEncoder().encode(user), 'user');
  const userMatcher = Matcher.fromRaw(userRules, 'user');
  const userKept = new Map<number, string>();
  if (userMatcher.hasExceptions) {
    for (let i = 0; i < store.length; i++) {
      if (store.isDir(i)) continue;
      try {
        const d = userMatcher.matchesOrParentMatches(store.path(i));
        const r = d.ruleIndex >= 0 ? userMatcher.rules[d.ruleIndex] : undefined;
        if (r?.exception) userKept.set(i, `!${r.pattern}`);
      } catch {
        /* a pattern Docker cannot compile: the report says so */
      }
    }
  }

  // ----- Candidates, strongest evidence first.
  const cands: Candidate[] = [];
  const evidence = treeEvidence({ store, git: first.git, read, noBuilds: bases.every((b) => !b.analysis.uses), large, unreadMin: Math.min(large, 1_000_000) });
  for (const c of evidence) if (c.kind === 'secret' || c.kind === 'vcs') cands.push(c);
  const churn = bases.flatMap((b) => b.analysis.churn);
  const churnCands: Candidate[] = [];
  const byRule = new Map<string, { reason: string; kind: string }>();
  for (const g of churn) {
    const key = g.rule === 'git-ignored' || g.rule === 'git-untracked' || g.rule === '' ? `path:${g.root}` : g.rule;
    if (!byRule.has(key)) byRule.set(key, { reason: g.reason, kind: g.kind });
  }
  for (const [key, g] of byRule) {
    const line = key.startsWith('path:') ? escapeOrNote(key.slice(5), notes) : `**/${key}`;
    if (line) churnCands.push({ line, why: `${g.kind}: ${g.reason}`, kind: 'churn' });
  }
  cands.push(...churnCands.filter((c) => c.why.startsWith('dependencies')));
  for (const c of evidence) if (c.kind !== 'secret' && c.kind !== 'vcs' && c.kind !== 'unread' && c.kind !== 'review') cands.push(c);
  cands.push(...churnCands.filter((c) => !c.why.startsWith('dependencies')));
  // Secret files the scanner found, by exact path.
  const secretPaths = new Map<string, string>();
  for (const f of first.report.findings) if (f.category === 'secret' && f.path && !secretPaths.has(f.path)) secretPaths.set(f.path, f.rule);
  for (const [p, rule] of secretPaths) {
    const line = escapeOrNote(p, notes);
    if (line) cands.push({ line, why: `secret (${rule})`, kind: 'secret' });
  }
  const negations: string[] = [];
  for (const g of findGitignores(store, probe.fs)) {
    for (const t of translateGitignore(g.text, g.dir, g.file)) {
      if (t.negated) negations.push(t.line);
      else cands.push({ line: t.line, why: `from ${t.origin}${t.note ? ` (${t.note})` : ''}`, kind: 'gitignore' });
    }
  }
  for (const c of evidence) if (c.kind === 'unread' || c.kind === 'review') cands.push(c);

  // ----- Build the rule list over the included files, by walk index (no object per file).
  let remaining: number[] = [];
  const allowRoots: string[] = [];
  if (style === 'allowlist') {
    if (!explicitOnly || read === null) {
      throw new InputError(`--style allowlist: ${bases.find((b) => !b.analysis.uses) ? `${bases.find((b) => !b.analysis.uses)!.build.name} has no Dockerfile` : 'a build copies the whole context (COPY . or a bind mount of it)'}; an allow-list would have to list everything`);
    }
    const top = [...new Set(roots.map((r) => r.root))].sort();
    for (const r of top) if (!top.some((o) => o !== r && (o === '.' || r.startsWith(`${o}/`)))) allowRoots.push(r);
    const m = matcherOf(['*', ...allowRoots.map((r) => `!${literalPattern(r).ok ? (literalPattern(r) as { line: string }).line : r}`)]);
    for (let i = 0; i < store.length; i++) if (!store.isDir(i) && !(m?.matchesOrParentMatches(store.path(i)).excluded ?? false)) remaining.push(i);
  } else {
    for (let i = 0; i < store.length; i++) if (!store.isDir(i)) remaining.push(i);
  }
  const seen = new Set<string>();
  const rules: GenRule[] = [];
  const dropped: DroppedRule[] = [];
  const removedBy = new Map<number, GenRule>();
  for (const c of cands) {
    if (seen.has(c.line)) continue;
    seen.add(c.line);
    const m = matcherOf([c.line, ...(c.exceptions ?? [])]);
    const alone = matcherOf([c.line]);
    if (!m || !alone) continue;
    const hit = remaining.filter((i) => m.matchesOrParentMatches(store.path(i)).excluded);
    if (hit.length === 0) continue;
    // Never a named source, nor the build definitions: keep each source root the rule would
    // exclude with an exception after it (a rule may still drop a cache inside a named dir).
    const keepRoots = new Map<string, NamedBy>();
    let ownHit = false;
    for (const i of hit) {
      const p = store.path(i);
      if (own.has(p)) ownHit = true;
      for (const n of named.get(p) ?? []) if (!keepRoots.has(n.root) && alone.matchesOrParentMatches(n.root).excluded) keepRoots.set(n.root, n);
    }
    const keepLines: string[] = [];
    for (const r of [...keepRoots.keys()].sort()) {
      const l = escapeOrNote(r, notes);
      if (l) keepLines.push(`!${l}`);
    }
    if (ownHit) for (const o of [...own].sort()) if (alone.matchesOrParentMatches(o).excluded) keepLines.push(`!${literalPattern(o).ok ? (literalPattern(o) as { line: string }).line : o}`);
    const keepM = keepLines.length > 0 ? matcherOf(keepLines.map((k) => k.slice(1))) : null;
    const repeats = new Set<string>();
    const removed = hit.filter((i) => {
      const p = store.path(i);
      if (keepM?.matchesOrParentMatches(p).excluded) return false;
      const kept = userKept.get(i);
      if (kept !== undefined) {
        repeats.add(kept);
        return false;
      }
      return true;
    });
    if (removed.length === 0) {
      const n = [...keepRoots.values()][0];
      dropped.push({
        line: c.line,
        why: c.why,
        reason: n ? `everything it matches is in ${n.root}, which ${n.build} line ${n.line} copies` : repeats.size > 0 ? `everything it matches is kept in by your exception ${[...repeats][0]}` : 'it matches only the build definitions',
        ...(n ? { build: n.build, dockerfileLine: n.line } : {}),
      });
      continue;
    }
    const rule: GenRule = {
      line: c.line,
      why: c.why,
      files: removed.length,
      bytes: removed.reduce((n, i) => n + store.size(i), 0),
      keeps: keepLines,
      exceptions: [...(c.exceptions ?? [])],
      repeats,
      review: c.review === true,
    };
    rules.push(rule);
    if (!rule.review) {
      const gone = new Set(removed);
      remaining = remaining.filter((i) => !gone.has(i));
      for (const i of removed) removedBy.set(i, rule);
    }
  }
  // A .gitignore negation ("keep this one") goes after the last rule that removed what it names.
  for (const neg of negations) {
    const m = matcherOf([neg.slice(1)]);
    if (!m) continue;
    const owners = new Set<GenRule>();
    for (const [i, rule] of removedBy) if (m.matchesOrParentMatches(store.path(i)).excluded) owners.add(rule);
    const owner = rules.filter((r) => owners.has(r)).at(-1);
    if (owner && !owner.exceptions.includes(neg)) owner.exceptions.push(neg);
  }

  // Repairs: sources the user's lines already exclude (the build fails today). An exception
  // at the very end re-includes each one, whatever came before.
  const repairs: { line: string; why: string }[] = [];
  for (const { build, analysis } of bases) {
    for (const f of analysis.report.findings) {
      if (f.rule !== 'copy-ignored' || f.path === undefined || f.path === '.') continue;
      const fix = /^add "!(.*)" to the ignore file/i.exec(f.fix ?? '')?.[1] ?? f.path;
      const l = literalPattern(fix);
      const line = `!${l.ok ? l.line : fix}`;
      if (repairs.some((r) => r.line === line)) continue;
      repairs.push({ line, why: `repair: ${build.name} line ${f.dockerfile?.line ?? '?'} copies ${f.path}, which ${f.ignore ? `line ${f.ignore.line} (${f.ignore.pattern})` : 'the ignore file'} excludes` });
    }
  }

  const stacks = detectStacks(store);
  const nl = eol(current);
  const render = (): Rendered => renderProposal({ style, user, nl, rules, repairs, allowRoots, userRules, stacks, builds, notes });

  // ----- The proof: every build, both builders.
  const baseFor = new Map<Builder, { analyses: Analysis[]; files: Set<string> }>();
  baseFor.set(builder, { analyses: bases.map((b) => b.analysis), files: fileSet(store) });
  // The other builder reads the same file unless BuildKit uses a per-Dockerfile ignore file
  // (<Dockerfile>.dockerignore), which the legacy builder never reads.
  const proveWith: Builder[] = [builder];
  const sameFile = builds.every((b) => setup(withBuilder(b, other, user), fsOverride).inputs.ignoreFile === file && setup(withBuilder(b, builder, user), fsOverride).inputs.ignoreFile === file);
  if (sameFile) {
    const otherShared = sharedWork();
    const baseOther: Analysis[] = [];
    for (const b of builds) baseOther.push(await runAnalysis(setup(withBuilder(b, other, user), fsOverride), { large, secrets: false, git: false }, otherShared));
    baseFor.set(other, { analyses: baseOther, files: fileSet(baseOther[0]!.walk.entries) });
    proveWith.push(other);
  }

  let proposal = render();
  let after: Analysis[] = [];
  for (let round = 0; ; round++) {
    if (round > rules.length + 20) throw new SuggestRefused('suggest: the proof did not settle; no proposal written');
    const problem = await prove(proposal);
    if (problem === null) break;
    applyFix(problem);
    proposal = render();
  }

  interface Problem {
    owner: Owner | undefined;
    reason: string;
    build?: string;
    dockerfileLine?: number;
    path: string;
  }

  async function prove(p: Rendered): Promise<Problem | null> {
    const pm = Matcher.fromRaw(readIgnoreFile(new TextEncoder().encode(p.text), 'proposal'), 'proposal');
    const ownerOf = (path: string): Owner | undefined => {
      try {
        const d = pm.matchesOrParentMatches(path);
        return d.ruleIndex >= 0 ? p.owners.get(pm.rules[d.ruleIndex]!.line) : undefined;
      } catch {
        return undefined;
      }
    };
    // The walks decide with parent results, where a rule skipped at a directory counts as "no
    // match" below it: the last rule matching textually need not be the one that decided. Then
    // the cause is the last generated rule of the right kind that matches the path or a parent.
    const generatedOwner = (path: string, exception: boolean): Owner | undefined => {
      const parts = path.split('/');
      for (let k = pm.rules.length - 1; k >= 0; k--) {
        const r = pm.rules[k]!;
        const o = p.owners.get(r.line);
        if (r.exception !== exception || !o || o.type === 'user') continue;
        try {
          for (let n = parts.length; n > 0; n--) if (matchCompiled(r.pattern, r.compiled, parts.slice(0, n).join('/'))) return o;
        } catch {
          /* a broken pattern is never generated */
        }
      }
      return undefined;
    };
    const cause = (path: string, exception: boolean): Owner | undefined => {
      const o = ownerOf(path);
      return o && o.type !== 'user' && (o.type === 'rule') !== exception ? o : (generatedOwner(path, exception) ?? o);
    };
    for (const bl of proveWith) {
      const base = baseFor.get(bl)!;
      const sh: SharedWork = sharedWork();
      const results: Analysis[] = [];
      for (const [k, b] of builds.entries()) {
        const a = await runAnalysis(setup(withBuilder(b, bl, p.text), fsOverride), { large, secrets: false, git: false }, sh);
        results.push(a);
        const before = new Set(copyFindings(base.analyses[k]!).map((f) => copyKey(b.name, f)));
        for (const f of copyFindings(a)) {
          if (before.has(copyKey(b.name, f))) continue;
          const named = f.ignore ? p.owners.get(f.ignore.line) : undefined;
          const owner = named && named.type !== 'user' ? named : f.path ? cause(f.path, false) : named;
          return { owner, reason: `${bl}: ${b.name} line ${f.dockerfile?.line ?? '?'} would fail (${f.message})`, build: b.name, ...(f.dockerfile ? { dockerfileLine: f.dockerfile.line } : {}), path: f.path ?? '' };
        }
      }
      if (bl === builder) after = results;
      const now = fileSet(results[0]!.walk.entries);
      // Nothing the user's lines exclude comes back (repairs aside).
      for (const f of now) {
        if (base.files.has(f)) continue;
        const owner = cause(f, true);
        if (owner?.type === 'repair') continue;
        return { owner, reason: `${bl}: it would send ${f}, which your lines exclude`, path: f };
      }
      // Every file a user's exception keeps in stays in.
      for (const [i, exc] of userKept) {
        const f = store.path(i);
        if (!base.files.has(f) || now.has(f)) continue;
        return { owner: cause(f, false), reason: `${bl}: it would undo your exception ${exc} (${f})`, path: f };
      }
    }
    return null;
  }

  function dropRule(rule: GenRule, pr: Problem): void {
    const k = rules.indexOf(rule);
    if (k >= 0) rules.splice(k, 1);
    dropped.push({ line: rule.line, why: rule.why, reason: pr.reason, ...(pr.build ? { build: pr.build } : {}), ...(pr.dockerfileLine !== undefined ? { dockerfileLine: pr.dockerfileLine } : {}) });
  }

  function applyFix(pr: Problem): void {
    const o = pr.owner;
    if (o && (o.type === 'rule' || o.type === 'keep')) return dropRule(o.rule, pr);
    if (o && o.type === 'exception') {
      o.rule.exceptions = o.rule.exceptions.filter((e) => e !== o.text);
      dropped.push({ line: o.text, why: `exception of ${o.rule.line}`, reason: pr.reason });
      return;
    }
    if (o && o.type === 'repeat') {
      for (const r of [...rules]) if (r.repeats.has(o.text)) dropRule(r, pr);
      return;
    }
    throw new SuggestRefused(`suggest: refusing to propose rules for ${file}: ${pr.reason}, and no generated rule is the cause`);
  }

  // ----- Results.
  const active = rules.filter((r) => !r.review);
  const proposed = active.length === 0 && repairs.length === 0 && style === 'denylist' ? user : proposal.text;
  const a0 = after[0] ?? first;
  const proposedRules = ruleLines(proposed);
  const currentRules = new Set(ruleLines(current));
  let allowlist: Suggestion['allowlist'] = null;
  if (style === 'denylist' && explicitOnly && read !== null && bases.every((b) => b.analysis.uses)) {
    const alt = await suggestFor(builds, { ...opts, style: 'allowlist' }, fsOverride).catch(() => null);
    if (alt) allowlist = { files: alt.after.files, bytes: alt.after.bytes, tarBytes: alt.after.tarBytes };
  }
  return {
    file,
    contextDir: probe.inputs.contextDir,
    style,
    current,
    proposed,
    rules: rules.map((r) => ({
      line: r.line,
      why: r.why,
      files: r.files,
      bytes: r.bytes,
      keeps: [...r.exceptions, ...r.keeps],
      narrowed: r.keeps.length > 0,
      ...(r.review ? { review: true } : {}),
    })),
    dropped,
    repairs: repairs.map((r) => r.line),
    repeated: [...new Set(rules.flatMap((r) => [...r.repeats]))],
    notes: [...notes],
    builds: bases.map((b) => ({ name: b.build.name, dockerfile: b.analysis.report.dockerfile })),
    stacks,
    before: first.report.summary,
    after: a0.report.summary,
    copyErrorsBefore: bases.reduce((n, b) => n + copyFindings(b.analysis).length, 0),
    copyErrorsAfter: (after.length > 0 ? after : bases.map((b) => b.analysis)).reduce((n, a) => n + copyFindings(a).length, 0),
    missing: proposedRules.filter((l) => !currentRules.has(l)),
    allowlist,
  };
}

/** The non-comment, non-blank lines of an ignore file, trimmed like ReadAll trims them. */
function ruleLines(text: string): string[] {
  return readIgnoreFile(new TextEncoder().encode(text), 'x').map((r) => r.raw.trim());
}

interface RenderInput {
  style: SuggestStyle;
  user: string;
  nl: string;
  rules: readonly GenRule[];
  repairs: readonly { line: string; why: string }[];
  allowRoots: readonly string[];
  userRules: readonly RawRule[];
  stacks: readonly string[];
  builds: readonly BuildSpec[];
  notes: ReadonlySet<string>;
}

function renderProposal(r: RenderInput): Rendered {
  const owners = new Map<number, Owner>();
  const active = r.rules.filter((x) => !x.review);
  const savedFiles = active.reduce((n, x) => n + x.files, 0);
  const savedBytes = active.reduce((n, x) => n + x.bytes, 0);
  const block: { text: string; owner?: Owner }[] = [{ text: BLOCK_START }];
  block.push({ text: `# Proved against ${count(r.builds.length, 'build')} using this file: none loses a source it copies.` });
  block.push({ text: `# Stacks: ${r.stacks.length ? r.stacks.join(', ') : 'none detected'}. These rules remove ${count(savedFiles, 'file')} (${humanSize(savedBytes)}) from the context.` });
  if (r.style === 'allowlist') {
    block.push({ text: '# Allow-list: everything out, then each source the builds read back in.' });
    block.push({ text: '*', owner: { type: 'allow' } });
    for (const root of r.allowRoots) {
      const l = literalPattern(root);
      if (l.ok) block.push({ text: `!${l.line}`, owner: { type: 'allow' } });
    }
  }
  for (const x of r.rules) {
    block.push({ text: `# ${x.why} — ${count(x.files, 'file')}, ${humanSize(x.bytes)}${x.keeps.length > 0 ? '; narrowed to keep what the builds copy' : ''}` });
    if (x.review) {
      block.push({ text: `# ${x.line}` });
      continue;
    }
    block.push({ text: x.line, owner: { type: 'rule', rule: x } });
    for (const e of x.exceptions) block.push({ text: e, owner: { type: 'exception', rule: x, text: e } });
    for (const k of x.keeps) block.push({ text: k, owner: { type: 'keep', rule: x } });
  }
  const needed = new Set(r.rules.filter((x) => !x.review).flatMap((x) => [...x.repeats]));
  if (needed.size > 0 && r.style === 'denylist') {
    block.push({ text: '# Your exceptions, repeated so that the rules above do not undo them:' });
    const done = new Set<string>();
    for (const u of r.userRules) {
      if (!needed.has(u.text) || done.has(u.text)) continue;
      done.add(u.text);
      block.push({ text: u.text, owner: { type: 'repeat', text: u.text } });
    }
  }
  for (const rep of r.repairs) {
    block.push({ text: `# ${rep.why}` });
    block.push({ text: rep.line, owner: { type: 'repair' } });
  }
  for (const n of r.notes) block.push({ text: `# Note: ${n.replace(/[\r\n]/g, ' ')}` });
  block.push({ text: BLOCK_END });

  let userPart = r.user;
  if (userPart !== '' && !userPart.endsWith('\n')) userPart += r.nl;
  const userLines = userPart === '' ? 0 : userPart.split('\n').length - 1;
  let text: string;
  const offset = r.style === 'allowlist' ? 0 : userLines;
  block.forEach((b, k) => {
    if (b.owner) owners.set(offset + k + 1, b.owner);
  });
  const blockText = block.map((b) => b.text).join(r.nl) + r.nl;
  if (r.style === 'allowlist') {
    text = blockText + userPart;
    for (let k = 1; k <= userLines; k++) owners.set(block.length + k, { type: 'user' });
  } else {
    text = userPart + blockText;
    for (let k = 1; k <= userLines; k++) owners.set(k, { type: 'user' });
  }
  return { text, owners };
}

function findGitignores(entries: EntryStore, fs: ContextFS): { dir: string; file: string; text: string }[] {
  const paths = new Set<string>();
  for (let i = 0; i < entries.length; i++) if (entries.type(i) === 'file' && entries.name(i) === '.gitignore') paths.add(entries.path(i));
  try {
    if (fs.lstat('.gitignore').type === 'file') paths.add('.gitignore');
  } catch {
    /* none at the root */
  }
  const out: { dir: string; file: string; text: string }[] = [];
  for (const p of [...paths].sort()) {
    try {
      const dir = parentRel(p);
      out.push({ dir: dir === '.' ? '' : dir, file: p, text: new TextDecoder().decode(fs.readFile(p)) });
    } catch {
      /* unreadable: skip */
    }
  }
  return out;
}
