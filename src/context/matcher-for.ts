// The rule list each builder really evaluates. The legacy CLI appends exceptions so the
// Dockerfile and .dockerignore are always sent (docker/cli TrimBuildFilesFromExcludes);
// BuildKit reads both separately and evaluates the ignore file as written.
import { goClean } from '../paths.js';
import { Matcher } from '../ignore/matcher.js';
import type { RawRule } from '../ignore/parse.js';
import type { Builder } from './builders.js';

export const LEGACY_ADDED_SOURCE = '(added by the docker CLI)';

function wouldExclude(matcher: Matcher, file: string): boolean {
  const p = goClean(file);
  if (p === '.') return false;
  try {
    return matcher.matchesOrParentMatches(p).excluded;
  } catch {
    return false; // the CLI ignores match errors here
  }
}

export function matcherFor(
  builder: Builder,
  rules: readonly RawRule[],
  source: string,
  dockerfileRel: string | null,
): Matcher {
  let matcher = Matcher.fromRaw(rules, source);
  if (builder === 'buildkit') return matcher;
  if (wouldExclude(matcher, '.dockerignore')) {
    matcher = matcher.withExtra([{ text: '!.dockerignore', line: 0, raw: '!.dockerignore' }], LEGACY_ADDED_SOURCE);
  }
  if (dockerfileRel !== null && wouldExclude(matcher, dockerfileRel)) {
    const text = `!${dockerfileRel}`;
    matcher = matcher.withExtra([{ text, line: 0, raw: text }], LEGACY_ADDED_SOURCE);
  }
  return matcher;
}
