// Why ctxcheck owns its matcher: @balena/dockerignore (the design card's library, a port of
// Docker 19.03) measured against Docker 28's answers. Each row is a path where balena and Docker
// disagree; Docker's answer is what ctxcheck's engine (itself checked against the real docker
// CLI in test/conformance) returns. If balena ever fixes a row, this test says so.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Matcher } from '../../src/ignore/matcher.js';
import { readIgnoreFile } from '../../src/ignore/parse.js';

type BalenaFactory = (options?: { ignorecase?: boolean }) => { add(patterns: string[]): { ignores(path: string): boolean } };

// The package is CommonJS (module.exports = factory) although its types declare a default export.
const balena = createRequire(import.meta.url)('@balena/dockerignore') as BalenaFactory;

function dockerExcludes(ignore: string, path: string): boolean {
  const m = Matcher.fromRaw(readIgnoreFile(new TextEncoder().encode(ignore), '.dockerignore'), '.dockerignore');
  return m.matchesOrParentMatches(path).excluded;
}

const ROWS: [what: string, ignore: string, path: string, docker: boolean][] = [
  ['case-insensitive by default', 'readme.md', 'README.md', false],
  ['does not escape "+"', 'a+b.txt', 'aab.txt', false],
  ['does not escape "(" ")"', '(x)*.txt', 'x.txt', false],
  ['misses the ** suffix rule', '**foo', 'barfoo', true],
];

describe('@balena/dockerignore versus Docker 28', () => {
  it.each(ROWS)('%s', (_what, ignore, path, docker) => {
    expect(dockerExcludes(ignore, path)).toBe(docker);
    expect(balena().add(ignore.split('\n')).ignores(path)).toBe(!docker);
  });

  it('accepts a lone "!", which makes Docker fail the build', () => {
    expect(() => balena().add(['!']).ignores('a')).not.toThrow();
    expect(() => Matcher.fromRaw(readIgnoreFile(new TextEncoder().encode('!\n'), '.dockerignore'), '.dockerignore')).toThrow(/line|:1/);
  });
});
