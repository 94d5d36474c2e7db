// copy-ignored / copy-missing through analyze(), per builder, for what the context alone does
// not show. Each behaviour here is also judged by a real engine (test/engine/copy-verdicts);
// these run everywhere.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { Builder } from '../../src/context/builders.js';
import { writeTree, type TreeSpec } from '../helpers/tree.js';

const RULES = new Set(['copy-ignored', 'copy-missing', 'dockerfile-needs-buildkit']);

async function failing(spec: TreeSpec, builder: Builder, opts: { dockerfile?: string; target?: string } = {}) {
  const dir = writeTree(spec);
  const r = await analyze({ context: dir, cwd: dir, builder, git: false, secrets: false, ...opts });
  return r.findings.filter((f) => RULES.has(f.rule)).map((f) => ({ rule: f.rule, line: f.dockerfile?.line, ignoreLine: f.ignore?.line }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

describe('the legacy daemon deletes an excluded Dockerfile and .dockerignore after the upload (removeDockerfile)', () => {
  it('COPY Dockerfile fails on both builders when .dockerignore matches it', async () => {
    const spec = { files: { Dockerfile: 'FROM scratch\nCOPY Dockerfile /df\n', '.dockerignore': 'Dockerfile\n' } };
    expect(await failing(spec, 'legacy')).toEqual([{ rule: 'copy-ignored', line: 2, ignoreLine: 1 }]);
    expect(await failing(spec, 'buildkit')).toEqual([{ rule: 'copy-ignored', line: 2, ignoreLine: 1 }]);
  });

  it('so does COPY .dockerignore, and a wildcard that only matched the deleted file (legacy)', async () => {
    const spec = { files: { Dockerfile: 'FROM scratch\nCOPY .dockerignore /di\nCOPY Docker* /x/\n', '.dockerignore': '.dockerignore\nDockerfile\n' } };
    expect(await failing(spec, 'legacy')).toEqual([
      { rule: 'copy-ignored', line: 2, ignoreLine: 1 },
      { rule: 'copy-ignored', line: 3, ignoreLine: 2 },
    ]);
    // BuildKit never had them: an empty wildcard is no error there.
    expect(await failing(spec, 'buildkit')).toEqual([{ rule: 'copy-ignored', line: 2, ignoreLine: 1 }]);
  });

  it('-f in an excluded directory: the Dockerfile is deleted, its directory stays (legacy)', async () => {
    const spec = { files: { 'sub/Dockerfile': 'FROM scratch\nCOPY sub /sub/\nCOPY sub/Dockerfile /df\n', '.dockerignore': 'sub\n' } };
    expect(await failing(spec, 'legacy', { dockerfile: 'sub/Dockerfile' })).toEqual([{ rule: 'copy-ignored', line: 3, ignoreLine: 1 }]);
    expect((await failing(spec, 'buildkit', { dockerfile: 'sub/Dockerfile' })).map((f) => f.line)).toEqual([2, 3]);
  });
});

describe('symlink sources are followed inside the context on both builders', () => {
  it.each<Builder>(['legacy', 'buildkit'])('%s: a link out of the context, a dangling link and a link to an excluded file fail', async (builder) => {
    const spec = {
      files: { Dockerfile: 'FROM scratch\nCOPY out /1\nCOPY dangling /2\nCOPY hidden /3\nCOPY ok /4\nCOPY d /5/\n', secret: 's', a: 'a', 'd/f': 'f', '.dockerignore': 'secret\n' },
      links: { out: '/etc/hostname', dangling: 'nothere', hidden: 'secret', ok: '../../a', 'd/l': 'nothere' },
    };
    expect(await failing(spec, builder)).toEqual([
      { rule: 'copy-missing', line: 2, ignoreLine: undefined },
      { rule: 'copy-missing', line: 3, ignoreLine: undefined },
      { rule: 'copy-ignored', line: 4, ignoreLine: 1 },
    ]);
  });

  it('a path through a symlinked directory works', async () => {
    const spec = { files: { Dockerfile: 'FROM scratch\nCOPY ld/f /f\n', 'd/f': 'f' }, links: { ld: 'd' } };
    expect(await failing(spec, 'buildkit')).toEqual([]);
    expect(await failing(spec, 'legacy')).toEqual([]);
  });
});

describe('what only one builder refuses', () => {
  it('"../a" is cleaned into the context by BuildKit and refused by legacy', async () => {
    const spec = { files: { Dockerfile: 'FROM scratch\nCOPY ../a /a\n', a: 'a' } };
    expect(await failing(spec, 'buildkit')).toEqual([]);
    expect(await failing(spec, 'legacy')).toEqual([{ rule: 'copy-missing', line: 2, ignoreLine: undefined }]);
  });

  it('the legacy builder builds every stage up to the target; BuildKit only what the target needs', async () => {
    const spec = { files: { Dockerfile: 'FROM scratch AS unused\nCOPY nope /x\nFROM scratch AS app\nCOPY a /a\nFROM scratch AS later\nCOPY nope2 /y\n', a: 'a' } };
    expect(await failing(spec, 'buildkit', { target: 'app' })).toEqual([]);
    expect(await failing(spec, 'legacy', { target: 'app' })).toEqual([{ rule: 'copy-missing', line: 2, ignoreLine: undefined }]);
  });

  it('RUN --mount needs BuildKit: legacy fails on the line whatever the source', async () => {
    const spec = { files: { Dockerfile: 'FROM busybox\nRUN --mount=type=bind,source=a,target=/a cat /a\n', a: 'a' } };
    expect(await failing(spec, 'buildkit')).toEqual([]);
    expect(await failing(spec, 'legacy')).toEqual([{ rule: 'dockerfile-needs-buildkit', line: 2, ignoreLine: undefined }]);
  });

  it('modern BuildKit transfers no part of a wildcard’s directory when nothing in it matches (moby/buildkit#2933)', async () => {
    const alone = { files: { Dockerfile: 'FROM scratch\nCOPY d/*.txt /x/\n', 'd/a': 'a' } };
    expect(await failing(alone, 'buildkit')).toEqual([{ rule: 'copy-missing', line: 2, ignoreLine: undefined }]);
    const sent = { files: { Dockerfile: 'FROM scratch\nCOPY d/a /a\nCOPY d/*.txt /x/\n', 'd/a': 'a' } };
    expect(await failing(sent, 'buildkit')).toEqual([]);
    // The legacy builder fails both: the instruction's sources matched nothing.
    expect((await failing(sent, 'legacy')).map((f) => f.line)).toEqual([3]);
  });
});
