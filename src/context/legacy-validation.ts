// The legacy docker CLI's validation walk over the context, which runs before its tar walk and
// decides whether a bad ignore pattern fails the build or only truncates the context.
import type { ContextFS } from '../fs/types.js';
import { Matcher } from '../ignore/matcher.js';
import type { RawRule } from '../ignore/parse.js';

/**
 * The docker CLI first validates the context (filepath.Walk with MatchesOrParentMatches, every
 * excluded directory skipped); a bad pattern reached there fails the build outright. Only when
 * validation passes does the tar walk's error truncate the context instead. Re-throw in the
 * first case.
 */
export function checkLegacyValidation(fs: ContextFS, rules: readonly RawRule[], label: string, error: Error): void {
  const m = Matcher.fromRaw(rules, label);
  const stack = ['.'];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let names;
    try {
      names = fs.readdir(dir);
    } catch {
      continue;
    }
    for (const { name, type } of names) {
      const p = dir === '.' ? name : `${dir}/${name}`;
      let excluded: boolean;
      try {
        excluded = m.matchesOrParentMatches(p).excluded;
      } catch {
        throw error;
      }
      if (!excluded && type === 'dir') stack.push(p);
    }
  }
}
