import { describe, expect, it } from 'vitest';
import { classifyChurn, explicitSources, type ChurnGroup, type Ecosystem } from '../../src/analyzers/churn.js';
import { dependencyInstalls, installEcosystems } from '../../src/analyzers/dependency-installs.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { stagesToBuild } from '../../src/dockerfile/stages.js';
import type { GitStatus } from '../../src/git.js';

const files = (...paths: string[]): { path: string; size: number }[] => paths.map((path) => ({ path, size: 10 }));
const summary = (gs: ChurnGroup[]): [string, string, number][] =>
  gs.map((g): [string, string, number] => [g.root, g.kind, g.files.length]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
const none = new Set<Ecosystem>();

describe('classifyChurn: name rules', () => {
  const tree = files(
    'Dockerfile',
    'package.json',
    'src/index.ts',
    '.git/HEAD',
    '.git/objects/ab/cdef',
    '.git/refs/heads/main',
    'server.log',
    'logs/a.txt',
    'logs/2024/b.txt',
    'npm-debug.log.123',
    'node_modules/left-pad/index.js',
    'node_modules/.cache/babel/x.json',
    'packages/a/node_modules/b/index.js',
    'packages/a/dist/index.js',
    'packages/a/src/index.ts',
    '__pycache__/m.cpython-311.pyc',
    'app/__pycache__/n.cpython-311.pyc',
    '.DS_Store',
    'src/.DS_Store',
    '.idea/workspace.xml',
    'src/index.ts.swp',
    'notes.txt~',
    'tsconfig.tsbuildinfo',
    '.next/cache/webpack/1.pack',
    '.next/server/page.js',
    'tmp/upload-1',
  );

  it('groups by the top-most matching directory; dependency trees stay silent without installs', () => {
    expect(summary(classifyChurn(tree, { installs: none }))).toEqual([
      ['.DS_Store', 'os-junk', 1],
      ['.git', 'vcs', 3],
      ['.idea', 'editor', 1],
      ['.next/cache', 'cache', 1],
      ['__pycache__', 'cache', 1],
      ['app/__pycache__', 'cache', 1],
      ['logs', 'log', 2],
      ['node_modules/.cache', 'cache', 1],
      ['notes.txt~', 'editor', 1],
      ['npm-debug.log.123', 'log', 1],
      ['packages/a/dist', 'build-output', 1],
      ['server.log', 'log', 1],
      ['src/.DS_Store', 'os-junk', 1],
      ['src/index.ts.swp', 'editor', 1],
      ['tmp', 'temp', 1],
      ['tsconfig.tsbuildinfo', 'build-output', 1],
    ]);
  });

  it('reports node_modules (each top-most one) when the Dockerfile installs node dependencies', () => {
    const gs = classifyChurn(tree, { installs: new Set<Ecosystem>(['node']) });
    const deps = summary(gs.filter((g) => g.kind === 'dependencies'));
    expect(deps).toEqual([
      ['node_modules', 'dependencies', 2],
      ['packages/a/node_modules', 'dependencies', 1],
    ]);
    // node_modules/.cache is now inside the node_modules group, not a group of its own.
    expect(gs.find((g) => g.root === 'node_modules/.cache')).toBeUndefined();
    expect(gs.find((g) => g.root === 'node_modules')!.reason).toMatch(/installs them itself/);
  });

  it('sums bytes and sorts by size', () => {
    const gs = classifyChurn(
      [
        { path: 'a.log', size: 5 },
        { path: '.git/x', size: 100 },
        { path: '.git/y', size: 23 },
      ],
      { installs: none },
    );
    expect(gs.map((g) => [g.root, g.bytes, g.rule])).toEqual([
      ['.git', 123, '.git'],
      ['a.log', 5, '*.log'],
    ]);
  });

  it('avoids false positives on weak names', () => {
    const gs = classifyChurn(
      files(
        'build/Dockerfile',
        'build/entry.sh',
        'bin/run.sh',
        'src/logs/logger.ts',
        'target/notes.md',
        'rust/Cargo.toml',
        'rust/target/CACHEDIR.TAG',
        'rust/target/debug/app',
        'svc/App.csproj',
        'svc/bin/Debug/App.dll',
        'svc/obj/project.assets.json',
        'venv/lib/x.py',
      ),
      { installs: new Set<Ecosystem>(['python']) },
    );
    expect(summary(gs)).toEqual([
      ['rust/target', 'build-output', 2],
      ['svc/bin', 'build-output', 1],
      ['svc/obj', 'build-output', 1],
    ]);
  });

  it('knows which ecosystem a vendor or venv directory belongs to', () => {
    const tree2 = files('go.mod', 'vendor/modules.txt', 'vendor/github.com/x/y.go', '.venv/pyvenv.cfg', '.venv/lib/site.py', 'web/vendor/bundle/ruby/x.rb');
    expect(summary(classifyChurn(tree2, { installs: new Set<Ecosystem>(['go']) }))).toEqual([['vendor', 'dependencies', 2]]);
    expect(summary(classifyChurn(tree2, { installs: new Set<Ecosystem>(['python', 'ruby']) }))).toEqual([
      ['.venv', 'dependencies', 2],
      ['web/vendor/bundle', 'dependencies', 1],
    ]);
    expect(classifyChurn(tree2, { installs: new Set<Ecosystem>(['php', 'node']) })).toEqual([]);
  });

  it('skips explicitly copied sources and everything under them', () => {
    const tree3 = files('dist/app.js', 'dist/app.js.map', 'build/out.bin', 'logs/x.txt', 'keep.log');
    const all = summary(classifyChurn(tree3, { installs: none }));
    expect(all.map((g) => g[0])).toEqual(['build', 'dist', 'keep.log', 'logs']);
    const gs = classifyChurn(tree3, { installs: none, explicitSources: new Set(['dist', 'logs/x.txt', 'keep.log']) });
    expect(summary(gs)).toEqual([['build', 'build-output', 1]]);
  });

  it('does not look inside a churn directory that holds an explicit source', () => {
    const tree4 = files('.git/HEAD', '.git/logs/HEAD', 'node_modules/.prisma/client/index.js', 'node_modules/x/dist/i.js', 'node_modules/x/debug.log');
    const node = new Set<Ecosystem>(['node']);
    expect(summary(classifyChurn(tree4, { installs: node }))).toEqual([
      ['.git', 'vcs', 2],
      ['node_modules', 'dependencies', 3],
    ]);
    expect(classifyChurn(tree4, { installs: node, explicitSources: new Set(['.git/HEAD', 'node_modules/.prisma']) })).toEqual([]);
  });
});

describe('classifyChurn: git', () => {
  const git = (ignored: string[], untracked: string[]): GitStatus => ({ root: '/r', prefix: '', ignored: new Set(ignored), untracked: new Set(untracked) });
  const tree = files('src/a.ts', 'gen/x.bin', 'gen/y.bin', 'secret.env', 'scratch/notes.md', 'draft.md', 'app.log', 'dist/index.js', 'fixtures/sample.log');

  it('adds git-ignored and git-untracked groups for files no name rule took', () => {
    const gs = classifyChurn(tree, { installs: none, git: git(['gen', 'secret.env', 'app.log', 'dist'], ['scratch', 'draft.md']) });
    expect(summary(gs)).toEqual([
      ['app.log', 'log', 1],
      ['dist', 'build-output', 1],
      ['draft.md', 'git-untracked', 1],
      ['gen', 'git-ignored', 2],
      ['scratch', 'git-untracked', 1],
      ['secret.env', 'git-ignored', 1],
    ]);
  });

  it('does not call tracked files or directories with tracked files churn', () => {
    // dist/index.js and fixtures/sample.log are tracked (in neither set).
    const gs = classifyChurn(tree, { installs: none, git: git(['app.log'], []) });
    expect(summary(gs)).toEqual([['app.log', 'log', 1]]);
  });

  it('ignores git info that covers the whole context', () => {
    const gs = classifyChurn(files('a.txt', 'b.log'), { installs: none, git: git(['.'], []) });
    expect(summary(gs)).toEqual([['b.log', 'log', 1]]);
  });

  it('keeps an intended node_modules out of the git-ignored groups too', () => {
    const gs = classifyChurn(files('node_modules/x/i.js', 'index.js'), { installs: none, git: git(['node_modules'], []) });
    expect(gs).toEqual([]);
  });
});

describe('dependencyInstalls', () => {
  it.each([
    ['npm ci', ['node']],
    ['npm --prefix web install', ['node']],
    ['npm install -g serve', []],
    ['npm run build', []],
    ['corepack enable && pnpm install --frozen-lockfile', ['node']],
    ['yarn', ['node']],
    ['yarn --frozen-lockfile', ['node']],
    ['yarn build', []],
    ['bun install', ['node']],
    ['pip install --no-cache-dir -r requirements.txt', ['python']],
    ['python3 -m pip install .', ['python']],
    ['pip install --upgrade pip setuptools wheel', []],
    ['pip install poetry && poetry install --no-root', ['python']],
    ['uv sync --frozen', ['python']],
    ['pipenv install --deploy', ['python']],
    ['go mod download', ['go']],
    ['CGO_ENABLED=0 go build -o /app ./cmd/app', ['go']],
    ['go test ./...', []],
    ['cargo build --release', ['rust']],
    ['./mvnw -B package -DskipTests', ['java']],
    ['gradle build', ['java']],
    ['dotnet restore', ['dotnet']],
    ['bundle install --jobs 4', ['ruby']],
    ['composer install --no-dev', ['php']],
    ['apt-get update && apt-get install -y curl', []],
    ['cd web && npm ci; cd ../api && go mod download', ['go', 'node']],
  ])('%s', (cmd, want) => {
    expect([...installEcosystems(cmd)].sort()).toEqual(want);
  });

  it('reads here-document RUN bodies when given the Dockerfile text', () => {
    const text = ['FROM node:20', 'RUN --mount=type=cache,target=/root/.npm <<EOF', 'set -e', 'npm ci', 'EOF', 'RUN echo hi'].join('\n');
    const model = parseDockerfile(text);
    expect([...dependencyInstalls(model, [0])]).toEqual([]);
    expect([...dependencyInstalls(model, [0], text)]).toEqual(['node']);
  });

  it('only looks at the built stages', () => {
    const model = parseDockerfile(
      ['FROM golang AS api', 'RUN go mod download', 'FROM node AS web', 'RUN npm ci', 'FROM python AS tools', 'RUN pip install -r r.txt', 'FROM web', 'COPY --from=api /x /x'].join('\n'),
    );
    expect([...dependencyInstalls(model, stagesToBuild(model))].sort()).toEqual(['go', 'node']);
    expect([...dependencyInstalls(model, stagesToBuild(model, 'tools'))]).toEqual(['python']);
  });
});

describe('explicitSources', () => {
  it('collects literal context sources of COPY/ADD and bind mounts, not wildcards or the root', () => {
    const model = parseDockerfile(
      [
        'FROM alpine',
        'COPY . .',
        'COPY dist/ /app/dist',
        'COPY ./config/app.yml *.json /etc/',
        'ADD https://example.com/x.tgz /x',
        'COPY --from=build /out /out',
        'RUN --mount=type=bind,source=scripts,target=/s sh /s/run.sh',
      ].join('\n'),
    );
    expect([...explicitSources(model, [0])].sort()).toEqual(['config/app.yml', 'dist', 'scripts']);
  });
});
