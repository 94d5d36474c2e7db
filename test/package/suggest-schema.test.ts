// schema/suggest.schema.json describes `ctxcheck suggest --format json`: real output of the
// built CLI validates under Ajv strict mode, and malformed output is rejected.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../schema/suggest.schema.json', import.meta.url));

interface ValidateFn {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}
let validate: ValidateFn;

beforeAll(async () => {
  const mod = (await import('ajv/dist/2020.js')) as unknown as { default: typeof import('ajv/dist/2020.js').Ajv2020 };
  const ajv = new mod.default({ strict: true, allErrors: true });
  validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))) as ValidateFn;
});

const errorsOf = (): string => (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('\n');

function json(args: string[], cwd: string): { code: number | null; data: Record<string, unknown> & { suggestions: Record<string, unknown>[] } } {
  const r = runCli([...args, '--format', 'json'], { cwd });
  expect(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`).toBe(true);
  return { code: r.code, data: JSON.parse(r.stdout) };
}

describe('suggest --format json', () => {
  it('validates: repairs, dropped rules, repeated exceptions, review rules, allow-list offer', () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM scratch\nCOPY src /src\nCOPY src/dist /dist\nCOPY config/app.json /etc/\n',
        '.dockerignore': 'config\n*.log\n!important.log\n',
        'config/app.json': '{}',
        'src/a.c': 'c',
        'src/dist/out.js': 'x'.repeat(100),
        'web/dist/old.js': 'x'.repeat(100),
        'web/package.json': '{}',
        'important.log': 'k',
        'sub/debug.log': 'x',
        'big.bin': 'x'.repeat(2_000_000),
        '.git/HEAD': 'x',
      },
    });
    const { data } = json(['suggest'], dir);
    expect(validate(data), errorsOf()).toBe(true);
    const s = data.suggestions[0]!;
    expect(s['repairs']).toEqual(['!config/app.json']);
    expect(s['repeated']).toEqual(['!important.log']);
    expect(s['allowlist']).not.toBeNull();
    expect((s['rules'] as { line: string }[]).map((r) => r.line)).toContain('big.bin');
  });

  it('validates in --all mode with several ignore files and a build discovery could not resolve', () => {
    const dir = writeTree({
      files: {
        'compose.yaml': 'services:\n  a:\n    build: ./a\n  b:\n    build:\n      context: ./b\n      dockerfile: missing.Dockerfile\n  c:\n    build: ./c\n',
        'a/Dockerfile': 'FROM scratch\nCOPY . /a\n',
        'a/.git/HEAD': 'x',
        'b/x': 'x',
        'c/Dockerfile': 'FROM scratch\nCOPY main.c /c\n',
        'c/main.c': 'c',
      },
    });
    const { data } = json(['suggest', '--all'], dir);
    expect(validate(data), errorsOf()).toBe(true);
    expect(data.suggestions.map((s) => s['file']).sort()).toEqual(['a/.dockerignore', 'c/.dockerignore']);
    expect((data['problems'] as unknown[]).length).toBe(1);
  });

  it('rejects malformed output', () => {
    expect(validate({ version: 1, suggestions: [{ file: 'x' }], problems: [] })).toBe(false);
    expect(validate({ version: 2, suggestions: [], problems: [] })).toBe(false);
  });
});
