// The engine harness itself: it starts, builds with both builders, reads the cache results from
// their output, and sees a file's bytes in a saved image.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree, removeTree } from '../helpers/tree.js';
import { BASE_IMAGE, Engine, skipEngine, type EngineBuilder } from './engine.js';

const BUILDERS: EngineBuilder[] = ['legacy', 'buildkit'];

describe.skipIf(skipEngine('harness'))('engine harness', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.start();
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
  }, 60_000);

  test.each(BUILDERS)('%s: a build, then the same build from the cache, then a change', (builder) => {
    engine.clearCache();
    const dir = makeTree({ files: { Dockerfile: `FROM ${BASE_IMAGE}\nCOPY a /a\nRUN cat /a > /b\n`, a: 'one\n' } });
    try {
      const first = engine.build({ builder, dir, tag: 'h:1' });
      expect(first.ok, first.log).toBe(true);
      const texts = first.steps.filter((s) => !s.text.startsWith('FROM'));
      expect(texts.map((s) => [s.text, s.cached])).toEqual([['COPY a /a', false], ['RUN cat /a > /b', false]]);
      const again = engine.build({ builder, dir, tag: 'h:1' });
      expect(again.steps.filter((s) => !s.text.startsWith('FROM')).map((s) => s.cached)).toEqual([true, true]);
      writeFileSync(join(dir, 'a'), 'two\n');
      const changed = engine.build({ builder, dir, tag: 'h:1' });
      expect(changed.steps.filter((s) => !s.text.startsWith('FROM')).map((s) => s.cached)).toEqual([false, false]);
      expect(engine.imageHolds('h:1', Buffer.from('two\n'))).toBe(true);
      expect(engine.imageHolds('h:1', Buffer.from('one\n'))).toBe(false);
    } finally {
      removeTree(dir);
    }
  });

  test.each(BUILDERS)('%s: a failing COPY is a failed build', (builder) => {
    const dir = makeTree({ files: { Dockerfile: 'FROM scratch\nCOPY nope /x\n' } });
    try {
      const r = engine.build({ builder, dir, tag: 'h:2' });
      expect(r.ok).toBe(false);
      expect(r.exitCode).not.toBe(0);
    } finally {
      removeTree(dir);
    }
  });
});
