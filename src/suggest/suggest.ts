// `ctxcheck suggest`: the ignore file a user would write with full knowledge of the tree and
// the Dockerfile. Every rule comes from evidence here (churn, secrets, VCS data, the project's
// .gitignore files, large files) and carries a comment saying why and what it saves. No rule
// may remove what a COPY/ADD/RUN --mount names: such a rule is narrowed with an exception.
import type { AnalyzeOptions } from '../pipeline/options.js';
import { setup } from '../pipeline/setup.js';
import { runAnalysis, type Analysis } from '../pipeline/report.js';
import type { ContextEntry } from '../context/walk.js';
import { cleanSource, resolveSource, type ContextIndex } from '../dockerfile/copy-sources.js';
import { Matcher } from '../ignore/matcher.js';
import { ignoreLineFor } from '../analyzers/findings.js';
import type { ContextFS } from '../fs/types.js';
import { baseName, parentRel } from '../paths.js';
import type { Summary } from '../types.js';
import { humanSize } from '../units.js';
import { translateGitignore } from './gitignore.js';

export const BLOCK_START = '# >>> ctxcheck suggest: generated rules (re-run `ctxcheck suggest --write` to refresh) >>>';
export const BLOCK_END = '# <<< ctxcheck suggest <<<';

export interface SuggestedRule {
  line: string;
  /** One-line reason (the comment above the rule). */
  why: string;
  /** What this rule removes from the context, given the rules before it. */
  files: number;
  bytes: number;
  /** Exceptions placed after it: what the Dockerfile names, and .gitignore negations. */
  keeps: string[];
  /** Narrowed so it keeps a source the Dockerfile names. */
  narrowed: boolean;
  /** Commented out: worth a look, but the build may need it (e.g. a large file `COPY . .` takes). */
  review?: boolean;
}

export interface Suggestion {
  /** The ignore file in use (absolute), or where a new one would go. */
  file: string;
  /** Current content ('' when there is none). */
  current: string;
  /** Proposed content: the user's lines verbatim, then the generated block. */
  proposed: string;
  rules: SuggestedRule[];
  stacks: string[];
  before: Summary;
  after: Summary;
  /** copy-ignored/copy-missing findings before and after (must not grow). */
  copyErrorsBefore: number;
  copyErrorsAfter: number;
}

interface Candidate {
  line: string;
  why: string;
  review?: boolean;
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
export function splitBlock(text: string): { user: string; block: string | null } {
  const lines = text.split(/(?<=\n)/);
  const start = lines.findIndex((l) => l.replace(/\r?\n$/, '') === BLOCK_START);
  if (start < 0) return { user: text, block: null };
  let end = lines.findIndex((l, i) => i > start && l.replace(/\r?\n$/, '') === BLOCK_END);
  if (end < 0) end = lines.length - 1;
  const before = lines.slice(0, start).join('');
  const after = lines.slice(end + 1).join('');
  return { user: before + after, block: lines.slice(start, end + 1).join('') };
}

function singleRule(line: string): Matcher | null {
  try {
    return Matcher.fromRaw([{ text: line, line: 1, raw: line }], 'suggestion');
  } catch {
    return null;
  }
}

/** Files a COPY/ADD/RUN --mount names explicitly (not via "."), with the source that names them. */
function namedByDockerfile(a: Analysis, index: ContextIndex): Map<string, string> {
  const named = new Map<string, string>();
  for (const use of a.uses?.uses ?? []) {
    for (const src of use.sources) {
      const clean = cleanSource(src);
      if (clean === '.') continue;
      const matches = resolveSource(src, index, { literal: use.instr.kind === 'RUN' }).matches;
      for (const f of use.files) {
        const root = matches.find((m) => f === m || f.startsWith(`${m}/`));
        if (root !== undefined && !named.has(f)) named.set(f, root);
      }
    }
  }
  return named;
}

function candidates(a: Analysis, entries: Iterable<ContextEntry>, gitignores: { dir: string; file: string; text: string }[], large: number): Candidate[] {
  const out: Candidate[] = [];
  // Churn: fold groups found by the same name rule into one "**/" line.
  const byRule = new Map<string, { roots: string[]; reason: string; kind: string }>();
  for (const g of a.churn) {
    const key = g.rule === 'git-ignored' || g.rule === 'git-untracked' ? `path:${g.root}` : g.rule;
    const cur = byRule.get(key) ?? { roots: [], reason: g.reason, kind: g.kind };
    cur.roots.push(g.root);
    byRule.set(key, cur);
  }
  for (const [key, g] of byRule) {
    const line = key.startsWith('path:') ? ignoreLineFor(key.slice(5)) : `**/${key}`;
    out.push({ line, why: `${g.kind}: ${g.reason}` });
  }
  // Secrets: the exact paths (no pattern broader than the evidence).
  const secretPaths = new Map<string, string>();
  for (const f of a.report.findings) if (f.category === 'secret' && f.path && !secretPaths.has(f.path)) secretPaths.set(f.path, f.rule);
  for (const [p, rule] of secretPaths) out.push({ line: ignoreLineFor(p), why: `secret (${rule})` });
  // The project's own .gitignore files, translated, where they exclude something here.
  for (const g of gitignores) {
    for (const t of translateGitignore(g.text, g.dir, g.file)) {
      out.push({ line: t.line, why: `from ${t.origin}${t.note ? ` (${t.note})` : ''}` });
    }
  }
  // Large files: worth a look, but `COPY . .` may need them, so they are only proposed.
  for (const e of entries) {
    if (e.type === 'file' && e.size >= large) out.push({ line: ignoreLineFor(e.path), why: `large file (${humanSize(e.size)}): exclude it if the image does not need it`, review: true });
  }
  return out;
}

function findGitignores(entries: Iterable<ContextEntry>, fs: ContextFS): { dir: string; file: string; text: string }[] {
  const paths = new Set<string>();
  for (const e of entries) if (e.type === 'file' && baseName(e.path) === '.gitignore') paths.add(e.path);
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

const eol = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

export async function suggest(opts: AnalyzeOptions, fsOverride?: ContextFS): Promise<Suggestion> {
  const probe = setup(opts, fsOverride);
  const file = probe.inputs.ignoreFile ?? `${probe.inputs.contextDir}/.dockerignore`;
  let current = '';
  if (probe.inputs.ignoreFile) {
    try {
      current = new TextDecoder().decode(probe.inputs.ignoreFile && fsOverride ? fsOverride.readFile(relTo(probe.inputs.contextDir, file)) : await readHost(file));
    } catch {
      current = '';
    }
  }
  // Analyse the user's part alone, so a second run sees the same evidence (idempotent).
  const { user } = splitBlock(current);
  const base = await runAnalysis(setup({ ...opts, ignoreText: user }, fsOverride), opts);
  // Candidate rules are tried on the walk's entries by index: no object per file.
  const store = base.walk.entries;
  const named = namedByDockerfile(base, store);
  const large = opts.large ?? 10_000_000;

  let remaining: number[] = [];
  for (let i = 0; i < store.length; i++) if (!store.isDir(i)) remaining.push(i);
  const seen = new Set<string>();
  const rules: SuggestedRule[] = [];
  const negations: string[] = [];
  const removedBy = new Map<number, SuggestedRule>();
  for (const c of candidates(base, store, findGitignores(store, probe.fs), large)) {
    if (seen.has(c.line)) continue;
    seen.add(c.line);
    const m = singleRule(c.line);
    if (!m) continue;
    if (c.line.startsWith('!')) {
      negations.push(c.line);
      continue;
    }
    const hit = remaining.filter((i) => m.matchesOrParentMatches(store.path(i)).excluded);
    if (hit.length === 0) continue;
    // A rule may drop churn inside a directory a COPY names (its __pycache__, say), but never
    // the named source itself: where it would, narrow it with an exception for that source.
    const keeps = [
      ...new Set(
        hit
          .map((i) => named.get(store.path(i)))
          .filter((root): root is string => root !== undefined && m.matchesOrParentMatches(root).excluded),
      ),
    ].sort();
    const keepSet = new Set(keeps);
    const removed = keepSet.size === 0 ? hit : hit.filter((i) => !keepSet.has(named.get(store.path(i)) ?? ''));
    if (removed.length === 0) continue;
    rules.push({
      line: c.line,
      why: c.why,
      files: removed.length,
      bytes: removed.reduce((n, i) => n + store.size(i), 0),
      keeps: keeps.map((k) => `!${ignoreLineFor(k)}`),
      narrowed: keeps.length > 0,
      ...(c.review ? { review: true } : {}),
    });
    if (!c.review) {
      const gone = new Set(removed);
      remaining = remaining.filter((i) => !gone.has(i));
      const rule = rules[rules.length - 1]!;
      for (const i of removed) removedBy.set(i, rule);
    }
  }

  // Repairs: sources the current rules already exclude, so the build fails (copy-ignored).
  // An exception at the very end re-includes each one, whatever came before.
  for (const f of base.report.findings) {
    if (f.rule !== 'copy-ignored' || f.path === undefined || f.path === '.') continue;
    const line = `!${f.path}`;
    if (rules.some((r) => r.line === line)) continue;
    rules.push({
      line,
      why: `repair: line ${f.dockerfile?.line ?? '?'} of the Dockerfile copies ${f.path}, which ${f.ignore ? `line ${f.ignore.line} (${f.ignore.pattern})` : 'the ignore file'} excludes`,
      files: 0,
      bytes: 0,
      keeps: [],
      narrowed: false,
    });
  }

  // A .gitignore negation ("keep this one") goes after the last rule that removed what it names.
  for (const neg of negations) {
    const m = singleRule(neg.slice(1));
    if (!m) continue;
    const owners = new Set<SuggestedRule>();
    for (const [i, rule] of removedBy) if (m.matchesOrParentMatches(store.path(i)).excluded) owners.add(rule);
    const owner = rules.filter((r) => owners.has(r)).at(-1);
    if (owner && !owner.keeps.includes(neg)) owner.keeps.push(neg);
  }

  const nl = eol(current);
  const stacks = detectStacks(store);
  const active = rules.filter((r) => !r.review);
  const savedFiles = active.reduce((n, r) => n + r.files, 0);
  const savedBytes = active.reduce((n, r) => n + r.bytes, 0);
  const block: string[] = [BLOCK_START];
  block.push(`# Stacks: ${stacks.length ? stacks.join(', ') : 'none detected'}. These rules remove ${savedFiles} files (${humanSize(savedBytes)}) from the context.`);
  for (const r of rules) {
    const saves = r.line.startsWith('!') ? '' : ` — ${r.files} file(s), ${humanSize(r.bytes)}`;
    block.push(`# ${r.why}${saves}${r.narrowed ? `; narrowed to keep what the Dockerfile copies` : ''}`);
    block.push(r.review ? `# ${r.line}` : r.line);
    for (const k of r.keeps) block.push(k);
  }
  block.push(BLOCK_END);
  let userPart = user;
  if (userPart !== '' && !userPart.endsWith('\n')) userPart += nl;
  // Rules come from the user's part only, so a second run proposes the same file (idempotent).
  const proposed = rules.length === 0 ? user : userPart + block.join(nl) + nl;

  // The proposal's effect: sizes and COPY breakage only (no secret scan, no git).
  const after = await runAnalysis(setup({ ...opts, ignoreText: proposed }, fsOverride), { ...opts, secrets: false, git: false });
  const copyErrors = (a: Analysis): number => a.report.findings.filter((f) => f.category === 'copy').length;
  return {
    file,
    current,
    proposed,
    rules,
    stacks,
    before: base.report.summary,
    after: after.report.summary,
    copyErrorsBefore: copyErrors(base),
    copyErrorsAfter: copyErrors(after),
  };
}

function relTo(contextDir: string, abs: string): string {
  return abs.startsWith(`${contextDir}/`) ? abs.slice(contextDir.length + 1) : abs;
}

async function readHost(file: string): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  return readFile(file);
}
