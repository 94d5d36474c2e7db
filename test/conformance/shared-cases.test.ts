// Pins both builders' contexts for the 40 recorded Docker answers (the BuildKit ones can only
// come from this data: there is no BuildKit here to ask).
import { describe, expect, it } from 'vitest';
import { listContext, IgnoreFileError } from '../../src/index.js';
import type { Builder } from '../../src/types.js';
import { writeTree } from '../helpers/tree.js';
import { DOCKERFILE, SHARED_CASES } from './cases.js';

const BUILT_IN = new Set(['Dockerfile', '.dockerignore']);

describe.each(['buildkit', 'legacy'] as Builder[])('recorded Docker answers, %s builder', (builder) => {
  it.each(SHARED_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = writeTree({
      files: { ...Object.fromEntries(c.files.map((f) => [f, 'x'])), Dockerfile: DOCKERFILE, '.dockerignore': c.dockerignore },
      dirs: c.dirs,
      links: c.links,
    });
    const expected = c.expected[builder];
    if (expected === 'error') {
      await expect(listContext({ context: dir, builder })).rejects.toBeInstanceOf(IgnoreFileError);
      return;
    }
    const got = (await listContext({ context: dir, builder })).filter((p) => !BUILT_IN.has(p));
    expect(got).toEqual([...expected].sort());
  });
});

it('the recorded cases include the three where the builders disagree', () => {
  const differ = SHARED_CASES.filter((c) => JSON.stringify(c.expected.buildkit) !== JSON.stringify(c.expected.legacy)).map((c) => c.name);
  expect(differ.sort()).toEqual(['p_allow_wild', 'p_allow_wild2', 'p_neg_wild_dir']);
});
