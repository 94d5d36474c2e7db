// `ctxcheck record` / `ctxcheck predict` through the built bin: exit codes, where the record goes,
// and the JSON output valid against schema/prediction.schema.json (Ajv, strict).
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';
import { isolateGitConfig, Repo } from '../churn/repo.js';

isolateGitConfig();

const SCHEMA = JSON.parse(readFileSync(fileURLToPath(new URL('../../schema/prediction.schema.json', import.meta.url)), 'utf8')) as object;

interface ValidateFn {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}
let validate: ValidateFn;
beforeAll(async () => {
  const mod = (await import('ajv/dist/2020.js')) as unknown as { default: typeof import('ajv/dist/2020.js').Ajv2020 };
  validate = new mod.default({ strict: true, allErrors: true }).compile(SCHEMA) as ValidateFn;
});
function expectValid(data: unknown): void {
  const ok = validate(data);
  expect(ok, (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('\n')).toBe(true);
}

const OLD = new Date(2001, 1, 1);
function project(): { dir: string; env: Record<string, string> } {
  const files = { Dockerfile: 'FROM scratch\nCOPY a.txt /a\nCOPY . /all\n', 'a.txt': 'a\n', '.dockerignore': 'cache\n' };
  const dir = writeTree({ files });
  for (const p of Object.keys(files)) utimesSync(join(dir, p), OLD, OLD);
  return { dir, env: { CTXCHECK_CACHE_DIR: mkdtempSync(join(tmpdir(), 'ctxcheck-cache-')) } };
}

describe('ctxcheck record / predict (bin)', () => {
  it('predict without a record: exit 2 and one line saying to run ctxcheck record', () => {
    const { dir, env } = project();
    const r = runCli(['predict', '.'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/run `ctxcheck record`/);
  });

  it('record writes under CTXCHECK_CACHE_DIR/records, outside the context; predict reads it (exit 0, JSON valid)', () => {
    const { dir, env } = project();
    const rec = runCli(['record', '.', '--format', 'json'], { cwd: dir, env });
    expect(rec.code, rec.stderr).toBe(0);
    const info = JSON.parse(rec.stdout) as { file: string; steps: number; files: number; builds: number };
    expect(info.file.startsWith(join(env.CTXCHECK_CACHE_DIR!, 'records'))).toBe(true);
    expect(info.file).toMatch(/\/[0-9a-f]{64}\.json$/);
    expect(info).toMatchObject({ steps: 2, builds: 1 });
    expect(readdirSync(dir).sort()).toEqual(['.dockerignore', 'Dockerfile', 'a.txt']);

    let p = runCli(['predict', '.', '--format', 'json'], { cwd: dir, env });
    expect(p.code, p.stderr).toBe(0);
    let out = JSON.parse(p.stdout) as { summary: { rebuild: number; cached: number }; steps: { line: number; status: string }[]; recordFile: string; filesRead: number };
    expectValid(out);
    expect(out.summary).toMatchObject({ rebuild: 0, cached: 2 });
    expect(out.recordFile).toBe(info.file);
    expect(out.filesRead).toBe(0); // the stat cache answered every file

    writeFileSync(join(dir, 'app.log'), 'log\n');
    p = runCli(['predict', '.', '--format', 'json'], { cwd: dir, env });
    expect(p.code).toBe(0);
    out = JSON.parse(p.stdout);
    expectValid(out);
    expect(out.steps.map((s) => [s.line, s.status])).toEqual([[2, 'cached'], [3, 'rebuild']]);
    expect((out as unknown as { ignore: { rule: string }[] }).ignore.map((a) => a.rule)).toEqual(['**/*.log']);

    const text = runCli(['predict', '.'], { cwd: dir, env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/rebuild +line 3 +COPY \. \/all/);
    expect(text.stdout).toMatch(/app\.log \(added\)/);

    // A second record keeps the first build's keys too.
    const again = JSON.parse(runCli(['record', '.', '--format', 'json'], { cwd: dir, env }).stdout) as { builds: number };
    expect(again.builds).toBe(2);
  });

  it('--record-file the build would send is refused (exit 2); an excluded one is accepted', () => {
    const { dir, env } = project();
    const bad = runCli(['record', '.', '--record-file', 'rec.json'], { cwd: dir, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/inside the build context/);
    expect(existsSync(join(dir, 'rec.json'))).toBe(false);
    const ok = runCli(['record', '.', '--record-file', 'cache/rec.json'], { cwd: dir, env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(join(dir, 'cache/rec.json'))).toBe(true);
    expect(runCli(['predict', '.', '--record-file', 'cache/rec.json'], { cwd: dir, env }).code).toBe(0);
  });

  it('--against: a bad ref is exit 2; a good one prints a valid prediction', async () => {
    const repo = await Repo.create('ctxcheck-predict-cli-');
    try {
      await repo.commit('base', { Dockerfile: 'FROM scratch\nCOPY a.txt /a\n', 'a.txt': 'a\n', '.dockerignore': '.git\n' });
      const bad = runCli(['predict', '.', '--against', 'nope'], { cwd: repo.dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--against nope: not a commit/);
      writeFileSync(join(repo.dir, 'a.txt'), 'b\n');
      const r = runCli(['predict', '.', '--against', 'main', '--format', 'json'], { cwd: repo.dir });
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { against: { kind: string; ref: string }; checkout: boolean; steps: { status: string }[] };
      expectValid(out);
      expect(out.against).toMatchObject({ kind: 'ref', ref: 'main' });
      expect(out.checkout).toBe(true);
      expect(out.steps.map((s) => s.status)).toEqual(['rebuild']);
      const outside = writeTree({ files: { Dockerfile: 'FROM scratch\n' } });
      expect(runCli(['predict', '.', '--against', 'main'], { cwd: outside }).code).toBe(2);
    } finally {
      repo.cleanup();
    }
  });

  it('a bad --format is exit 2', () => {
    const { dir, env } = project();
    expect(runCli(['predict', '.', '--format', 'xml'], { cwd: dir, env }).code).toBe(2);
    expect(runCli(['record', '.', '--format', 'xml'], { cwd: dir, env }).code).toBe(2);
  });
});
