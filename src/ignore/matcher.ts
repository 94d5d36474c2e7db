// Docker's PatternMatcher (moby/patternmatcher v0.6): the ordered rule list, the "last matching
// rule wins" evaluation, and the parent-directory bookkeeping both builders rely on.
import { goClean } from '../paths.js';
import { BadPatternError, goMatch } from './go-match.js';
import { IgnoreFileError, goTrimSpace, type RawRule } from './parse.js';
import { compilePattern, matchCompiled, PatternMatchError, type CompiledPattern } from './pattern.js';

export interface Rule {
  /** Cleaned pattern without the "!" (patternmatcher's Pattern.String()). */
  pattern: string;
  exception: boolean;
  /** 1-based line in `source`, or 0 for rules ctxcheck or the builder added. */
  line: number;
  /** Ignore file path (relative to the context where possible) or a label for added rules. */
  source: string;
  compiled: CompiledPattern;
}

/** Per-pattern "did this pattern match the path or one of its parents" bits. */
export type MatchInfo = readonly boolean[] | null;

export interface Decision {
  excluded: boolean;
  /** Index of the last rule that flipped the decision, or -1 when no rule applied. */
  ruleIndex: number;
  info: boolean[];
}

export class Matcher {
  readonly rules: Rule[];
  readonly hasExceptions: boolean;

  constructor(rules: Rule[]) {
    this.rules = rules;
    this.hasExceptions = rules.some((r) => r.exception);
  }

  /**
   * Build from ReadAll output, applying patternmatcher.New's own normalisation and validation.
   * Throws IgnoreFileError (with file and line) where Docker would refuse the patterns.
   */
  static fromRaw(raw: readonly RawRule[], source: string): Matcher {
    const rules: Rule[] = [];
    for (const r of raw) {
      let p = goTrimSpace(r.text);
      if (p === '') continue;
      p = goClean(p);
      let exception = false;
      if (p.startsWith('!')) {
        if (p.length === 1) throw new IgnoreFileError(source, r.line || null, 'illegal exclusion pattern: "!"');
        exception = true;
        p = p.slice(1);
      }
      try {
        goMatch(p, '.');
      } catch (err) {
        if (err instanceof BadPatternError) {
          throw new IgnoreFileError(source, r.line || null, `syntax error in pattern ${JSON.stringify(r.raw.trim())}`);
        }
        throw err;
      }
      rules.push({ pattern: p, exception, line: r.line, source, compiled: compilePattern(p) });
    }
    return new Matcher(rules);
  }

  /** Append rules (e.g. the legacy CLI's "!Dockerfile"), keeping the source label per rule. */
  withExtra(extra: readonly RawRule[], source: string): Matcher {
    const more = Matcher.fromRaw(extra, source);
    return new Matcher([...this.rules, ...more.rules]);
  }

  private test(rule: Rule, path: string): boolean {
    try {
      return matchCompiled(rule.pattern, rule.compiled, path);
    } catch (err) {
      // Go compiles the regexp lazily, so Docker fails only once a path reaches the rule.
      if (err instanceof PatternMatchError) {
        throw new IgnoreFileError(rule.source, rule.line || null, `${err.message} (Docker fails the build on it)`);
      }
      throw err;
    }
  }

  private testParents(rule: Rule, path: string): boolean {
    let i = path.indexOf('/');
    while (i >= 0) {
      if (this.test(rule, path.slice(0, i))) return true;
      i = path.indexOf('/', i + 1);
    }
    return false;
  }

  /** patternmatcher's MatchesOrParentMatches. */
  matchesOrParentMatches(path: string): { excluded: boolean; ruleIndex: number } {
    let matched = false;
    let ruleIndex = -1;
    this.rules.forEach((rule, idx) => {
      if (rule.exception !== matched) return;
      const m = this.test(rule, path) || this.testParents(rule, path);
      if (m) {
        matched = !rule.exception;
        ruleIndex = idx;
      }
    });
    return { excluded: matched, ruleIndex };
  }

  /**
   * patternmatcher's MatchesUsingParentResults, used by both builders' walks. `parent` is the
   * info returned for the parent directory, or null at the top of a walk (then parents are
   * tested textually, as Docker does).
   */
  matchesUsingParentResults(path: string, parent: MatchInfo): Decision {
    let matched = false;
    let ruleIndex = -1;
    const info = new Array<boolean>(this.rules.length).fill(false);
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i]!;
      let m = parent !== null && parent[i] === true;
      if (!m) {
        // Skip a rule that cannot change the outcome: an exclusion once excluded, an
        // exception while included. Docker records "no match" for skipped rules.
        if (rule.exception !== matched) continue;
        m = this.test(rule, path);
        if (!m && parent === null) m = this.testParents(rule, path);
      }
      info[i] = m;
      if (m) {
        matched = !rule.exception;
        ruleIndex = i;
      }
    }
    return { excluded: matched, ruleIndex, info };
  }
}
