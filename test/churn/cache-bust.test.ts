import { describe, expect, it } from 'vitest';
import { cacheBusts, firstUses, isManifest, manifestFirst } from '../../src/analyzers/cache-bust.js';
import { classifyChurn, type Ecosystem } from '../../src/analyzers/churn.js';
import { dependencyInstalls } from '../../src/analyzers/dependency-installs.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { contextUses, stagesToBuild } from '../../src/dockerfile/stages.js';
import { indexFromPaths } from '../../src/dockerfile/copy-sources.js';
import { matcherFor } from '../../src/context/matcher-for.js';
import { walkContext } from '../../src/context/walk.js';
import { readIgnoreFile } from '../../src/ignore/parse.js';
import { MemoryFS } from '../../src/fs/memory-fs.js';

/** The whole pipeline on an in-memory context: walk with the ignore file, classify, bust. */
function run(tree: Record<string, string>, dockerfile: string, target?: string) {
  const fs = new MemoryFS({ files: { ...tree, Dockerfile: dockerfile } });
  const ignore = tree['.dockerignore'];
  const rules = ignore === undefined ? [] : readIgnoreFile(new TextEncoder().encode(ignore), '.dockerignore');
  const walk = walkContext({ fs, matcher: matcherFor('buildkit', rules, '.dockerignore', 'Dockerfile'), builder: 'buildkit', stat: true });
  const index = indexFromPaths(walk.entries.toArray());
  const model = parseDockerfile(dockerfile);
  const stages = stagesToBuild(model, target);
  const uses = contextUses(model, target);
  const copied = firstUses(uses, index);
  const files = walk.entries.toArray().filter((e) => e.type !== 'dir');
  const groups = classifyChurn(files, { installs: dependencyInstalls(model, stages) });
  const sizes = new Map(files.map((e) => [e.path, e.size]));
  return { model, stages, index, uses, copied, groups, busts: cacheBusts(model, stages, uses, copied, groups, sizes) };
}

const NODE_APP = {
  'package.json': '{"name":"app"}',
  'package-lock.json': '{}',
  'src/index.js': 'console.log(1)',
  'README.md': '# app',
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.git/objects/aa/bbbb': 'x'.repeat(100),
  'logs/app.log': 'y'.repeat(40),
  'server.log': 'zz',
};

describe('cacheBusts', () => {
  it('names the COPY that takes churn in and the RUN steps that rerun after it', () => {
    const df = [
      'FROM node:20 AS build', // 1
      'WORKDIR /app', // 2
      'COPY . .', // 3
      'RUN npm ci', // 4
      'RUN npm run build', // 5
      'FROM build AS test', // 6
      'RUN npm test', // 7
      'FROM nginx', // 8
      'COPY --from=build /app/dist /usr/share/nginx/html', // 9
      'RUN echo done', // 10
    ].join('\n');
    const { busts } = run(NODE_APP, df, 'test');
    expect(busts.map((b) => [b.path, b.kind, b.files, b.bytes, b.step.line])).toEqual([
      ['.git', 'vcs', 2, 121, 3],
      ['logs', 'log', 1, 40, 3],
      ['server.log', 'log', 1, 2, 3],
    ]);
    const git = busts[0]!;
    expect(git.rule).toBe('cache-bust');
    expect(git.step).toEqual({ stage: 0, line: 3, text: 'COPY . .' });
    expect(git.reruns).toEqual([
      { line: 4, text: 'RUN npm ci' },
      { line: 5, text: 'RUN npm run build' },
      { line: 7, text: 'RUN npm test' },
    ]);
  });

  it('leaves out stages that are not built and stages that only COPY --from', () => {
    const df = ['FROM node:20 AS build', 'COPY . .', 'RUN npm ci', 'FROM build AS test', 'RUN npm test', 'FROM nginx', 'COPY --from=build /app /app', 'RUN echo done'].join('\n');
    const { busts } = run(NODE_APP, df);
    expect(busts[0]!.reruns.map((r) => r.line)).toEqual([3]);
  });

  it('blames the first step that takes a file in, and nothing when no step does', () => {
    const df = ['FROM node:20', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY src ./src', 'RUN node src/index.js', 'COPY logs /logs', 'RUN ls /logs'].join('\n');
    const { busts } = run(NODE_APP, df);
    // .git and server.log are never copied; logs/ first at line 6.
    expect(busts.map((b) => [b.path, b.step.line, b.reruns.map((r) => r.line)])).toEqual([['logs', 6, [7]]]);
  });

  it('an ignore file that excludes the churn removes the busts', () => {
    const df = ['FROM node:20', 'COPY . .', 'RUN npm ci'].join('\n');
    expect(run(NODE_APP, df).busts).toHaveLength(3);
    expect(run({ ...NODE_APP, '.dockerignore': '.git\n**/*.log\nlogs\n' }, df).busts).toEqual([]);
  });

  it('a RUN bind mount of the context reruns itself', () => {
    const df = ['FROM node:20', 'RUN --mount=type=bind,target=/src cp -r /src /app', 'RUN make'].join('\n');
    const { busts } = run(NODE_APP, df);
    expect(busts[0]!.step.line).toBe(2);
    expect(busts[0]!.reruns.map((r) => r.line)).toEqual([2, 3]);
  });
});

describe('manifestFirst', () => {
  const index = (...paths: string[]) => indexFromPaths(paths.map((path) => ({ path, type: 'file' })));
  const ctx = index('package.json', 'package-lock.json', 'src/index.js', 'README.md', 'node_modules/x/package.json', 'api/go.mod', 'api/go.sum', 'api/main.go');

  it('flags COPY . . before npm ci', () => {
    const model = parseDockerfile(['FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'RUN npm run build'].join('\n'));
    expect(manifestFirst(model, [0], ctx)).toEqual([
      { rule: 'cache-manifest-order', stage: 0, line: 3, installLine: 4, ecosystems: ['node'], manifests: ['package-lock.json', 'package.json'] },
    ]);
  });

  it('flags a directory COPY holding the manifest (Go)', () => {
    const model = parseDockerfile(['FROM golang', 'COPY api/ /src/', 'RUN cd /src && go build -o /app .'].join('\n'));
    expect(manifestFirst(model, [0], ctx).map((a) => [a.line, a.installLine, a.manifests])).toEqual([[2, 3, ['api/go.mod', 'api/go.sum']]]);
  });

  it('does not flag the manifest-first pattern, nor a deliberate second install after the sources', () => {
    const model = parseDockerfile(['FROM node:20', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build'].join('\n'));
    expect(manifestFirst(model, [0], ctx)).toEqual([]);
    const prune = parseDockerfile(['FROM node:20', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build && npm ci --omit=dev'].join('\n'));
    expect(manifestFirst(prune, [0], ctx)).toEqual([]);
  });

  it('still flags when the manifests are copied first but the broad COPY also precedes the install', () => {
    const model = parseDockerfile(['FROM node:20', 'COPY package.json package-lock.json ./', 'COPY . .', 'RUN npm ci'].join('\n'));
    expect(manifestFirst(model, [0], ctx).map((a) => [a.line, a.installLine])).toEqual([[3, 4]]);
  });

  it('does not flag a broad COPY after the install, nor one without manifests, nor stages not built', () => {
    const after = parseDockerfile(['FROM node:20', 'RUN npm ci', 'COPY . .'].join('\n'));
    expect(manifestFirst(after, [0], ctx)).toEqual([]);
    const noManifest = parseDockerfile(['FROM node:20', 'COPY src/ ./src/', 'RUN npm ci'].join('\n'));
    expect(manifestFirst(noManifest, [0], ctx)).toEqual([]);
    const other = parseDockerfile(['FROM node:20 AS a', 'COPY . .', 'RUN npm ci', 'FROM alpine', 'RUN true'].join('\n'));
    expect(manifestFirst(other, [1], ctx)).toEqual([]);
    expect(manifestFirst(other, [0, 1], ctx)).toHaveLength(1);
  });

  it('only counts manifests of the ecosystem installed, outside dependency trees', () => {
    expect(isManifest('package.json', ['node'])).toBe(true);
    expect(isManifest('node_modules/x/package.json', ['node'])).toBe(false);
    expect(isManifest('requirements-dev.txt', ['python'])).toBe(true);
    expect(isManifest('requirements-dev.txt', ['node'])).toBe(false);
    expect(isManifest('src/Api/Api.csproj', ['dotnet' as Ecosystem])).toBe(true);
  });
});
