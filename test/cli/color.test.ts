// The colour decision (src/cli/color.ts) through the built binary: flags, FORCE_COLOR, NO_COLOR
// and whether stdout is a terminal. A terminal comes from util-linux `script`, which runs the
// command on a pseudo-terminal.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/tree.js';

const BIN = fileURLToPath(new URL('../../bin/ctxcheck.js', import.meta.url));
const ESC = '\x1b[';

/** stdout of ctxcheck in `dir`, with exactly these colour variables set, on a pipe or a terminal. */
function run(dir: string, args: string[], env: Record<string, string>, tty: boolean): string {
  const base = { ...process.env } as Record<string, string>;
  delete base['NO_COLOR'];
  delete base['FORCE_COLOR'];
  const full = { ...base, ...env };
  const quoted = [process.execPath, BIN, ...args, '--quiet'].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = tty
    ? spawnSync('script', ['-qec', quoted, '/dev/null'], { cwd: dir, env: full, encoding: 'utf8', timeout: 60_000 })
    : spawnSync(process.execPath, [BIN, ...args, '--quiet'], { cwd: dir, env: full, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/Ignore file:|"version"|^#/m);
  return r.stdout;
}

describe('colour decision table', () => {
  const dir = (): string => writeTree({ files: { Dockerfile: 'FROM alpine\nCOPY . /app\n', 'a.txt': 'a' } });
  // [args, env, stdout is a terminal, colours expected]
  const cases: [string[], Record<string, string>, boolean, boolean][] = [
    [[], {}, false, false],
    [[], {}, true, true],
    [['--color'], {}, false, true],
    [['--color'], { NO_COLOR: '1' }, false, true],
    [['--no-color'], {}, true, false],
    [['--no-color'], { FORCE_COLOR: '1' }, false, false],
    [['--no-color', '--color'], {}, false, true],
    [['--color', '--no-color'], {}, true, false],
    [[], { FORCE_COLOR: '1' }, false, true],
    [[], { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    [[], { FORCE_COLOR: '0' }, true, false],
    [[], { FORCE_COLOR: '0', NO_COLOR: '' }, true, false],
    [[], { NO_COLOR: '1' }, true, false],
    [[], { NO_COLOR: 'false' }, true, false],
    [[], { NO_COLOR: '' }, true, true],
    [[], { NO_COLOR: '' }, false, false],
  ];
  it.each(cases)('args %j env %j terminal %s → colours %s', (args, env, tty, colored) => {
    const out = run(dir(), ['.', ...args], env, tty);
    expect(out.includes(ESC)).toBe(colored);
  });

  it('--color colours only the text format', () => {
    const d = dir();
    expect(run(d, ['.', '--color', '--format', 'json'], {}, false)).not.toContain(ESC);
    expect(run(d, ['.', '--color', '--format', 'markdown'], {}, false)).not.toContain(ESC);
  });
});
