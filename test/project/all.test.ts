// `ctxcheck . --all`: every build definition audited, one report, one exit code.
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/pipeline/project.js';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

const KEY = ['AKIA', 'QW7ZKD3MLJ4X2PNV'].join('');

const monorepo = (): string =>
  writeTree({
    files: {
      'docker/api.Dockerfile': 'FROM node:20\nWORKDIR /app\nCOPY services/api/ ./\nRUN npm ci\n',
      'docker/api.Dockerfile.dockerignore': 'services/api/node_modules\n',
      'web/Dockerfile': 'FROM nginx\nCOPY dist/ /usr/share/nginx/html/\n',
      'web/dist/index.html': '<html></html>',
      'web/.dockerignore': 'node_modules\n',
      'services/api/package.json': '{}',
      'services/api/index.js': `const key = "${KEY}";\n`,
      'services/api/node_modules/x/i.js': 'x',
      'services/worker/main.py': 'print(1)\n',
      '.env': 'WORKER_DIR=services/worker\n',
      'compose.yaml': [
        'services:',
        '  api:',
        '    build:',
        '      context: .',
        '      dockerfile: docker/api.Dockerfile',
        '  worker:',
        '    build:',
        '      context: ${WORKER_DIR}',
        '      dockerfile_inline: |',
        '        FROM python:3.12',
        '        COPY main.py missing.py /app/',
        '  docs:',
        '    build:',
        '      context: ./web',
        '      additional_contexts:',
        '        assets: ./services',
        '  db:',
        '    image: postgres',
        '',
      ].join('\n'),
      'docker-bake.json': JSON.stringify({ target: { web: { context: 'web', dockerfile: 'Dockerfile' } } }),
    },
  });

describe('--all', () => {
  it('discovers every build and analyses each with its own context, Dockerfile and ignore file', async () => {
    const dir = monorepo();
    const p = await analyzeProject('.', { cwd: dir, git: false });
    const names = p.targets.map((t) => t.name).sort();
    expect(names).toEqual(['bake target web (docker-bake.json)', 'service api (compose.yaml)', 'service docs (compose.yaml)', 'service worker (compose.yaml)']);
    const api = p.targets.find((t) => t.name.startsWith('service api'))!;
    // The per-Dockerfile ignore file applies to the api build only.
    expect(api.ignoreFile).toBe('docker/api.Dockerfile.dockerignore');
    expect(api.steps.map((s) => [s.line, s.files])).toEqual([[3, 2]]);
    expect(api.findings.filter((f) => f.category === 'secret').map((f) => [f.rule, f.path, f.severity, f.dockerfile?.line])).toEqual([
      ['secret/aws-access-key', 'services/api/index.js', 'error', 3],
      // Compose's own .env sits in the api context, but no COPY names it: BuildKit never transfers it.
      ['secret/dotenv', '.env', 'note', undefined],
    ]);
    // The inline Dockerfile's findings point at the Compose file.
    const worker = p.targets.find((t) => t.name.startsWith('service worker'))!;
    expect(worker.context).toBe('services/worker');
    expect(worker.findings.filter((f) => f.category === 'copy').map((f) => [f.rule, f.path, f.dockerfile?.path])).toEqual([
      ['copy-missing', 'missing.py', 'compose.yaml'],
    ]);
    // "docs" (compose) and "web" (bake) share web/ and its ignore rules: one walk for both.
    expect(p.summary.targets).toBe(4);
    expect(p.summary.walks).toBe(3);
    expect(p.summary.secrets).toBe(2);
  });

  it('the CLI prints a combined table and exits 1 on any failing build; JSON carries targets[]', () => {
    const dir = monorepo();
    const r = runCli(['.', '--all'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Builds in \.: 4 \(3 context walks\)/);
    expect(r.stdout).toContain('== service worker (compose.yaml) ==');
    expect(r.stdout).toMatch(/Found: .*compose\.yaml \(compose\).*docker-bake\.json \(bake\)/);
    const j = JSON.parse(runCli(['.', '--all', '--format', 'json'], { cwd: dir }).stdout);
    expect(j.targets).toHaveLength(4);
    expect(j.targets[0]).toHaveProperty('summary.files');
    expect(j.discovery.found.map((f: { file: string }) => f.file)).toContain('compose.yaml');
  });

  it('runs automatically when there is no Dockerfile at the root', () => {
    const dir = monorepo();
    expect(runCli(['.', '--format', 'json'], { cwd: dir }).stdout).toContain('"targets"');
    // A plain context with no build definitions keeps the single-build report.
    const plain = writeTree({ files: { 'a.txt': 'x' } });
    expect(JSON.parse(runCli(['.', '--format', 'json'], { cwd: plain }).stdout)).toHaveProperty('summary.files', 1);
  });

  it('SARIF locations point at the right files for every build', () => {
    const dir = monorepo();
    const sarif = JSON.parse(runCli(['.', '--all', '--format', 'sarif'], { cwd: dir, env: { GITHUB_WORKSPACE: dir } }).stdout);
    const uris = sarif.runs[0].results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [
      r.ruleId,
      r.locations[0]!.physicalLocation.artifactLocation.uri,
    ]);
    expect(uris).toContainEqual(['secret/aws-access-key', 'services/api/index.js']);
    expect(uris).toContainEqual(['copy-missing', 'compose.yaml']);
  });
});
