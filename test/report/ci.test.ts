// CI behaviour: exit codes per --fail-on, machine formats, SARIF validity, --output, baselines.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

const require = createRequire(import.meta.url);

// A project with one error (a COPY of an ignored file) and one warning (a large file).
const project = (): string =>
  writeTree({
    files: {
      Dockerfile: 'FROM alpine\nCOPY app.conf /etc/\nCOPY . /src\n',
      '.dockerignore': '*.conf\n',
      'app.conf': 'x',
      'data.bin': 'd'.repeat(3000),
      'main.c': 'int main(){}\n',
    },
  });

describe('exit codes and --fail-on', () => {
  it.each([
    [[], 1],
    [['--fail-on', 'error'], 1],
    [['--fail-on', 'none'], 0],
    [['--fail-on', 'large'], 1],
    [['--fail-on', 'secret'], 0],
    [['--fail-on', 'secret,copy'], 1],
    [['--fail-on', 'large-file'], 1],
    [['--fail-on', 'warning,large'], 1],
    // A union (issue #16): the error fails it even though no error is in category large.
    [['--fail-on', 'error,large'], 1],
    [['--fail-on', 'secret,large-file'], 1],
    [['--fail-on', 'secret', '--fail-on', 'dockerfile'], 0],
  ] as [string[], number][])('%j → exit %i', (args, code) => {
    const dir = project();
    const r = runCli(['.', '--large', '2kB', ...args], { cwd: dir });
    expect(r.code).toBe(code);
  });

  it('an unknown --fail-on token is a usage error (2)', () => {
    const r = runCli(['.', '--fail-on', 'bogus'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fail-on');
  });

  it('a clean context exits 0', () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM alpine\nCOPY main.c /\n', 'main.c': 'x' } });
    expect(runCli(['.', '--ci'], { cwd: dir, env: { GITHUB_ACTIONS: '' } }).code).toBe(0);
  });
});

describe('formats', () => {
  it('github: one workflow annotation per finding, pointing at the Dockerfile line', () => {
    // file= is relative to the repository root: GITHUB_WORKSPACE in Actions (test/report/sarif-locations.test.ts covers the rest).
    const dir = project();
    const r = runCli(['.', '--format', 'github', '--large', '2kB'], { cwd: dir, env: { GITHUB_WORKSPACE: dir } });
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^::error file=Dockerfile,line=2,title=ctxcheck copy-ignored::/);
    expect(lines[1]).toMatch(/^::warning file=data\.bin,line=1,title=ctxcheck large-file::/);
    expect(lines.at(-1)).toMatch(/^::notice title=ctxcheck::/);
  });

  it('--ci inside GitHub Actions prints annotations and writes the job summary', () => {
    const dir = project();
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const r = runCli(['.', '--ci'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: dir } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=Dockerfile,line=2/);
    expect(readFileSync(summary, 'utf8')).toContain('| error | `copy-ignored` | `Dockerfile:2` |');
  });

  it('markdown: a findings table', () => {
    const r = runCli(['.', '--format', 'markdown'], { cwd: project() });
    expect(r.stdout).toContain('| error | `copy-ignored` | `Dockerfile:2` |');
  });

  it('--output writes the report to a file and nothing to stdout', () => {
    const dir = project();
    const r = runCli(['.', '--format', 'json', '-o', 'out.json'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).findings[0].rule).toBe('copy-ignored');
  });
});

describe('SARIF 2.1.0', () => {
  const sarifFile = (): string => {
    const dir = project();
    const r = runCli(['.', '--format', 'sarif', '--large', '2kB', '-o', 'ctxcheck.sarif'], { cwd: dir, env: { GITHUB_WORKSPACE: dir } });
    expect(r.code).toBe(1);
    return join(dir, 'ctxcheck.sarif');
  };

  it('validates against the published 2.1.0 JSON schema, with rule metadata and locations', async () => {
    const file = sarifFile();
    const schemaPath = require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json');
    // ajv is CommonJS: its class is the module's `default` export at run time.
    const mod = (await import('ajv/dist/2020.js')) as unknown as { default: typeof import('ajv/dist/2020.js').Ajv2020 };
    const ajv = new mod.default({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    const log = JSON.parse(readFileSync(file, 'utf8'));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('ctxcheck');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('copy-ignored');
    expect(run.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['copy-ignored', 'large-file']);
    expect(run.results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } });
    expect(run.results[0].partialFingerprints['ctxcheck/v1']).toMatch(/^[0-9a-f]{16}$/);
  });

  // Microsoft's SARIF validator, also with GitHub's ingestion rules (--rule-kind Gh).
  const multitool = (() => {
    try {
      return join(require.resolve('@microsoft/sarif-multitool-linux/package.json'), '..', 'Sarif.Multitool');
    } catch {
      return null;
    }
  })();
  if (!multitool || !existsSync(multitool)) console.warn('SARIF multitool not installed: skipping its validation (schema validation still runs)');

  it.skipIf(!multitool || !existsSync(multitool!))('passes the SARIF multitool, default and GitHub rules, with no errors', () => {
    chmodSync(multitool!, 0o755); // npm may skip the package's own chmod postinstall
    const file = sarifFile();
    for (const extra of [[], ['--rule-kind', 'Gh']]) {
      const r = spawnSync(multitool!, ['validate', file, ...extra], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
      const out = `${r.stdout}\n${r.stderr}`;
      expect(r.status, out).toBe(0);
      expect(out).not.toMatch(/: error [A-Z]+\d+/);
      expect(out).toContain('Analysis completed successfully');
    }
  });
});

describe('baselines', () => {
  it('ctxcheck baseline accepts today’s findings; only new ones are reported afterwards', () => {
    const dir = project();
    expect(runCli(['baseline'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, '.ctxcheck-baseline.json'))).toBe(true);
    expect(runCli(['.'], { cwd: dir }).code).toBe(0);
    // A new problem appears: only it is reported.
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine\nCOPY app.conf /etc/\nCOPY . /src\nCOPY gone.txt /\n');
    const r = runCli(['.', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string; path: string }) => [f.rule, f.path])).toEqual([['copy-missing', 'gone.txt']]);
    expect(runCli(['.', '--baseline', 'none'], { cwd: dir }).code).toBe(1);
  });
});
