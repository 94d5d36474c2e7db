import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignOps, cacheReplay, type ReplayOptions, type ReplayResult } from '../../src/analyzers/cache-replay.js';
import { isolateGitConfig, Repo } from './repo.js';

isolateGitConfig();

/** [line, text, rebuilds] per step. */
const counts = (r: ReplayResult): [number, string, number][] => r.steps.map((s): [number, string, number] => [s.line, s.text, s.rebuilds]);
const firsts = (r: ReplayResult): (number | null)[] => r.perCommit.map((c) => c.firstStep);

const DOCKERFILE = (build: string): string =>
  [
    'FROM node:20', // 1
    'WORKDIR /app', // 2
    'COPY . .', // 3
    'RUN npm ci', // 4
    build, // 5
    'LABEL version=1', // 6
    'CMD ["node", "src/index.js"]', // 7
    '',
  ].join('\n');

describe('cacheReplay: a node app with COPY . . before npm ci', () => {
  let repo: Repo;
  let base: Omit<ReplayOptions, 'builder'>;
  beforeAll(async () => {
    repo = await Repo.create();
    await repo.commit('initial', {
      Dockerfile: DOCKERFILE('RUN npm run build'),
      '.dockerignore': '.git\n*.log\nDockerfile\n.dockerignore\n',
      'package.json': '{"name":"app","version":"1.0.0"}',
      'package-lock.json': '{}',
      'README.md': '# app\n',
      'src/index.js': 'console.log(1)\n',
      'app.log': 'started\n',
    });
    await repo.commit('docs: README', { 'README.md': '# app\n\nMore docs.\n' });
    await repo.commit('feat: src', { 'src/index.js': 'console.log(2)\n' });
    await repo.commit('deps: bump', { 'package.json': '{"name":"app","version":"1.1.0"}' });
    await repo.commit('ignore README', { '.dockerignore': '.git\n*.log\nDockerfile\n.dockerignore\nREADME.md\n' });
    await repo.commit('build: prod flag', { Dockerfile: DOCKERFILE('RUN npm run build -- --prod') });
    await repo.commit('chore: log', { 'app.log': 'started\nstopped\n' });
    base = { contextDir: repo.dir, dockerfileRel: 'Dockerfile', ignoreFileRel: '.dockerignore', commits: 6 };
  });
  afterAll(() => repo.cleanup());

  it('counts per step how many commits rebuild it (BuildKit)', async () => {
    const r = await cacheReplay({ ...base, builder: 'buildkit' });
    expect(r.commits).toBe(6);
    expect(counts(r)).toEqual([
      [2, 'WORKDIR /app', 0],
      [3, 'COPY . .', 4],
      [4, 'RUN npm ci', 4],
      [5, 'RUN npm run build -- --prod', 5],
    ]);
    expect(r.perCommit.map((c) => c.subject)).toEqual(['chore: log', 'build: prod flag', 'ignore README', 'deps: bump', 'feat: src', 'docs: README']);
    expect(firsts(r)).toEqual([null, 5, 3, 3, 3, 3]);
    expect(r.perCommit.map((c) => c.rebuilt)).toEqual([0, 1, 3, 3, 3, 3]);
    expect(r.perCommit.map((c) => c.changed)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('legacy builder: every instruction is a cache step, LABEL and CMD included', async () => {
    const r = await cacheReplay({ ...base, builder: 'legacy' });
    expect(counts(r)).toEqual([
      [2, 'WORKDIR /app', 0],
      [3, 'COPY . .', 4],
      [4, 'RUN npm ci', 4],
      [5, 'RUN npm run build -- --prod', 5],
      [6, 'LABEL version=1', 5],
      [7, 'CMD ["node", "src/index.js"]', 5],
    ]);
    expect(firsts(r)).toEqual([null, 5, 3, 3, 3, 3]);
  });

  it('extraIgnore simulates a suggested rule', async () => {
    const r = await cacheReplay({ ...base, builder: 'buildkit', extraIgnore: ['README.md'] });
    expect(counts(r)).toEqual([
      [2, 'WORKDIR /app', 0],
      [3, 'COPY . .', 2],
      [4, 'RUN npm ci', 2],
      [5, 'RUN npm run build -- --prod', 3],
    ]);
    expect(firsts(r)).toEqual([null, 5, null, 3, 3, null]);
  });

  it('reorderManifestFirst moves the install before the broad COPY', async () => {
    const r = await cacheReplay({ ...base, builder: 'buildkit', reorderManifestFirst: true });
    expect(r.steps.map((s) => [s.line, s.text, s.rebuilds, s.simulated ?? false])).toEqual([
      [2, 'WORKDIR /app', 0, false],
      [3, 'COPY package-lock.json package.json ./', 1, true],
      [4, 'RUN npm ci', 1, false],
      [3, 'COPY . .', 4, false],
      [5, 'RUN npm run build -- --prod', 5, false],
    ]);
    expect(firsts(r)).toEqual([null, 5, 3, 3, 3, 3]);
    expect(r.perCommit.map((c) => c.rebuilt)).toEqual([0, 1, 2, 4, 2, 2]);
  });

  it('both together', async () => {
    const r = await cacheReplay({ ...base, builder: 'buildkit', reorderManifestFirst: true, extraIgnore: ['README.md'] });
    expect(counts(r).map((c) => c[2])).toEqual([0, 1, 1, 2, 3]);
  });

  it('looks only at the requested number of commits', async () => {
    const r = await cacheReplay({ ...base, builder: 'buildkit', commits: 2 });
    expect(r.commits).toBe(2);
    expect(counts(r).map((c) => c[2])).toEqual([0, 0, 0, 1]);
  });
});

describe('cacheReplay: a context in a subdirectory, LABEL edits and a Dockerfile that comes and goes', () => {
  let repo: Repo;
  let base: Omit<ReplayOptions, 'builder'>;
  const DF = (v: number): string => ['FROM alpine', 'COPY . /src', 'RUN make -C /src', `LABEL v=${v}`, 'CMD ["/src/app"]', ''].join('\n');
  beforeAll(async () => {
    repo = await Repo.create();
    await repo.commit('c0: other only', { 'other/x.txt': '0' });
    await repo.commit('c1: add svc', { 'svc/Dockerfile': DF(1), 'svc/.dockerignore': 'Dockerfile\n', 'svc/Makefile': 'all:\n', 'svc/main.c': 'int main(){}\n' });
    await repo.commit('c2: label v2', { 'svc/Dockerfile': DF(2) });
    await repo.commit('c3: empty ignore file', { 'svc/.dockerignore': '' });
    await repo.commit('c4: label v3', { 'svc/Dockerfile': DF(3) });
    await repo.commit('c5: outside the context', { 'other/x.txt': '5' });
    repo.remove('svc/Dockerfile');
    await repo.commit('c6: drop Dockerfile');
    base = { contextDir: join(repo.dir, 'svc'), dockerfileRel: 'Dockerfile', ignoreFileRel: '.dockerignore', commits: 6 };
  });
  afterAll(() => repo.cleanup());

  it('BuildKit: LABEL changes rebuild nothing while the Dockerfile is ignored; the context follows the ignore file of each commit', async () => {
    const r = await cacheReplay({ ...base, builder: 'buildkit' });
    expect(r.commits).toBe(5);
    expect(r.perCommit[0]).toMatchObject({ subject: 'c6: drop Dockerfile', firstStep: null, skipped: 'no Dockerfile at this commit' });
    expect(firsts(r)).toEqual([null, null, 2, 2, null, 2]);
    expect(r.perCommit.map((c) => c.changed)).toEqual([1, 0, 1, 1, 1, 4]);
    expect(counts(r)).toEqual([
      [2, 'COPY . /src', 3],
      [3, 'RUN make -C /src', 3],
    ]);
  });

  it('legacy: a LABEL edit rebuilds LABEL and CMD', async () => {
    const r = await cacheReplay({ ...base, builder: 'legacy' });
    expect(firsts(r)).toEqual([null, null, 2, 2, 4, 2]);
    expect(counts(r)).toEqual([
      [2, 'COPY . /src', 3],
      [3, 'RUN make -C /src', 3],
      [4, 'LABEL v=3', 4],
      [5, 'CMD ["/src/app"]', 4],
    ]);
  });

  it('fails clearly outside a git work tree', async () => {
    await expect(cacheReplay({ ...base, contextDir: '/', builder: 'buildkit' })).rejects.toThrow(/not inside a git work tree/);
  });
});

describe('cacheReplay: ENV edits', () => {
  let repo: Repo;
  beforeAll(async () => {
    repo = await Repo.create();
    const df = (a: number): string => ['FROM alpine', 'COPY Makefile /src/', `ENV A=${a}`, 'COPY main.c /src/', 'RUN make -C /src', ''].join('\n');
    await repo.commit('one', { Dockerfile: df(1), '.dockerignore': '.git\nDockerfile\n', Makefile: 'all:\n', 'main.c': 'int main(){}\n' });
    await repo.commit('env', { Dockerfile: df(2) });
  });
  afterAll(() => repo.cleanup());

  it('BuildKit reruns the RUN after an ENV edit but not the COPY in between; legacy breaks at the ENV', async () => {
    const opts = { contextDir: repo.dir, dockerfileRel: 'Dockerfile', ignoreFileRel: '.dockerignore', commits: 1 };
    const bk = await cacheReplay({ ...opts, builder: 'buildkit' });
    expect(bk.steps.map((s) => [s.line, s.rebuilds])).toEqual([
      [2, 0],
      [4, 0],
      [5, 1],
    ]);
    expect(firsts(bk)).toEqual([5]);
    const legacy = await cacheReplay({ ...opts, builder: 'legacy' });
    expect(legacy.steps.map((s) => [s.line, s.rebuilds])).toEqual([
      [2, 0],
      [3, 1],
      [4, 1],
      [5, 1],
    ]);
    expect(firsts(legacy)).toEqual([3]);
  });
});

describe('cacheReplay: multi-stage', () => {
  let repo: Repo;
  beforeAll(async () => {
    repo = await Repo.create();
    await repo.commit('one', {
      Dockerfile: [
        'FROM node:20 AS deps', // 1
        'WORKDIR /app', // 2
        'COPY package.json ./', // 3
        'RUN npm ci', // 4
        'FROM deps AS build', // 5
        'COPY src ./src', // 6
        'RUN npm run build', // 7
        'FROM nginx AS runtime', // 8
        'COPY nginx.conf /etc/nginx/nginx.conf', // 9
        'COPY --from=build /app/dist /usr/share/nginx/html', // 10
        '',
      ].join('\n'),
      'package.json': '{}',
      'src/a.js': '1',
      'nginx.conf': 'a',
    });
    await repo.commit('src', { 'src/a.js': '2' });
    await repo.commit('deps', { 'package.json': '{"x":1}' });
    await repo.commit('conf', { 'nginx.conf': 'b' });
  });
  afterAll(() => repo.cleanup());

  it('a miss in a stage rebuilds the stages built FROM it and the COPY --from that reads it', async () => {
    const r = await cacheReplay({ contextDir: repo.dir, dockerfileRel: 'Dockerfile', ignoreFileRel: null, builder: 'buildkit', commits: 3 });
    expect(r.steps.map((s) => [s.stage, s.line, s.rebuilds])).toEqual([
      [0, 2, 0],
      [0, 3, 1],
      [0, 4, 1],
      [1, 6, 2],
      [1, 7, 2],
      [2, 9, 1],
      [2, 10, 3],
    ]);
    expect(firsts(r)).toEqual([9, 3, 6]);
    expect(r.perCommit.map((c) => c.rebuilt)).toEqual([2, 5, 3]);
  });

  it('--target limits the replay to the stages it builds', async () => {
    const r = await cacheReplay({ contextDir: repo.dir, dockerfileRel: 'Dockerfile', ignoreFileRel: null, builder: 'buildkit', commits: 3, target: 'build' });
    expect(r.steps.map((s) => [s.line, s.rebuilds])).toEqual([
      [2, 0],
      [3, 1],
      [4, 1],
      [6, 2],
      [7, 2],
    ]);
    expect(firsts(r)).toEqual([null, 3, 6]);
  });
});

describe('alignOps', () => {
  const ops = (...xs: string[]) => xs.map((x) => ({ agg: x, kind: x.split(' ')[0]! }));
  it('matches equal texts and pairs edited ones in place', () => {
    const a = ops('COPY a', 'RUN x', 'RUN y', 'CMD z');
    const b = ops('COPY a', 'RUN x2', 'RUN y', 'ENV k', 'CMD z');
    const m = alignOps(a, b);
    expect(a.map((x) => m.get(x)?.agg ?? null)).toEqual(['COPY a', 'RUN x2', 'RUN y', 'CMD z']);
  });
  it('leaves unequal runs unmatched', () => {
    const a = ops('COPY a', 'RUN x', 'RUN w', 'CMD z');
    const b = ops('COPY a', 'RUN q', 'CMD z');
    const m = alignOps(a, b);
    expect(a.map((x) => m.get(x)?.agg ?? null)).toEqual(['COPY a', null, null, 'CMD z']);
  });
});
