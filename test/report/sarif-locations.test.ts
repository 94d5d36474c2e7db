// SARIF URIs and GitHub annotation paths resolve in the repository wherever ctxcheck runs:
// relative to the repository root with uriBaseId %SRCROOT% (SARIF 2.1.0 §3.4.3–3.4.4: a
// uriBaseId goes with a relative reference that does not start with "/"), absolute file://
// URIs without one outside any repository. Each log passes Microsoft's SARIF multitool with
// its default rules and GitHub's ingestion rules (--rule-kind Gh).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

const require = createRequire(import.meta.url);

// One build in svc/: a COPY of an ignored file (→ the Dockerfile), a large file whose name needs
// percent-encoding (→ the file itself), inside a git work tree.
const SVC = {
  'svc/Dockerfile': 'FROM alpine\nCOPY app.conf /etc/\nCOPY . /src\n',
  'svc/.dockerignore': '*.conf\n',
  'svc/app.conf': 'x',
  'svc/big data#1.bin': 'd'.repeat(3000),
};
const repo = (): string => {
  const dir = realpathSync(writeTree({ files: SVC }));
  execFileSync('git', ['init', '-q', dir]);
  return dir;
};

type Log = { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[]; automationDetails: { id: string }; originalUriBaseIds?: Record<string, { uri: string }> }[] };
const sarif = (args: string[], cwd: string, env: Record<string, string> = {}): { log: Log; file: string } => {
  const file = join(writeTree({}), 'out.sarif');
  const r = runCli([...args, '--format', 'sarif', '--large', '2kB', '--fail-on', 'none', '-o', file], { cwd, env: { GITHUB_WORKSPACE: '', ...env } });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { log: JSON.parse(readFileSync(file, 'utf8')) as Log, file };
};
const locations = (log: Log): { uri: string; uriBaseId?: string }[] => log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation);

const multitool = (() => {
  try {
    return join(require.resolve('@microsoft/sarif-multitool-linux/package.json'), '..', 'Sarif.Multitool');
  } catch {
    return null;
  }
})();

/** Validate with the multitool, default rules and GitHub's; every log must pass with no error. */
function validate(files: string[]): void {
  chmodSync(multitool!, 0o755); // npm may skip the package's own chmod postinstall
  for (const extra of [[], ['--rule-kind', 'Gh']]) {
    const r = spawnSync(multitool!, ['validate', ...files, ...extra], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).toBe(0);
    expect(out, extra.join(' ')).not.toMatch(/: error [A-Z]+\d+/);
    expect(out).toContain('Analysis completed successfully');
  }
}

const IN_REPO = [
  { uri: 'svc/Dockerfile', uriBaseId: '%SRCROOT%' },
  { uri: 'svc/big%20data%231.bin', uriBaseId: '%SRCROOT%' },
];

describe('SARIF locations', () => {
  it('the same repository-relative URIs from the repo root, a subdirectory and an absolute context outside the cwd; the multitool passes all of them', () => {
    const root = repo();
    const elsewhere = realpathSync(writeTree({}));
    const runs = [
      sarif(['svc'], root),
      sarif(['.'], join(root, 'svc')),
      sarif([join(root, 'svc')], elsewhere),
      // Deeper than the context: the context given as ".." from a directory inside it.
      (mkdirSync(join(root, 'svc', 'sub')), sarif(['..'], join(root, 'svc', 'sub'))),
    ];
    for (const { log } of runs) {
      expect(locations(log)).toEqual(IN_REPO);
      // Stable and repo-relative: the same category whichever directory ctxcheck ran in.
      expect(log.runs[0]!.automationDetails.id).toBe('ctxcheck/svc/svc/Dockerfile/');
      expect(log.runs[0]!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: pathToFileURL(`${root}/`).href } });
    }
    // Outside any repository: absolute file:// URIs, and no uriBaseId.
    const loose = realpathSync(writeTree({ files: SVC }));
    const outside = sarif([join(loose, 'svc')], elsewhere);
    expect(locations(outside.log)).toEqual([{ uri: pathToFileURL(join(loose, 'svc/Dockerfile')).href }, { uri: `${pathToFileURL(join(loose, 'svc')).href}/big%20data%231.bin` }]);
    expect(outside.log.runs[0]!.originalUriBaseIds).toBeUndefined();
    if (!multitool || !existsSync(multitool)) return void console.warn('SARIF multitool not installed: skipping its validation');
    validate([...runs.map((r) => r.file), outside.file]);
  }, 300_000);

  it('GITHUB_WORKSPACE is the root in GitHub Actions; --sarif-category sets automationDetails.id', () => {
    const root = repo();
    const { log } = sarif([join(root, 'svc')], realpathSync(writeTree({})), { GITHUB_WORKSPACE: join(root, 'svc') });
    expect(locations(log)).toEqual([{ uri: 'Dockerfile', uriBaseId: '%SRCROOT%' }, { uri: 'big%20data%231.bin', uriBaseId: '%SRCROOT%' }]);
    expect(sarif(['svc', '--sarif-category', 'ctxcheck-api'], root).log.runs[0]!.automationDetails.id).toBe('ctxcheck-api/');
  });

  it('--all: every build’s findings repository-relative, one stable category', () => {
    const root = repo();
    const runs = [sarif(['.', '--all'], root), sarif(['..', '--all'], join(root, 'svc'))];
    for (const { log } of runs) {
      expect(locations(log)).toEqual(IN_REPO);
      expect(log.runs[0]!.automationDetails.id).toBe('ctxcheck/./all/');
    }
  });
});

describe('GitHub annotations: file= relative to the repository root', () => {
  const files = (stdout: string): string[] => stdout.split('\n').filter((l) => l.startsWith('::error') || l.startsWith('::warning')).map((l) => /file=([^,]*)/.exec(l)![1]!);

  it('from the root, a subdirectory and outside the cwd; absolute outside any repository', () => {
    const root = repo();
    const elsewhere = realpathSync(writeTree({}));
    const env = { GITHUB_WORKSPACE: '' };
    for (const [args, cwd] of [[['svc'], root], [['.'], join(root, 'svc')], [[join(root, 'svc')], elsewhere]] as const) {
      const r = runCli([...args, '--format', 'github', '--large', '2kB'], { cwd, env });
      expect(files(r.stdout)).toEqual(['svc/Dockerfile', 'svc/big data#1.bin']);
    }
    const inActions = runCli([join(root, 'svc'), '--format', 'github', '--large', '2kB'], { cwd: elsewhere, env: { GITHUB_WORKSPACE: root } });
    expect(files(inActions.stdout)).toEqual(['svc/Dockerfile', 'svc/big data#1.bin']);
    const loose = realpathSync(writeTree({ files: SVC }));
    expect(files(runCli([join(loose, 'svc'), '--format', 'github', '--large', '2kB'], { cwd: elsewhere, env }).stdout)).toEqual([join(loose, 'svc/Dockerfile'), join(loose, 'svc/big data#1.bin')]);
  });
});
