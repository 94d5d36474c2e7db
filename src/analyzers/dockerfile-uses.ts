// Connect the Dockerfile to the context: what each COPY/ADD/RUN --mount takes in, which file a
// step is the first to take (for cache and secret severity), and the sources that would fail
// the build because they are missing or ignored.
import { compareBytes } from '../paths.js';
import type { ContextFS } from '../fs/types.js';
import type { Matcher } from '../ignore/matcher.js';
import type { Builder } from '../context/builders.js';
import { explainPath } from '../context/explain.js';
import {
  cleanSource,
  copiedFiles,
  isMissingSourceError,
  resolveSource,
  type ContextIndex,
  type FileSet,
  type PathLookup,
} from '../dockerfile/copy-sources.js';
import type { CopyLike, DockerfileModel, RunInstr } from '../dockerfile/model.js';
import { contextUses } from '../dockerfile/stages.js';
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
}

function sourceFinding(
  rule: 'copy-ignored' | 'copy-missing',
  use: ContextUse,
  src: string,
  dockerfileLabel: string,
  extra: Partial<Finding>,
  message: string,
): Finding {
  return makeFinding(rule, { path: src, message, dockerfile: { path: dockerfileLabel, line: use.instr.line }, ...extra });
}

export function analyzeUses(input: UsesInput): UsesAnalysis {
  const { model, index, dockerfileLabel } = input;
  const raw = fsIndex(input.fs);
  const uses: ContextUse[] = contextUses(model, input.target, input.builder).map((u) => ({ ...u, files: copiedFiles(u.instr, index) }));
  const firstUse = firstUseOf(uses.map((u) => u.files));

  const findings: Finding[] = [];
  for (const use of uses) {
    const literal = use.instr.kind === 'RUN';
    let anyMatched = false;
    const missing: { src: string; wildcard: boolean }[] = [];
    for (const src of use.sources) {
      const r = resolveSource(src, index, { literal });
      if (r.matches.length > 0) anyMatched = true;
      if (isMissingSourceError(src, r.matches, r.wildcard, index)) missing.push({ src, wildcard: r.wildcard });
      else if (r.matches.length === 0 && input.builder === 'legacy') missing.push({ src, wildcard: r.wildcard });
    }
    for (const { src, wildcard } of missing) {
      // The legacy daemon only fails when no source of the instruction matched anything.
      if (input.builder === 'legacy' && wildcard && anyMatched) continue;
      const onDisk = resolveSource(src, raw, { literal }).matches;
      const shown = cleanSource(src);
      if (onDisk.length === 0) {
        findings.push(
          sourceFinding('copy-missing', use, shown, dockerfileLabel, {}, `${use.instr.kind} source ${JSON.stringify(src)} does not exist in the context; the build fails`),
        );
        continue;
      }
      // It exists: the ignore file removed it. Name the rule that did.
      const first = onDisk[0]!;
      let rule: ReturnType<typeof explainPath>['rule'] = null;
      try {
        rule = explainPath(input.matcher, input.builder, first, raw.get(first) === 'dir').rule;
      } catch {
        rule = null; // a broken pattern: the rule cannot be named
      }
      const by = rule ? `${rule.source}:${rule.line} (${rule.pattern})` : 'the ignore file';
      findings.push(
        sourceFinding(
          'copy-ignored',
          use,
          shown,
          dockerfileLabel,
          rule && rule.line > 0 ? { ignore: { path: rule.source, line: rule.line, pattern: rule.pattern } } : {},
          `${use.instr.kind} source ${JSON.stringify(src)} is excluded by ${by}; the build fails`,
        ),
      );
      const fix = first === '.' ? undefined : `!${first}`;
      if (fix) findings[findings.length - 1]!.fix = `add "${fix}" to the ignore file (after line ${rule?.line ?? '?'})`;
    }
  }
  return { uses, firstUse, findings };
}
