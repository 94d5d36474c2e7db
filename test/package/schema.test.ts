// schema/report.schema.json describes every JSON document ctxcheck prints exactly (a one-build
// report, the `--all` project report, `why`): real output from the built CLI validates, the
// schema compiles in Ajv's strict mode, and it is strict enough to reject malformed documents.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILDERS } from '../../src/context/builders.js';
import { CATEGORIES, RULES } from '../../src/rules.js';
import { SECRET_PLACEMENTS } from '../../src/analyzers/secret-placement.js';
import type { Finding, Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCHEMA_FILE = fileURLToPath(new URL('../../schema/report.schema.json', import.meta.url));

interface ValidateFn {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}

let validate: ValidateFn;
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {
  $schema: string;
  $defs: Record<string, { enum?: string[]; pattern?: string }>;
};

beforeAll(async () => {
  // ajv is CommonJS: its class is the module's `default` export at run time.
  const mod = (await import('ajv/dist/2020.js')) as unknown as { default: typeof import('ajv/dist/2020.js').Ajv2020 };
  // Strict mode: no unknown keyword, no ignored keyword, no type the schema leaves ambiguous
  // (nullable members are explicit `["string", "null"]` unions, which allowUnionTypes permits).
  const ajv = new mod.default({ strict: true, allowUnionTypes: true, allErrors: true });
  validate = ajv.compile(schema) as ValidateFn;
});

const errorsOf = (): string => (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('\n');

function expectValid(report: unknown): void {
  const ok = validate(report);
  expect(ok, errorsOf()).toBe(true);
}

/** Run the built CLI with --format json and parse stdout (exit 0 or 1, never 2). */
function jsonReport(args: string[], cwd: string): Report {
  const r = runCli([...args, '--format', 'json'], { cwd, env: { GITHUB_ACTIONS: '' } });
  expect(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`).toBe(true);
  return JSON.parse(r.stdout) as Report;
}

// Spliced so that no scanner flags this file itself.
const TOKEN = ['gh', 'p_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('');

describe('the schema file', () => {
  it('is draft 2020-12 and its enums match the registry', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$defs['builder']!.enum).toEqual([...BUILDERS]);
    expect(schema.$defs['category']!.enum).toEqual([...CATEGORIES]);
    expect(schema.$defs['severity']!.enum).toEqual(['error', 'warning', 'note']);
    const finding = schema.$defs['finding'] as unknown as { properties: { placement: { enum: string[] } } };
    expect(finding.properties.placement.enum).toEqual([...SECRET_PLACEMENTS]);
    const pattern = new RegExp(schema.$defs['ruleId']!.pattern!);
    for (const id of Object.keys(RULES)) expect(id, `rule id ${id} does not match the schema's pattern`).toMatch(pattern);
  });
});

describe('real reports validate', () => {
  const seen: Finding[] = [];

  it('a context without a Dockerfile', () => {
    const dir = writeTree({ files: { 'main.c': 'int main(){}\n', 'docs/readme.txt': 'hello\n', '.env': 'API_KEY=abcdef0123456789abcdef\n' } });
    const r = jsonReport(['.'], dir);
    expect(r.dockerfile).toBeNull();
    expect(r.transfer).toBeNull();
    expect(r.steps).toEqual([]);
    expectValid(r);
    seen.push(...r.findings);
  });

  it('an empty context', () => {
    const dir = writeTree({ dirs: ['empty'] });
    const r = jsonReport(['.'], dir);
    expect(r.summary.files).toBe(0);
    expectValid(r);
  });

  it('a Dockerfile with COPY errors, a secret, a cache bust, a large file and ignore-file lint', () => {
    const dir = writeTree({
      files: {
        Dockerfile: [
          'FROM node:20',
          'WORKDIR /app',
          'COPY . .',
          'RUN npm ci',
          'COPY missing.txt /opt/',
          'COPY app.conf /etc/',
          'RUN --mount=type=bind,source=nope,target=/n true',
          '',
        ].join('\n'),
        '.dockerignore': '*.conf\nnode_modules/\nnever-matches\n*.log\n',
        'app.conf': 'x',
        'package.json': '{}',
        'package-lock.json': '{}',
        'app/config.js': `module.exports = { token: "${TOKEN}" };\n`,
        'logs/app.log': 'log\n',
        'data/model.bin': 'd'.repeat(3000),
        'src/index.js': 'x',
      },
    });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const r = jsonReport(['.', '--large', '2kB', '--baseline', 'none'], dir);
    const rules = new Set(r.findings.map((f) => f.rule));
    for (const rule of ['copy-missing', 'copy-ignored', 'secret/github-token', 'cache-bust', 'large-file']) {
      expect(rules, `expected a ${rule} finding`).toContain(rule);
    }
    expect(r.steps.length).toBeGreaterThan(0);
    expect(r.transfer).not.toBeNull();
    expectValid(r);
    seen.push(...r.findings);
  });

  it('suppressed findings, listed with --show-suppressed (a comment, the config allowlist, the baseline)', () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM scratch\nCOPY . /app\n',
        'a.js': `const t = "${TOKEN}"; // ctxcheck:allow secret/github-token\n`,
        'fixtures/b.js': `const t = "${TOKEN}";\n`,
        'ctxcheck.config.json': JSON.stringify({ allow: [{ rule: 'secret/*', path: 'fixtures/**' }] }),
      },
    });
    expect(runCli(['baseline'], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, 'c.js'), `const t = "${TOKEN}";\n`);
    const r = jsonReport(['.', '--show-suppressed'], dir);
    expect(r.suppressed.comment).toBe(1);
    expect(r.suppressed.config).toBe(1);
    expect(r.suppressed.findings!.map((f) => f.suppressedBy).sort()).toEqual(['comment', 'config', ...Array(r.suppressed.baseline).fill('baseline')].sort());
    expectValid(r);
    expectValid(jsonReport(['.'], dir));
    expect(validate({ ...r, suppressed: { ...r.suppressed, findings: [{ ...r.findings[0]! }] } }), 'a listed suppressed finding needs suppressedBy').toBe(false);
  });

  it('a multi-stage build with --target, --build-arg and -f', () => {
    const dir = writeTree({
      files: {
        'docker/app.Dockerfile': [
          'FROM alpine AS build',
          'ARG SRC=src',
          'COPY ${SRC}/ /build/',
          'RUN make',
          'FROM alpine AS test',
          'COPY --from=build /build /b',
          'COPY tests/ /tests/',
          'FROM scratch',
          'COPY --from=build /build/out /',
          '',
        ].join('\n'),
        'docker/app.Dockerfile.dockerignore': 'tests/fixtures\n',
        'src/main.c': 'int main(){}\n',
        'tests/a.sh': 'true\n',
        'tests/fixtures/big.txt': 'x'.repeat(100),
        'other/unused.txt': 'y',
      },
    });
    const r = jsonReport(['.', '-f', 'docker/app.Dockerfile', '--target', 'test', '--build-arg', 'SRC=src'], dir);
    expect(r.target).toBe('test');
    expect(r.transfer?.followPaths).toEqual(expect.arrayContaining(['src', 'tests']));
    expectValid(r);
    seen.push(...r.findings);
  });

  it('the legacy builder, and a report written with -o', () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM alpine\nCOPY a.txt /\n', 'a.txt': 'a', '.dockerignore': 'b/\n!b/keep\n', 'b/keep': 'k', 'b/drop': 'd' } });
    const r = jsonReport(['.', '--builder', 'legacy'], dir);
    expect(r.builder).toBe('legacy');
    expect(r.transfer).toBeNull();
    expectValid(r);
    expect(runCli(['.', '--format', 'json', '-o', 'report.json'], { cwd: dir }).code).toBe(0);
    expectValid(JSON.parse(readFileSync(`${dir}/report.json`, 'utf8')));
  });

  it('fixtures/webapp', () => {
    const r = jsonReport(['fixtures/webapp'], ROOT);
    expect(r.context).toBe('fixtures/webapp');
    expectValid(r);
    seen.push(...r.findings);
  });

  it.each(readdirSync(join(ROOT, 'fixtures')).filter((d) => d !== 'webapp'))('fixtures/%s', (name) => {
    const r = jsonReport([`fixtures/${name}`], ROOT);
    expectValid(r);
    seen.push(...r.findings);
  });

  it('the fixtures above exercised every optional finding field', () => {
    const keys = new Set(seen.flatMap((f) => Object.keys(f)));
    for (const k of ['path', 'line', 'fix', 'dockerfile', 'ignore', 'excerpt', 'fingerprint']) expect(keys, `no finding had "${k}"`).toContain(k);
    const categories = new Set(seen.map((f) => f.category));
    for (const c of ['secret', 'copy', 'cache', 'large', 'ignore']) expect(categories, `no ${c} finding`).toContain(c);
  });
});

describe('the schema rejects malformed reports', () => {
  let base: Report;
  beforeAll(() => {
    const dir = writeTree({ files: { Dockerfile: 'FROM alpine\nCOPY missing /\n', 'a.txt': 'a' } });
    base = jsonReport(['.'], dir);
    expect(base.findings.length).toBeGreaterThan(0);
  });
  const clone = (): Report & Record<string, unknown> => structuredClone(base) as Report & Record<string, unknown>;

  it('the unmodified report is valid (the cases below fail for their one change)', () => {
    expectValid(base);
  });

  it('an unknown top-level property', () => {
    const r = clone();
    r['extra'] = true;
    expect(validate(r)).toBe(false);
    expect(errorsOf()).toMatch(/additional properties|unevaluated properties/);
  });

  it('a bad severity', () => {
    const r = clone();
    (r.findings[0] as unknown as Record<string, unknown>)['severity'] = 'fatal';
    expect(validate(r)).toBe(false);
    expect(errorsOf()).toMatch(/\/findings\/0\/severity/);
  });

  it.each([
    ['a missing required property', (r: Record<string, unknown>) => delete r['summary']],
    ['another version', (r: Record<string, unknown>) => (r['version'] = 2)],
    ['an unknown builder', (r: Record<string, unknown>) => (r['builder'] = 'kaniko')],
    ['an unknown category', (r: Report) => ((r.findings[0] as unknown as Record<string, unknown>)['category'] = 'misc')],
    ['a rule id that is not an id', (r: Report) => ((r.findings[0] as unknown as Record<string, unknown>)['rule'] = 'Copy Missing')],
    ['a secret rule outside the secret category', (r: Report) => ((r.findings[0] as unknown as Record<string, unknown>)['rule'] = 'secret/jwt')],
    ['an unknown finding property', (r: Report) => ((r.findings[0] as unknown as Record<string, unknown>)['extra'] = 1)],
    ['a negative byte count', (r: Report) => ((r.summary as unknown as Record<string, unknown>)['bytes'] = -1)],
    ['a fractional file count', (r: Report) => ((r.summary as unknown as Record<string, unknown>)['files'] = 1.5)],
    ['a 0 line', (r: Report) => (r.findings[0]!.dockerfile = { path: 'Dockerfile', line: 0 })],
    ['more than 10 largest files', (r: Report) => (r.largestFiles = Array.from({ length: 11 }, (_, i) => ({ path: `f${i}`, bytes: 1 })))],
  ] as [string, (r: Report & Record<string, unknown>) => unknown][])('%s', (_name, mutate) => {
    const r = clone();
    mutate(r);
    expect(validate(r)).toBe(false);
  });
});

describe('the --all project report and why have their own shapes', () => {
  const project = (): string =>
    writeTree({
      files: {
        'compose.yaml': 'services:\n  api:\n    build: ./api\n  web:\n    build:\n      context: web\n      dockerfile: Dockerfile\n',
        'api/Dockerfile': 'FROM alpine\nCOPY missing.txt /\n',
        'api/.env': 'API_KEY=abcdef0123456789abcdef\n',
        'web/Dockerfile': 'FROM alpine\nCOPY . /app\n',
        'web/index.html': '<html></html>\n',
        'docker-bake.json': '{"target":{"bad":{"context":"nowhere"}}}\n',
      },
    });

  it('the automatic --all report (a directory without a Dockerfile) is kind "project" and validates', () => {
    const r = jsonReport(['.'], project()) as unknown as Record<string, unknown> & { targets: unknown[]; problems: unknown[] };
    expect(r['kind']).toBe('project');
    expect(r['version']).toBe(1);
    expect(r.targets.length).toBeGreaterThanOrEqual(2);
    expectValid(r);
  });

  it('--all on a directory with a Dockerfile, and fixtures/monorepo-style trees', () => {
    const dir = project();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine\nCOPY api/ /api/\n');
    const r = jsonReport(['.', '--all'], dir);
    expectValid(r);
    for (const f of readdirSync(join(ROOT, 'fixtures'))) expectValid(jsonReport([join('fixtures', f), '--all'], ROOT));
  });

  it('templates skipped, a devcontainer build and a context chosen from COPY sources validate', () => {
    const dir = writeTree({
      files: {
        'docker/app/Dockerfile': 'FROM alpine\nCOPY package.json /\n',
        'docker/Dockerfile.in': 'FROM @BASE@\n',
        'package.json': '{}',
        '.devcontainer/devcontainer.json': '{ "build": { "dockerfile": "Dockerfile" }, }',
        '.devcontainer/Dockerfile': 'FROM alpine\n',
      },
    });
    const r = jsonReport(['.', '--all'], dir) as unknown as { targets: { contextChoice?: unknown; kind: string }[]; discovery: { skippedTemplates: string[] } };
    expect(r.discovery.skippedTemplates).toEqual(['docker/Dockerfile.in']);
    expect(r.targets.some((t) => t.contextChoice !== undefined)).toBe(true);
    expect(r.targets.some((t) => t.kind === 'devcontainer')).toBe(true);
    expectValid(r);
  });

  it('a one-build report claiming kind "project" and a project report without its kind are both invalid', () => {
    const one = jsonReport(['.'], writeTree({ files: { Dockerfile: 'FROM alpine\n' } })) as unknown as Record<string, unknown>;
    expectValid(one);
    expect(validate({ ...one, kind: 'project' })).toBe(false);
    const all = jsonReport(['.'], project()) as unknown as Record<string, unknown>;
    const { kind: _kind, ...withoutKind } = all;
    expect(validate(withoutKind)).toBe(false);
    expect(validate({ ...all, targets: [{ ...(all['targets'] as Record<string, unknown>[])[0], extra: 1 }] })).toBe(false);
  });

  it('cache --format json validates (a replay with a skipped commit)', () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM alpine\nWORKDIR /app\nCOPY . .\nRUN make\n', 'main.c': 'a', 'README.md': 'r' } });
    const git = (...args: string[]): void =>
      void execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'initial');
    for (const [file, content] of [['main.c', 'b'], ['README.md', 's'], ['main.c', 'c']] as const) {
      writeFileSync(join(dir, file), content);
      git('commit', '-qam', `change ${file}`);
    }
    const r = runCli(['cache', '--commits', '3', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as { commits: number; before: { perCommit: unknown[] } };
    expect(c.commits).toBe(3);
    expect(c.before.perCommit).toHaveLength(3);
    expectValid(c);
    expect(validate({ ...c, before: { ...c.before, cacheModel: 'remote' } })).toBe(false);
  });

  it('why --format json validates', () => {
    const dir = writeTree({ files: { '.dockerignore': '*.log\n!keep.log\nbuild/\n', 'a.log': 'x', 'keep.log': 'x', 'build/out.o': 'x', 'main.c': 'x' } });
    const r = runCli(['why', 'a.log', 'keep.log', 'build/out.o', 'main.c', 'gone.txt', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout) as unknown[];
    expect(answer).toHaveLength(5);
    expectValid(answer);
  });
});
