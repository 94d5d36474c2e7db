// Connect the Dockerfile to the context: what each COPY/ADD/RUN --mount takes in, which file a
// step is the first to take (for cache and secret severity), and the sources that would fail
// the build because they are missing or ignored.
import { compareBytes } from '../paths.js';
import type { ContextFS } from '../fs/types.js';
import type { Builder } from '../context/builders.js';
import { explainPath, ruleRef, type RuleRef } from '../context/explain.js';
import { cleanSource, copiedFiles, followPaths, type ContextIndex, type FileSet, type PathLookup } from '../dockerfile/copy-sources.js';
import type { CopyLike, DockerfileModel, RunInstr } from '../dockerfile/model.js';
import { contextUses, isContextMount, stagesToBuild } from '../dockerfile/stages.js';
import { followLinks } from '../dockerfile/follow-links.js';
import {
  checkSource,
  legacySourcePath,
  resolveInContext,
  legacyWildcardMatches,
  type LinkHop,
  type SourceFailure,
  type SourceView,
} from '../dockerfile/source-check.js';
import { Matcher } from '../ignore/matcher.js';
import type { RawRule } from '../ignore/parse.js';

import { makeFinding } from '../rules.js';
import { firstUseOf } from './cache-bust.js';
import type { Finding } from '../types.js';

export interface ContextUse {
  stage: number;
  instr: CopyLike | RunInstr;
  sources: string[];
  /** Context files this step takes in. */
  files: FileSet;
}

export interface UsesAnalysis {
  uses: ContextUse[];
  /** File → index into `uses` of the first step that takes it in. */
  firstUse: PathLookup<number>;
  findings: Finding[];
}

/** A ContextIndex reading the real tree (no ignore rules), for "is it there at all?". */
export function fsIndex(fs: ContextFS): ContextIndex {
  const types = new Map<string, string | undefined>();
  return {
    get(path) {
      if (path === '.') return 'dir';
      if (!types.has(path)) {
        let t: string | undefined;
        try {
          t = fs.lstat(path).type;
        } catch {
          t = undefined;
        }
        types.set(path, t);
      }
      return types.get(path);
    },
    children(dir) {
      try {
        return fs
          .readdir(dir)
          .map((d) => d.name)
          .sort(compareBytes);
      } catch {
        return [];
      }
    },
  };
}

export interface UsesInput {
  model: DockerfileModel;
  target?: string;
  dockerfileLabel: string;
  index: ContextIndex;
  fs: ContextFS;
  matcher: Matcher;
  builder: Builder;
  /** The ignore file's rules as written (the legacy daemon re-reads .dockerignore from the upload). */
  ignoreRules?: readonly RawRule[];
  /** The Dockerfile relative to the context ("../" when outside), as the CLI names it to the daemon. */
  dockerfileRel?: string | null;
}

function sourceFinding(
  rule: 'copy-ignored' | 'copy-missing',
  instr: CopyLike | RunInstr,
  src: string,
  dockerfileLabel: string,
  extra: Partial<Finding>,
  message: string,
): Finding {
  return makeFinding(rule, { path: src, message, dockerfile: { path: dockerfileLabel, line: instr.line }, ...extra });
}

/**
 * The legacy daemon, once the upload is unpacked, deletes .dockerignore and the Dockerfile when
 * the uploaded .dockerignore matches them (moby builder/remotecontext/detect.go
 * removeDockerfile, MatchesOrParentMatches): the CLI always sends both, but no COPY can read
 * them. Returns the removed paths, each with the rule that matched it.
 */
export function legacyRemovedFiles(index: ContextIndex, rules: readonly RawRule[], source: string, dockerfileRel: string | null): Map<string, RuleRef | null> {
  const removed = new Map<string, RuleRef | null>();
  if (index.get('.dockerignore') === undefined || rules.length === 0) return removed;
  const m = Matcher.fromRaw(rules, source);
  const candidates = ['.dockerignore', ...(dockerfileRel !== null && dockerfileRel !== '' && !dockerfileRel.startsWith('../') ? [dockerfileRel] : [])];
  for (const p of candidates) {
    let d: { excluded: boolean; ruleIndex: number };
    try {
      d = m.matchesOrParentMatches(p);
    } catch {
      continue; // the daemon ignores match errors here
    }
    if (d.excluded && index.get(p) !== undefined) removed.set(p, ruleRef(m.rules[d.ruleIndex]));
  }
  return removed;
}

/** An index without some paths (files only: what the legacy daemon deletes). */
function without(index: ContextIndex, gone: ReadonlyMap<string, unknown>): ContextIndex {
  if (gone.size === 0) return index;
  return {
    get: (p) => (gone.has(p) ? undefined : index.get(p)),
    children: (dir) => index.children(dir).filter((n) => !gone.has(dir === '.' ? n : `${dir}/${n}`)),
  };
}

function readlinkOf(fs: ContextFS): (p: string) => string | null {
  return (p) => {
    try {
      return fs.readlink(p);
    } catch {
      return null;
    }
  };
}

/**
 * BuildKit: whether a directory is part of the transfer. With FollowPaths the client sends a
 * directory only when it, or something below it, matches an include path (modern fsutil emits
 * parent directories lazily); without FollowPaths everything sent is transferred.
 */
function transferCheck(model: DockerfileModel, target: string | undefined, fs: ContextFS, index: ContextIndex): (dir: string) => boolean {
  let include: Matcher | null | undefined;
  const memo = new Map<string, boolean>();
  return (dir) => {
    if (include === undefined) {
      const follow = followPaths(model, target);
      const paths = follow === null ? null : followLinks(fs, follow);
      include = paths === null ? null : Matcher.fromRaw(paths.map((text, i) => ({ text, line: i + 1, raw: text })), '(Dockerfile sources)');
    }
    const inc = include;
    if (inc === null) return true;
    const hit = memo.get(dir);
    if (hit !== undefined) return hit;
    const matched = (p: string): boolean => {
      try {
        return inc.matchesOrParentMatches(p).excluded;
      } catch {
        return false;
      }
    };
    const any = (p: string): boolean => matched(p) || (index.get(p) === 'dir' && index.children(p).some((n) => any(`${p}/${n}`)));
    const r = any(dir);
    memo.set(dir, r);
    return r;
  };
}

export function analyzeUses(input: UsesInput): UsesAnalysis {
  const { model, index } = input;
  const uses: ContextUse[] = contextUses(model, input.target, input.builder).map((u) => ({ ...u, files: copiedFiles(u.instr, index) }));
  const firstUse = firstUseOf(uses.map((u) => u.files));
  return { uses, firstUse, findings: sourceFindings(input) };
}

/** copy-ignored / copy-missing: every context source that fails the build, per builder. */
export function sourceFindings(input: UsesInput): Finding[] {
  const { model, index, dockerfileLabel, builder } = input;
  const raw = fsIndex(input.fs);
  const removed = builder === 'legacy' ? legacyRemovedFiles(index, input.ignoreRules ?? [], input.matcher.rules[0]?.source ?? '.dockerignore', input.dockerfileRel ?? null) : new Map<string, RuleRef | null>();
  const view: SourceView = {
    sent: without(index, removed),
    readlink: readlinkOf(input.fs),
    ...(builder === 'buildkit' ? { transferred: transferCheck(model, input.target, input.fs, index) } : {}),
  };
  const rawView: SourceView = { sent: raw, readlink: view.readlink };
  const findings: Finding[] = [];
  const onlyLegacy = builder === 'legacy' ? new Set(stagesToBuild(model, input.target)) : null;
  for (const use of contextUses(model, input.target, builder)) {
    const instr = use.instr;
    const literal = instr.kind === 'RUN';
    const unneeded = onlyLegacy !== null && !onlyLegacy.has(use.stage) ? ' (the legacy builder builds every stage up to the target, needed or not)' : '';
    if (literal && builder === 'legacy') {
      // The legacy builder refuses RUN flags before it reads any source.
      findings.push(
        makeFinding('dockerfile-needs-buildkit', {
          message: `RUN --mount needs BuildKit: the legacy builder fails on this line ("the --mount option requires BuildKit")${unneeded}`,
          dockerfile: { path: dockerfileLabel, line: instr.line },
        }),
      );
      continue;
    }
    const results = use.sources.map((src) => ({ src, r: checkSource(builder, src, view, literal) }));
    const total = results.reduce((n, x) => n + x.r.matches, 0);
    for (const { src, r } of results) {
      const shown = cleanSource(src);
      const kind = instr.kind;
      if (r.failure === null) {
        // The legacy builder fails an instruction whose sources together matched nothing.
        if (builder !== 'legacy' || !r.wildcard || total > 0) continue;
        const p = legacySourcePath(src);
        const onDisk = legacyWildcardMatches(p, raw);
        const gone = onDisk.find((m) => removed.has(m));
        if (gone !== undefined) {
          findings.push(removedFinding(instr, shown, src, gone, removed.get(gone) ?? null, dockerfileLabel, unneeded));
        } else if (onDisk.length > 0) {
          findings.push(ignoredFinding(input, instr, shown, src, onDisk[0]!, raw, dockerfileLabel, `matches only excluded paths, and no other source of the instruction matches: the legacy builder fails ("no source files were specified")${unneeded}`));
        } else {
          // It matches paths as written: a ".." or "." component never matches anything.
          const uncleaned = p.split('/').some((c) => c === '..' || c === '.') ? ' (the legacy builder matches wildcard sources against context paths without cleaning them)' : '';
          findings.push(
            sourceFinding('copy-missing', instr, shown, dockerfileLabel, {}, `${kind} source ${JSON.stringify(src)} matches nothing${uncleaned}, and no other source of the instruction matches: the legacy builder fails ("no source files were specified")${unneeded}`),
          );
        }
        continue;
      }
      findings.push(failureFinding(input, instr, src, shown, r.failure, { raw, rawView, removed, unneeded }));
    }
  }
  return findings;
}

interface FailureContext {
  raw: ContextIndex;
  rawView: SourceView;
  removed: ReadonlyMap<string, RuleRef | null>;
  unneeded: string;
}

function hops(via: readonly LinkHop[]): string {
  return via.map((h) => `${h.link} -> ${h.target}`).join(', ');
}

function failureFinding(input: UsesInput, instr: CopyLike | RunInstr, src: string, shown: string, f: SourceFailure, ctx: FailureContext): Finding {
  const kind = instr.kind;
  const label = input.dockerfileLabel;
  const what = `${kind} source ${JSON.stringify(src)}`;
  const tail = `; the build fails${ctx.unneeded}`;
  switch (f.kind) {
    case 'outside':
      return sourceFinding('copy-missing', instr, shown, label, {}, `${what} is outside the build context: the legacy builder refuses it ("forbidden path outside the build context")${tail}`);
    case 'not-dir':
      return sourceFinding('copy-missing', instr, shown, label, {}, `${what}: ${f.path} is not a directory${f.via.length ? ` (through ${hops(f.via)})` : ''}${tail}`);
    case 'loop':
      return sourceFinding('copy-missing', instr, shown, label, {}, `${what}: too many levels of symbolic links (${hops(f.via.slice(0, 4))}, ...)${tail}`);
    case 'not-transferred':
      return sourceFinding(
        'copy-missing',
        instr,
        shown,
        label,
        {},
        `${what} matches nothing, so BuildKit transfers nothing of ${f.path}/ for it and the copy fails on "lstat ${f.path}" (moby/buildkit#2933)${tail}`,
      );
    case 'absent': {
      const full = f.rest === '' ? f.path : `${f.path}/${f.rest}`;
      const through = f.via.length > 0 ? ` (a symlink: ${hops(f.via)})` : '';
      const base = f.wildcardBase ? ` (the directory its wildcard is resolved in)` : '';
      if (ctx.removed.has(f.path)) return removedFinding(instr, shown, src, f.path, ctx.removed.get(f.path) ?? null, label, ctx.unneeded);
      if (ctx.raw.get(f.path) === undefined) {
        const where = f.via.length > 0 || f.wildcardBase ? `: ${full}${base} does not exist in the context${through}` : ` does not exist in the context`;
        return sourceFinding('copy-missing', instr, shown, label, {}, `${what}${where}${tail}`);
      }
      // It exists on disk: the ignore file removed it. Name the rule that did.
      const explained = f.via.length > 0 ? f.path : resolveRaw(full, ctx.rawView) ?? f.path;
      return ignoredFinding(input, instr, shown, src, explained, ctx.raw, label, `${f.via.length > 0 ? `needs ${f.path}${through}, which ` : ''}is excluded by {by}${tail}`);
    }
  }
}

/** The full path a source names on disk (for naming the rule that excludes it), if it resolves. */
function resolveRaw(path: string, rawView: SourceView): string | null {
  const r = resolveInContext(path, rawView);
  return r.ok ? r.path : null;
}

function ignoredFinding(input: UsesInput, instr: CopyLike | RunInstr, shown: string, src: string, path: string, raw: ContextIndex, label: string, text: string): Finding {
  let rule: RuleRef | null = null;
  try {
    rule = explainPath(input.matcher, input.builder, path, raw.get(path) === 'dir').rule;
  } catch {
    rule = null; // a broken pattern: the rule cannot be named
  }
  const by = rule ? `${rule.source}:${rule.line} (${rule.pattern})` : 'the ignore file';
  const f = sourceFinding(
    'copy-ignored',
    instr,
    shown,
    label,
    rule && rule.line > 0 ? { ignore: { path: rule.source, line: rule.line, pattern: rule.pattern } } : {},
    `${instr.kind} source ${JSON.stringify(src)} ${text.replace('{by}', by)}`,
  );
  if (path !== '.') f.fix = `add "!${path}" to the ignore file (after line ${rule?.line ?? '?'})`;
  return f;
}

function removedFinding(instr: CopyLike | RunInstr, shown: string, src: string, path: string, rule: RuleRef | null, label: string, unneeded: string): Finding {
  const by = rule ? `${rule.source}:${rule.line} (${rule.pattern})` : 'the ignore file';
  const f = sourceFinding(
    'copy-ignored',
    instr,
    shown,
    label,
    rule && rule.line > 0 ? { ignore: { path: rule.source, line: rule.line, pattern: rule.pattern } } : {},
    `${instr.kind} source ${JSON.stringify(src)}${path !== shown ? ` needs ${path}, which` : ''} is sent by the docker CLI but deleted by the legacy daemon before the build because ${by} matches it; the build fails${unneeded}`,
  );
  f.fix = `add "!${path}" to the ignore file (after line ${rule?.line ?? '?'})`;
  return f;
}
