// Which configuration a run uses: --config FILE, else the nearest ctxcheck.config.json (or
// package.json "ctxcheck") from the context directory up to the repository root, never above
// it; outside any repository only the context directory. The config here sets `large`, so which
// one was read shows in the findings (large-file for a 3000-byte file only at "2kB").
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

const BUILD = { Dockerfile: 'FROM alpine\nCOPY . /app\n', 'big.bin': 'x'.repeat(3000) };
const SMALL = JSON.stringify({ large: '2kB' });
const BIG = JSON.stringify({ large: '100kB' });

const gitInit = (dir: string): void => {
  const r = spawnSync('git', ['init', '-q', dir], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
};

/** The rule ids of a JSON report of `context`, run from `cwd`. */
function rules(cwd: string, context: string, extra: string[] = []): string[] {
  const r = runCli([context, '--format', 'json', '--fail-on', 'none', ...extra], { cwd });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
}

const inRepo = (dir: string): boolean => spawnSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' }).status === 0;

describe('config discovery', () => {
  it('finds the repository root config from a context deep inside, from any cwd', () => {
    const root = writeTree({ files: { 'repo/ctxcheck.config.json': SMALL, ...Object.fromEntries(Object.entries(BUILD).map(([k, v]) => [`repo/services/api/${k}`, v])) } });
    gitInit(join(root, 'repo'));
    expect(rules(root, 'repo/services/api')).toEqual(['large-file']);
    expect(rules(join(root, 'repo/services/api'), '.')).toEqual(['large-file']);
    expect(rules(join(root, 'repo'), 'services/api')).toEqual(['large-file']);
  });

  it('the nearest config wins, a package.json "ctxcheck" key included', () => {
    const root = writeTree({
      files: { 'ctxcheck.config.json': SMALL, 'services/ctxcheck.config.json': BIG, ...Object.fromEntries(Object.entries(BUILD).map(([k, v]) => [`services/api/${k}`, v])) },
    });
    gitInit(root);
    expect(rules(root, 'services/api')).toEqual([]);
    const pkg = writeTree({
      files: { 'ctxcheck.config.json': BIG, 'api/package.json': JSON.stringify({ name: 'x', ctxcheck: { large: '2kB' } }), ...Object.fromEntries(Object.entries(BUILD).map(([k, v]) => [`api/${k}`, v])) },
    });
    gitInit(pkg);
    expect(rules(pkg, 'api')).toEqual(['large-file']);
  });

  it('never reads a config above the repository root', () => {
    // An invalid config above the repository would be exit 2 if it were read.
    const root = writeTree({ files: { 'ctxcheck.config.json': '{ not json', ...Object.fromEntries(Object.entries(BUILD).map(([k, v]) => [`repo/app/${k}`, v])) } });
    gitInit(join(root, 'repo'));
    expect(rules(root, 'repo/app')).toEqual([]);
    expect(rules(join(root, 'repo/app'), '.')).toEqual([]);
  });

  it.skipIf(inRepo(writeTree({})))('outside any repository only the context directory counts', () => {
    const root = writeTree({ files: { 'ctxcheck.config.json': '{ not json', ...Object.fromEntries(Object.entries(BUILD).map(([k, v]) => [`app/${k}`, v])) } });
    expect(rules(root, 'app')).toEqual([]);
    const own = writeTree({ files: { 'ctxcheck.config.json': '{ not json', 'app/ctxcheck.config.json': SMALL, ...Object.fromEntries(Object.entries(BUILD).map(([k, v]) => [`app/${k}`, v])) } });
    expect(rules(own, 'app')).toEqual(['large-file']);
  });

  it('--config FILE beats the discovered config and is read relative to the cwd', () => {
    const root = writeTree({ files: { 'ctxcheck.config.json': SMALL, 'conf/ci.json': BIG, ...Object.fromEntries(Object.entries(BUILD).map(([k, v]) => [`app/${k}`, v])) } });
    gitInit(root);
    expect(rules(root, 'app')).toEqual(['large-file']);
    expect(rules(root, 'app', ['--config', 'conf/ci.json'])).toEqual([]);
    expect(rules(join(root, 'conf'), '../app', ['--config', 'ci.json'])).toEqual([]);
    // A flag still beats the config file.
    expect(rules(root, 'app', ['--config', 'conf/ci.json', '--large', '2kB'])).toEqual(['large-file']);
  });

  it('a bad discovered or given config is exit 2 naming it relative to the cwd', () => {
    const root = writeTree({ files: { 'ctxcheck.config.json': '{ nope', 'bad.json': JSON.stringify({ larg: 1 }), ...Object.fromEntries(Object.entries(BUILD).map(([k, v]) => [`app/${k}`, v])) } });
    gitInit(root);
    let r = runCli(['.'], { cwd: join(root, 'app') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ctxcheck: \.\.\/ctxcheck\.config\.json: invalid JSON \(.*\)\n$/);
    r = runCli(['app', '--config', 'bad.json'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ctxcheck: bad\.json: unknown key "larg" \(known: .*\)\n$/);
  });

  it('the builder from the config applies to ls too', () => {
    const root = writeTree({ files: { 'ctxcheck.config.json': JSON.stringify({ builder: 'legacy' }), 'app/x.Dockerfile': 'FROM alpine\n', 'app/x.Dockerfile.dockerignore': 'a.txt\n', 'app/a.txt': 'a' } });
    gitInit(root);
    // The legacy builder ignores <Dockerfile>.dockerignore: a.txt is listed even with -f x.Dockerfile.
    const r = runCli(['ls', 'app', '-f', 'app/x.Dockerfile'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toContain('a.txt');
    const buildkit = runCli(['ls', 'app', '-f', 'app/x.Dockerfile', '--builder', 'buildkit'], { cwd: root });
    expect(buildkit.stdout.split('\n')).not.toContain('a.txt');
  });
});
