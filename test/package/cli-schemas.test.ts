// schema/ls.schema.json and schema/baseline.schema.json describe `ls --format json` and
// `baseline --format json`: real output of the built CLI validates under Ajv strict mode, and
// malformed output is rejected.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

interface ValidateFn {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}
const validators: Record<string, ValidateFn> = {};

beforeAll(async () => {
  const mod = (await import('ajv/dist/2020.js')) as unknown as { default: typeof import('ajv/dist/2020.js').Ajv2020 };
  for (const name of ['ls', 'baseline']) {
    const ajv = new mod.default({ strict: true, allErrors: true });
    const file = fileURLToPath(new URL(`../../schema/${name}.schema.json`, import.meta.url));
    validators[name] = ajv.compile(JSON.parse(readFileSync(file, 'utf8'))) as ValidateFn;
  }
});

const check = (name: string, data: unknown): void => {
  const v = validators[name]!;
  expect(v(data), (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('\n')).toBe(true);
};

const tree = (): string =>
  writeTree({
    files: {
      Dockerfile: 'FROM alpine\nCOPY src /src\n',
      '.dockerignore': '*.log\n',
      'src/a.js': 'a',
      'debug.log': 'x',
      'creds': 'aws_access_key_id = AKIAQWERTYUIOPASDFGH\n',
      'name\twith tab': 'x',
    },
  });

describe('ls --format json', () => {
  it('validates, and lists what the text listing lists', () => {
    const dir = tree();
    for (const extra of [[], ['--dirs'], ['--transfer'], ['--builder', 'legacy']]) {
      const r = runCli(['ls', '.', '--format', 'json', ...extra], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const data = JSON.parse(r.stdout) as { paths: string[]; dirs: boolean; transfer: boolean; builder: string };
      check('ls', data);
      const text = runCli(['ls', '.', ...extra], { cwd: dir }).stdout;
      expect(data.paths, extra.join(' ')).toEqual(text.split('\n').slice(0, -1));
    }
    const data = JSON.parse(runCli(['ls', '.', '--format', 'json', '--dirs'], { cwd: dir }).stdout) as Record<string, unknown>;
    expect(data).toEqual({
      version: 1,
      kind: 'ls',
      context: '.',
      builder: 'buildkit',
      dirs: true,
      transfer: false,
      // Sorted by the names' bytes; a name with a tab is quoted as in the text listing.
      paths: ['.dockerignore', 'Dockerfile', 'creds', '"name\\twith tab"', 'src/', 'src/a.js'],
    });
  });

  it('-z and --format json exclude each other; an unknown format is exit 2', () => {
    const dir = tree();
    for (const [args, line] of [
      [['ls', '-z', '--format', 'json'], '-z and --format json exclude each other'],
      [['ls', '--format', 'yaml'], '--format must be text or json'],
    ] as const) {
      const r = runCli([...args], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`ctxcheck: ${line}\n`);
    }
  });
});

describe('baseline --format json', () => {
  it('validates and carries the entries written to the file', () => {
    const dir = tree();
    const r = runCli(['baseline', '.', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const data = JSON.parse(r.stdout) as { file: string; findings: { rule: string }[] };
    check('baseline', data);
    expect(data.file).toBe('.ctxcheck-baseline.json');
    const written = JSON.parse(readFileSync(join(dir, '.ctxcheck-baseline.json'), 'utf8')) as { findings: unknown };
    expect(data.findings).toEqual(written.findings);
    expect(data.findings.map((f) => f.rule)).toContain('secret/aws-access-key');
  });

  it('rejects malformed output', () => {
    expect(validators['baseline']!({ version: 1, kind: 'baseline', file: 'x', findings: [{ rule: 'a', fingerprint: 'nothex' }] })).toBe(false);
    expect(validators['baseline']!({ version: 1, kind: 'ls', file: 'x', findings: [] })).toBe(false);
    expect(validators['ls']!({ version: 1, kind: 'ls', context: '.', builder: 'podman', dirs: false, transfer: false, paths: [] })).toBe(false);
    expect(validators['ls']!({ version: 1, kind: 'ls', context: '.', builder: 'buildkit', dirs: false, transfer: false, paths: [''] })).toBe(false);
  });
});
