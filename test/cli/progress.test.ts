// The progress line: on a terminal (stderr a pseudo-TTY, from python3's pty module) report,
// suggest and cache show their phases with counters on stderr; with stderr not a terminal, or
// with -q, nothing. stdout stays a pipe, so the report itself is never mixed with it.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

const BIN = fileURLToPath(new URL('../../bin/ctxcheck.js', import.meta.url));

// Runs argv with stdout a pipe and stderr the slave side of a pty; prints stderr's bytes as
// bytes after a NUL line, stdout before it, and exits with the child's status.
const PTY_RUN = `
import os, pty, subprocess, sys, threading
m, s = pty.openpty()
p = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=s)
os.close(s)
out = []
t = threading.Thread(target=lambda: out.append(p.stdout.read()))
t.start()
err = b''
while True:
    try:
        d = os.read(m, 65536)
    except OSError:
        break
    if not d:
        break
    err += d
t.join()
p.wait()
sys.stdout.buffer.write(out[0] + b'\\n\\0\\n' + err)
sys.exit(p.returncode)
`;

function onTty(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('python3', ['-c', PTY_RUN, process.execPath, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  const [stdout = '', stderr = ''] = r.stdout.split('\n\0\n');
  return { code: r.status, stdout, stderr };
}

function repo(): string {
  const files: Record<string, string> = { Dockerfile: 'FROM alpine\nCOPY . /app\n', '.dockerignore': '.git\n' };
  for (let i = 0; i < 7; i++) files[`src/f${i}.txt`] = `${i}\n`;
  const dir = writeTree({ files });
  const git = (...a: string[]): void => {
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], { cwd: dir, stdio: 'ignore' });
  };
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'one');
  return dir;
}

// Sent: Dockerfile, .dockerignore and 7 files = 9 files. The walk's final count includes what
// the ignore file leaves out (.git), so it is only checked to be a count > 0.
const WALK = /ctxcheck: walking… [1-9][\d,]* entries/;
const SCAN = /ctxcheck: scanning secrets 0\/9 files[\s\S]*ctxcheck: scanning secrets 9\/9 files/;
// (A pty turns "\n" into "\r\n": the erase-line sequence, not "\r", marks a progress line.)
const ANY = /walking|scanning secrets|replaying history|\x1b\[K/;

describe('progress on a terminal', () => {
  it('report: walking with its count, scanning secrets n/N, then the line is cleared; stdout has the report', () => {
    const r = onTty(['.', '--format', 'json', '--fail-on', 'none'], repo());
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(WALK);
    expect(r.stderr).toMatch(SCAN);
    expect(r.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(JSON.parse(r.stdout).summary.files).toBe(9);
  });

  it('report --all shows the phases too', () => {
    const r = onTty(['.', '--all', '--fail-on', 'none'], repo());
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(SCAN);
  });

  it('suggest: the same phases, cleared before its summary', () => {
    const r = onTty(['suggest', '.'], repo());
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(WALK);
    expect(r.stderr).toMatch(SCAN);
    expect(r.stderr).toMatch(/\r\x1b\[Kctxcheck suggest: /);
  });

  it('cache: replaying history with the commit count, and the analysis phases', () => {
    const r = onTty(['cache', '.', '--commits', '1', '--format', 'json'], repo());
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/ctxcheck: replaying history: 1 commit\x1b/);
    expect(r.stderr).toMatch(SCAN);
    expect(JSON.parse(r.stdout)).toHaveProperty('before.steps');
  });

  it('-q: no progress line, for report, suggest and cache', () => {
    const dir = repo();
    for (const args of [['.', '-q', '--fail-on', 'none'], ['suggest', '.', '-q'], ['cache', '.', '-q', '--commits', '1']]) {
      const r = onTty(args, dir);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(ANY);
    }
  });
});

describe('no progress without a terminal', () => {
  it('report, suggest and cache print no progress line when stderr is a pipe', () => {
    const dir = repo();
    for (const args of [['.', '--fail-on', 'none'], ['suggest', '.'], ['cache', '.', '--commits', '1']]) {
      const r = runCli(args, { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(ANY);
    }
  });
});
