// Configuration file and terminal behaviour.
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

const project = (extra: Record<string, string> = {}): string =>
  writeTree({
    files: {
      Dockerfile: 'FROM alpine\nCOPY app.conf /etc/\nCOPY . /src\n',
      '.dockerignore': '*.conf\n',
      'app.conf': 'x',
      'data.bin': 'd'.repeat(3000),
      'fixtures/.env': 'TOKEN=abcdefgh12345678abcd\n',
      ...extra,
    },
  });

const rules = (stdout: string): string[] => JSON.parse(stdout).findings.map((f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`);

describe('ctxcheck.config.json', () => {
  it('sets thresholds, rule severities, allowlists and --fail-on; flags override it', () => {
    const dir = project({
      'ctxcheck.config.json': JSON.stringify({
        large: '2kB',
        failOn: 'none',
        rules: { 'copy-ignored': 'warning', 'ignore/unused': 'off' },
        allow: [{ rule: 'secret/*', path: 'fixtures/**' }],
      }),
    });
    const r = runCli(['.', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(rules(r.stdout).sort()).toEqual(['copy-ignored:warning', 'large-file:warning']);
    expect(runCli(['.', '--format', 'json', '--fail-on', 'warning'], { cwd: dir }).code).toBe(1);
    expect(rules(runCli(['.', '--format', 'json', '--large', '10MB'], { cwd: dir }).stdout)).toEqual(['copy-ignored:warning']);
  });

  it('reads a "ctxcheck" key in package.json', () => {
    const dir = project({ 'package.json': JSON.stringify({ name: 'x', ctxcheck: { failOn: 'none' } }) });
    expect(runCli(['.'], { cwd: dir }).code).toBe(0);
  });

  it.each([
    ['unknown key', { colour: true }, 'unknown key "colour"'],
    ['unknown rule', { rules: { 'no-such-rule': 'off' } }, 'unknown rule'],
    ['bad severity', { rules: { 'large-file': 'fatal' } }, 'error, warning, note or off'],
    ['bad size', { large: 'huge' }, '"large"'],
  ])('%s is exit 2 with a one-line message', (_name, cfg, text) => {
    const dir = project();
    writeFileSync(join(dir, 'ctxcheck.config.json'), JSON.stringify(cfg));
    const r = runCli(['.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ctxcheck.config.json');
    expect(r.stderr).toContain(text);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('invalid JSON is exit 2', () => {
    const dir = project({ 'ctxcheck.config.json': '{ nope' });
    const r = runCli(['.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ctxcheck\.config\.json: invalid JSON/);
  });
});

describe('colours and quiet', () => {
  const ESC = '\x1b[';
  it('no colours with NO_COLOR (the test default), with --no-color, or into a file', () => {
    const dir = project();
    expect(runCli(['.'], { cwd: dir }).stdout).not.toContain(ESC);
    expect(runCli(['.', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
  });

  it('colours when forced (FORCE_COLOR without NO_COLOR), text format only', () => {
    const dir = project();
    const env = { FORCE_COLOR: '1' };
    const run = (args: string[]) => runCli(args, { cwd: dir, env }).stdout;
    // runCli sets NO_COLOR=1; remove it for this run.
    const bin = fileURLToPath(new URL('../../bin/ctxcheck.js', import.meta.url));
    const plainEnv = { ...process.env, FORCE_COLOR: '1' } as Record<string, string>;
    delete plainEnv['NO_COLOR'];
    const colored = spawnSync(process.execPath, [bin, '.'], { cwd: dir, env: plainEnv, encoding: 'utf8' }).stdout;
    expect(colored).toContain(ESC);
    const json = spawnSync(process.execPath, [bin, '.', '--format', 'json'], { cwd: dir, env: plainEnv, encoding: 'utf8' }).stdout;
    expect(json).not.toContain(ESC);
    // runCli's NO_COLOR=1 too: a FORCE_COLOR that forces wins over NO_COLOR, as in Node (test/cli/color.test.ts).
    expect(run(['.', '--quiet'])).toContain(ESC);
  });

  it('no progress line when stderr is not a terminal', () => {
    expect(runCli(['.', '--fail-on', 'none'], { cwd: project() }).stderr).toBe('');
  });
});
