// Lint the ignore file against this context: rules that do nothing, rules written with
// .gitignore habits that Docker reads differently, exceptions the builder cannot honour, and
// excluding the Dockerfile or ignore file that a COPY names.
import type { Builder } from '../context/builders.js';
import { explainPath } from '../context/explain.js';
import type { ContextEntry } from '../context/walk.js';
import { resolveSource, splitWildcards, type ContextIndex } from '../dockerfile/copy-sources.js';
import { Matcher, type Rule } from '../ignore/matcher.js';
import { goTrimSpace, type RawRule } from '../ignore/parse.js';
import { matchCompiled } from '../ignore/pattern.js';
import { joinRel } from '../paths.js';
import { makeFinding } from '../rules.js';
import type { Finding } from '../types.js';
import { humanSize, count } from '../units.js';
import type { ContextUse } from './dockerfile-uses.js';

export interface LintInput {
  matcher: Matcher;
  builder: Builder;
  /** Lines of the ignore file as written, for gitignore-syntax checks. */
  raw: readonly RawRule[];
  ruleHits: readonly number[];
  ruleSamples: readonly (readonly { path: string; isDir: boolean }[])[];
  entries: Iterable<ContextEntry>;
  /** The tree on disk, ignore rules not applied. */
  rawIndex: ContextIndex;
  /** Rules as written (BuildKit view): what is excluded regardless of the legacy additions. */
  writtenMatcher: Matcher;
  dockerfileRel: string | null;
  dockerfileLabel: string | null;
  ignoreRel: string | null;
  uses: readonly ContextUse[];
  /** Files the legacy CLI re-includes itself (Dockerfile, .dockerignore): rules on them are moot. */
  addedByCli: readonly string[];
  /** The ignore file's text, to find `ctxcheck suggest`'s generated block (its rules are defensive). */
  text?: string | null;
}

const COMMENT_LIKE = /^(\/\/|;|--\s|<!--)/;
const VCS_PATTERN = /^(\*\*\/)?\.(git|hg|svn|bzr)(\/.*)?$/;

// Names people exclude defensively, before the tree has them.
const DEFENSIVE_NAMES = new Set([
  // VCS
  '.git', '.hg', '.svn', '.bzr', '.gitignore', '.gitattributes', '.gitmodules',
  // dependencies
  'node_modules', 'bower_components', 'jspm_packages', 'vendor', '.venv', 'venv', 'env', '__pypackages__', '.bundle', '.pnpm-store', '.yarn',
  // build output and tool state
  'dist', 'build', 'out', 'target', 'bin', 'obj', '.next', '.nuxt', '.svelte-kit', '.output', 'coverage', '.nyc_output', 'htmlcov',
  '.turbo', '.parcel-cache', '.gradle', '.terraform', '.serverless', '.aws-sam', '.dart_tool', '.stack-work', '.docusaurus', '.angular',
  // caches, logs, temp, editors, OS junk
  '__pycache__', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox', '.cache', '.eslintcache', '.ipynb_checkpoints',
  'tmp', 'temp', '.tmp', 'log', 'logs', '.idea', '.vscode', '.vs', '.DS_Store', 'Thumbs.db',
  // secrets
  '.env', '.envrc', '.npmrc', '.pypirc', '.netrc', '.git-credentials', '.aws', '.ssh', '.gnupg', 'secrets', 'credentials.json',
  // the build definitions themselves
  'Dockerfile', '.dockerignore', 'docker-compose.yml', 'docker-compose.yaml', 'compose.yaml', 'compose.yml', '.github', '.gitlab-ci.yml',
]);
const DEFENSIVE_GLOBS = /^(\*\.(log|pyc|pyo|class|o|obj|tsbuildinfo|swp|swo|pem|key|p12|pfx|egg-info|tmp|bak)|\.env.*|\*\.env.*|id_.*|npm-debug\.log.*|yarn-(error|debug)\.log.*|Dockerfile.*|.*\.Dockerfile|\*~)$/;

/** Is this a rule people write before the tree has what it names? */
export function isDefensive(pattern: string): boolean {
  const parts = pattern.split('/').filter((p) => p !== '**' && p !== '*' && p !== '');
  const last = parts.at(-1);
  if (last === undefined) return false;
  return DEFENSIVE_NAMES.has(last) || DEFENSIVE_GLOBS.test(last);
}

/** Line numbers inside `ctxcheck suggest`'s generated block. */
function generatedLines(text: string | null): Set<number> {
  const out = new Set<number>();
  if (!text) return out;
  const lines = text.split('\n');
  let inside = false;
  lines.forEach((l, i) => {
    const line = l.replace(/\r$/, '');
    if (line.startsWith('# >>> ctxcheck suggest')) inside = true;
    else if (line.startsWith('# <<< ctxcheck suggest')) inside = false;
    else if (inside) out.add(i + 1);
  });
  return out;
}

// Enough to find an example without walking a huge tree twice.
const SCAN_LIMIT = 50_000;

function matchesPath(rule: Rule, p: string): boolean {
  try {
    return matchCompiled(rule.pattern, rule.compiled, p);
  } catch {
    return false;
  }
}

/**
 * Would the decided paths come out the same without rule `i`? Then it is redundant: returns the
 * rule that decides instead. Only when every decided path was sampled (else unsure: null).
 */
function redundantWith(matcher: Matcher, i: number, samples: readonly { path: string }[], hits: number): Rule | null {
  if (samples.length === 0 || samples.length < hits) return null;
  const others = matcher.rules.filter((_, k) => k !== i);
  const without = new Matcher(others);
  let decider: Rule | null = null;
  for (const { path } of samples) {
    let before: boolean;
    let after: { excluded: boolean; ruleIndex: number };
    try {
      before = matcher.matchesOrParentMatches(path).excluded;
      after = without.matchesOrParentMatches(path);
    } catch {
      return null;
    }
    if (before !== after.excluded || after.ruleIndex < 0) return null;
    decider ??= others[after.ruleIndex]!;
  }
  return decider;
}

function ref(rule: Rule): { path: string; line: number; pattern: string } {
  return { path: rule.source, line: rule.line, pattern: (rule.exception ? '!' : '') + rule.pattern };
}

function single(pattern: string, source: string): Matcher {
  return Matcher.fromRaw([{ text: pattern, line: 1, raw: pattern }], source);
}

/** Included entries a root-anchored rule would match if it applied at any depth. */
function deeperMatches(rule: Rule, entries: Iterable<ContextEntry>): { count: number; bytes: number; example: string } | null {
  let anywhere: Matcher;
  try {
    anywhere = single(`**/${rule.pattern}`, rule.source);
  } catch {
    return null;
  }
  let count = 0;
  let bytes = 0;
  let example = '';
  const hitDirs: string[] = [];
  for (const e of entries) {
    if (!e.path.includes('/')) continue;
    const inHitDir = hitDirs.some((d) => e.path.startsWith(`${d}/`));
    let hit = inHitDir;
    if (!hit) {
      try {
        hit = anywhere.matchesOrParentMatches(e.path).excluded;
      } catch {
        return null;
      }
      if (hit && e.type === 'dir') hitDirs.push(e.path);
    }
    if (hit && e.type !== 'dir') {
      count++;
      bytes += e.size;
      example ||= e.path;
    }
  }
  return count > 0 ? { count, bytes, example } : null;
}

/** Paths on disk under the exception's fixed prefix that match it, scanning a bounded number. */
function exceptionCandidates(rule: Rule, index: ContextIndex): { path: string; isDir: boolean }[] {
  const { base } = splitWildcards(rule.pattern);
  const out: { path: string; isDir: boolean }[] = [];
  const stack = [base];
  let seen = 0;
  if (index.get(base) === undefined) return out;
  while (stack.length > 0 && seen < SCAN_LIMIT) {
    const p = stack.pop()!;
    seen++;
    const type = index.get(p);
    let m = false;
    try {
      m = p !== '.' && matchCompiled(rule.pattern, rule.compiled, p);
    } catch {
      return out;
    }
    if (m) out.push({ path: p, isDir: type === 'dir' });
    if (type === 'dir') for (const name of index.children(p)) stack.push(joinRel(p, name));
  }
  return out;
}

/** explainPath, or null when a broken pattern makes the answer unknowable. */
function safeExplain(input: LintInput, p: string, isDir: boolean): ReturnType<typeof explainPath> | null {
  try {
    return explainPath(input.matcher, input.builder, p, isDir);
  } catch {
    return null;
  }
}

export function lintIgnore(input: LintInput): Finding[] {
  const findings: Finding[] = [];
  const rawByLine = new Map(input.raw.map((r) => [r.line, r.raw]));
  const generated = generatedLines(input.text ?? null);
  input.matcher.rules.forEach((rule, i) => {
    if (rule.line === 0) return; // added by the docker CLI, not the user's
    const raw = rawByLine.get(rule.line) ?? '';
    const hits = input.ruleHits[i] ?? 0;
    const written = goTrimSpace(raw);

    // ReadAll treats only "#" in column 1 as a comment: "// x", "; x" and "  # x" are patterns.
    if (COMMENT_LIKE.test(written) || (/^\s/.test(raw) && written.startsWith('#'))) {
      findings.push(
        makeFinding('ignore/comment-syntax', {
          message: `"${written}" looks like a comment but is a pattern: Docker only treats a "#" in the first column as a comment`,
          ignore: ref(rule),
          fix: `start line ${rule.line} with "#" in the first column`,
        }),
      );
      return;
    }

    // A VCS directory re-included on purpose (a build that stamps its commit, say): say so once.
    if (rule.exception && VCS_PATTERN.test(rule.pattern)) {
      findings.push(
        makeFinding('ignore/vcs-included', {
          message: `line ${rule.line} re-includes ${rule.pattern} on purpose: every commit, fetch or checkout changes what the builds receive, and the steps that take it in rebuild`,
          ignore: ref(rule),
          fix: 'if the build only needs the commit id, pass it as a build argument instead',
        }),
      );
      return;
    }

    if (!rule.exception && /\/\s*$/.test(raw) && rule.pattern !== '.') {
      findings.push(
        makeFinding('ignore/gitignore-syntax', {
          message: `"${raw.trim()}": a trailing "/" does not mean "directories only" in Docker; it also excludes a file named ${rule.pattern}`,
          ignore: ref(rule),
          fix: `write "${rule.pattern}" (same meaning in Docker)`,
        }),
      );
    }

    if (rule.exception) {
      // An exception that cannot reach paths it names, because the builder never looks inside.
      const blocked = exceptionCandidates(rule, input.rawIndex)
        .map((c) => ({ ...c, v: safeExplain(input, c.path, c.isDir) }))
        .filter((c): c is typeof c & { v: NonNullable<typeof c.v> } => c.v !== null && !c.v.included && c.v.prunedAt !== null);
      if (blocked.length > 0) {
        const first = blocked[0]!;
        const pruner = first.v.rule;
        findings.push(
          makeFinding('ignore/ineffective-exception', {
            message: `"!${rule.pattern}" cannot re-include ${first.path}${blocked.length > 1 ? ` (and ${blocked.length - 1} more)` : ''}: the ${input.builder} builder skips ${first.v.prunedAt}/ without reading it`,
            ignore: ref(rule),
            path: first.path,
            fix: `add "!${first.v.prunedAt}" after line ${pruner?.line ?? '?'} so the builder walks into it`,
          }),
        );
        return;
      }
    }
    if (input.builder === 'legacy' && input.addedByCli.some((p) => rule.compiled && matchesPath(rule, p))) return;
    if (hits > 0) {
      if (generated.has(rule.line)) return;
      const instead = redundantWith(input.matcher, i, input.ruleSamples[i] ?? [], hits);
      if (instead) {
        findings.push(
          makeFinding('ignore/unused', {
            message: `"${(rule.exception ? '!' : '') + rule.pattern}" is redundant: line ${instead.line} (${(instead.exception ? '!' : '') + instead.pattern}) decides the same paths without it`,
            ignore: ref(rule),
            fix: `remove line ${rule.line}`,
          }),
        );
      }
      return;
    }
    if (generated.has(rule.line)) return; // suggest wrote it, exact or defensive on purpose
    // "/x" and "./x" are anchored at the root on purpose.
    const anchored = !rule.exception && !rule.pattern.includes('/') && !rule.pattern.startsWith('**') && !/^!?\s*\.?\//.test(written);
    const deeper = anchored ? deeperMatches(rule, input.entries) : null;
    if (deeper) {
      findings.push(
        makeFinding('ignore/root-anchored', {
          message: `"${rule.pattern}" only matches at the context root in Docker, but ${count(deeper.count, 'file')} (${humanSize(deeper.bytes)}) deeper ${deeper.count === 1 ? 'matches it and is' : 'match it and are'} sent, e.g. ${deeper.example}`,
          ignore: ref(rule),
          fix: `write "**/${rule.pattern}" to match at any depth`,
        }),
      );
      return;
    }
    // A defensive rule (VCS, dependencies, build output, caches, secrets): that this checkout
    // lacks what it names is the point (a fresh CI clone has no node_modules).
    if (!rule.exception && isDefensive(rule.pattern)) return;
    findings.push(
      makeFinding('ignore/unused', {
        message: `"${(rule.exception ? '!' : '') + rule.pattern}" changes nothing in this context (no path is decided by it${rule.exception ? '' : '; a later rule may already cover it'})`,
        ignore: ref(rule),
        fix: `remove line ${rule.line}`,
      }),
    );
  });

  // Excluding the Dockerfile or the ignore file while a COPY names it: the legacy CLI sends
  // both anyway, but the daemon deletes them before the build (moby remotecontext
  // removeDockerfile), and BuildKit never sends them: no builder copies them.
  for (const special of [input.dockerfileRel, input.ignoreRel]) {
    if (!special || special.startsWith('../')) continue;
    let excluded = false;
    try {
      excluded = input.writtenMatcher.matchesOrParentMatches(special).excluded;
    } catch {
      excluded = false;
    }
    if (!excluded) continue;
    for (const use of input.uses) {
      const named = use.sources.some((src) => {
        if (src === '.' || src === './' || src === '/') return false;
        const literal = use.instr.kind === 'RUN';
        return resolveSource(src, input.rawIndex, { literal }).matches.some((m) => m === special || special.startsWith(`${m}/`));
      });
      if (!named) continue;
      let v: ReturnType<typeof explainPath> | null = null;
      try {
        v = explainPath(input.writtenMatcher, 'buildkit', special, false);
      } catch {
        v = null;
      }
      findings.push(
        makeFinding('ignore/excludes-dockerfile', {
          message: `${special} is excluded${v?.rule ? ` by line ${v.rule.line} (${v.rule.pattern})` : ''} but line ${use.instr.line} copies it: no builder copies it (the legacy CLI sends it but the daemon deletes it before the build; BuildKit never sends it)`,
          path: special,
          ...(input.dockerfileLabel ? { dockerfile: { path: input.dockerfileLabel, line: use.instr.line } } : {}),
          ...(v?.rule ? { ignore: { path: v.rule.source, line: v.rule.line, pattern: v.rule.pattern } } : {}),
          fix: `add "!${special}" to the ignore file, or stop copying it`,
        }),
      );
      break;
    }
  }
  return findings;
}

/**
 * A cache-bust warning or churn note about a VCS directory the ignore file re-includes with an
 * exception ("!.git") is dropped: the `ignore/vcs-included` note says it is on purpose.
 */
export function dropIntendedVcs(findings: Finding[], matcher: Matcher): void {
  let w = 0;
  for (const f of findings) if (keepFinding(f, matcher)) findings[w++] = f;
  findings.length = w;
}

function keepFinding(f: Finding, matcher: Matcher): boolean {
  if ((f.rule !== 'cache-bust' && f.rule !== 'churn') || f.path === undefined) return true;
  const top = f.path.split('/')[0] ?? '';
  if (!VCS_PATTERN.test(top) && !VCS_PATTERN.test(f.path.split('/').at(-1) ?? '')) return true;
  try {
    const d = matcher.matchesOrParentMatches(f.path);
    const r = d.ruleIndex >= 0 ? matcher.rules[d.ruleIndex] : undefined;
    return !(r && r.exception && r.line > 0 && VCS_PATTERN.test(r.pattern));
  } catch {
    return true;
  }
}
