// A reader that goes away early (`ctxcheck ls | head -1`): ctxcheck stops quietly and ends the
// way ls and git do on a closed pipe: killed by SIGPIPE, which a shell reports as 141
// (git: write_or_die.c check_pipe() raises SIGPIPE on EPIPE). No stack trace, nothing on stderr.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/tree.js';

const BIN = fileURLToPath(new URL('../../bin/ctxcheck.js', import.meta.url));

/** Run ctxcheck with its stdout piped into `head -1` through bash; ctxcheck's own status. */
function throughHead(args: string[], cwd: string, head = '-1'): { status: number; stderr: string; first: string } {
  const script = `"$@" | head ${head}; s=\${PIPESTATUS[0]}; echo; echo "status=$s"`;
  const r = spawnSync('bash', ['-c', script, 'bash', process.execPath, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  const lines = r.stdout.trimEnd().split('\n');
  return { status: Number(lines.at(-1)!.replace('status=', '')), stderr: r.stderr, first: lines[0]! };
}

// Far more output than a pipe buffers (64 KiB on Linux), so the writer meets the closed pipe.
const bigTree = (): string => {
  const files: Record<string, string> = { Dockerfile: 'FROM alpine\nCOPY . /src\n' };
  for (let i = 0; i < 800; i++) files[`dir-${String(i).padStart(4, '0')}/${'a-long-file-name-'.repeat(8)}${i}.txt`] = 'x'.repeat(20);
  return writeTree({ files });
};

describe('a closed pipe ends ctxcheck quietly', () => {
  it('ls | head -1: the first path, an empty stderr, status 141 (SIGPIPE, like ls and git)', () => {
    const r = throughHead(['ls', '.'], bigTree());
    expect(r.first).toBe('Dockerfile');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(141);
  });

  it('--format sarif | head -1: the first line, an empty stderr, status 141', () => {
    const r = throughHead(['.', '--format', 'sarif', '--large', '1B', '--fail-on', 'none'], bigTree());
    expect(r.first).toBe('{');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(141);
  });

  it('--version into a reader that is gone: nothing on stderr, status 141', () => {
    const script = `"$@" | true; echo "status=\${PIPESTATUS[0]}"`;
    // `true` reads nothing and exits at once, almost always before ctxcheck writes: 141 then; 0
    // when the write won the race. Never a stack trace.
    const r = spawnSync('bash', ['-c', script, 'bash', process.execPath, BIN, '--version'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(/^status=(141|0)$/);
  });

  it('ls -z and --format json meet the same closed pipe quietly', () => {
    const dir = bigTree();
    // -z output has no newline for `head -1` to stop at: one byte instead.
    for (const [args, head] of [[['ls', '.', '-z'], '-c 1'], [['.', '--format', 'json', '--large', '1B', '--fail-on', 'none'], '-1']] as const) {
      const r = throughHead([...args], dir, head);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.status, args.join(' ')).toBe(141);
    }
  });
});
