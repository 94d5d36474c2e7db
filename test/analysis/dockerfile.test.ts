// The Dockerfile tied to the context: failing COPY sources, steps, and BuildKit's transfer set.
import { describe, expect, it } from 'vitest';
import { analyze, listContext } from '../../src/index.js';
import { writeTree } from '../helpers/tree.js';
import { runCli } from '../helpers/cli.js';

const copyFindings = (r: Awaited<ReturnType<typeof analyze>>) =>
  r.findings
    .filter((f) => f.category === 'copy')
    .map((f) => ({ rule: f.rule, path: f.path, line: f.dockerfile?.line, ignoreLine: f.ignore?.line }));

describe('COPY sources that would fail the build', () => {
  it('names the ignore rule and line that removes a copied file, and the Dockerfile line', async () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM alpine\nCOPY app.py /app/\nCOPY config/ /etc/app/\nCOPY docs/*.md /docs/\nCOPY nope.txt /x\n',
        '.dockerignore': '# nothing\n*.md\nconfig\n',
        'app.py': 'print(1)\n',
        'config/app.ini': 'x',
        'docs/readme.md': 'x',
      },
    });
    const r = await analyze({ context: dir, cwd: dir });
    expect(copyFindings(r)).toEqual([
      { rule: 'copy-ignored', path: 'config', line: 3, ignoreLine: 3 },
      { rule: 'copy-missing', path: 'nope.txt', line: 5, ignoreLine: undefined },
    ]);
    // docs/*.md only matches at docs/ level: "*.md" excludes the root only, so it is copied.
    expect(r.steps.map((s) => [s.line, s.files])).toEqual([
      [2, 1],
      [3, 0],
      [4, 1],
      [5, 0],
    ]);
  });

  it('an allow-list ignore file ("*" then "!src") is understood, unlike BuildKit’s own check', async () => {
    const dir = writeTree({
      files: { Dockerfile: 'FROM alpine\nCOPY src /src\nCOPY go.mod /\n', '.dockerignore': '*\n!src\n', 'src/main.go': 'x', 'go.mod': 'x' },
    });
    const r = await analyze({ context: dir, cwd: dir });
    expect(copyFindings(r)).toEqual([{ rule: 'copy-ignored', path: 'go.mod', line: 3, ignoreLine: 1 }]);
  });

  it('a wildcard that matches nothing is not an error in BuildKit (AllowEmptyWildcard)', async () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM node:20\nCOPY package*.json yarn.lock* ./\n', 'package.json': '{}' } });
    const r = await analyze({ context: dir, cwd: dir });
    expect(copyFindings(r)).toEqual([]);
  });

  it('a RUN --mount=type=bind source is a context use too', async () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM golang\nRUN --mount=type=bind,source=go.sum,target=/go.sum true\nRUN --mount=type=bind,from=build,source=x,target=/x true\n',
        '.dockerignore': 'go.sum\n',
        'go.sum': 'x',
      },
    });
    const r = await analyze({ context: dir, cwd: dir });
    expect(copyFindings(r)).toEqual([{ rule: 'copy-ignored', path: 'go.sum', line: 2, ignoreLine: 1 }]);
  });
});

describe('the transfer set (BuildKit sends only what the built stages use)', () => {
  const tree = () =>
    writeTree({
      files: {
        Dockerfile: [
          'ARG APP=api',
          'FROM node:20 AS api',
          'ARG APP',
          'COPY services/${APP} /srv',
          'FROM node:20 AS web',
          'COPY web /web',
          'FROM alpine AS final',
          'COPY --from=api /srv /srv',
          '',
        ].join('\n'),
        'services/api/index.js': 'aaaa',
        'services/worker/index.js': 'bb',
        'web/index.html': 'ccc',
        'README.md': 'r',
      },
    });

  it('follows --target and --build-arg', async () => {
    const dir = tree();
    expect(await listContext({ context: dir, transfer: true })).toEqual(['services/api/index.js']);
    expect(await listContext({ context: dir, transfer: true, buildArgs: { APP: 'worker' } })).toEqual(['services/worker/index.js']);
    expect(await listContext({ context: dir, transfer: true, target: 'web' })).toEqual(['web/index.html']);
    const r = await analyze({ context: dir, cwd: dir });
    expect(r.transfer).toEqual({ followPaths: ['services/api'], files: 1, bytes: 4 });
    expect(r.summary.files).toBe(5);
  });

  it('ctxcheck ls --transfer through the CLI, and bad targets are exit 2', () => {
    const dir = tree();
    let res = runCli(['ls', '--transfer', '--target', 'web'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('web/index.html\n');
    res = runCli(['ls', '--transfer', '--build-arg', 'APP=worker'], { cwd: dir });
    expect(res.stdout).toBe('services/worker/index.js\n');
    res = runCli(['.', '--target', 'nope'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Dockerfile');
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    res = runCli(['ls', '--transfer', '--builder', 'legacy'], { cwd: dir });
    expect(res.code).toBe(2);
  });

  it('COPY . . transfers the whole (ignore-filtered) context', async () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM alpine\nCOPY . .\n', 'a.txt': 'a', '.dockerignore': 'b.txt\n', 'b.txt': 'b' } });
    const r = await analyze({ context: dir, cwd: dir });
    expect(r.transfer).toEqual({ followPaths: null, files: 3, bytes: r.summary.bytes });
  });
});

describe('Dockerfiles Docker refuses', () => {
  it.each([
    ['empty', ''],
    ['no FROM', 'RUN echo hi\n'],
    ['binary', 'FROM a\n\0\0\0'],
  ])('%s Dockerfile: one-line error, exit 2', (_name, text) => {
    const dir = writeTree({ files: { Dockerfile: text, 'a.txt': 'x' } });
    const r = runCli(['.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ctxcheck: Dockerfile/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
