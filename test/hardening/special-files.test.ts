// Sockets, FIFOs and devices in the context. Legacy behaviour is pinned against the real docker
// CLI in test/conformance; BuildKit's comes from tonistiigi/fsutil (stat.go clears the socket
// mode bit, so a socket arrives as an empty regular file; send.go never requests data for
// anything but regular files; diskwriter.go mknods FIFOs and devices).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, listContext, MemoryFS } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

function tree(): MemoryFS {
  return new MemoryFS({
    files: { Dockerfile: 'FROM scratch\nCOPY . /app\n', '.dockerignore': 'skip/\n', 'app.txt': 'x' },
    nodes: {
      'run/app.sock': { type: 'socket' },
      'run/queue': { type: 'fifo' },
      'dev/null': { type: 'char' },
      'dev/sda': { type: 'block' },
      'skip/other.sock': { type: 'socket' },
    },
  });
}

const special = (r: Awaited<ReturnType<typeof analyze>>): string[] =>
  r.findings.filter((f) => f.rule === 'special-file').map((f) => `${f.path}:${f.severity}`).sort();

describe('special files', () => {
  it.each(['buildkit', 'legacy'] as const)('%s: one special-file warning per sent socket, FIFO and device; excluded ones are silent', async (builder) => {
    const r = await analyze({ context: '/ctx', cwd: '/', builder }, tree());
    expect(special(r)).toEqual(['dev/null:warning', 'dev/sda:warning', 'run/app.sock:warning', 'run/queue:warning']);
    // Never opened: no read error, no secret scan of a device.
    expect(r.findings.filter((f) => f.rule === 'unreadable')).toEqual([]);
  });

  it('the socket message says what each builder does with it', async () => {
    const bk = await analyze({ context: '/ctx', cwd: '/', builder: 'buildkit' }, tree());
    const lg = await analyze({ context: '/ctx', cwd: '/', builder: 'legacy' }, tree());
    const sock = (r: typeof bk): string => r.findings.find((f) => f.path === 'run/app.sock')!.message;
    expect(sock(bk)).toMatch(/empty regular file/);
    expect(sock(lg)).toMatch(/leaves it out/);
    expect(bk.findings.find((f) => f.path === 'dev/sda')!.message).toMatch(/mknod/);
  });

  it('ls: BuildKit sends the socket (as a file), the legacy CLI does not', async () => {
    const bk = await listContext({ context: '/ctx', cwd: '/', builder: 'buildkit' }, tree());
    const lg = await listContext({ context: '/ctx', cwd: '/', builder: 'legacy' }, tree());
    expect(bk).toContain('run/app.sock');
    expect(lg).not.toContain('run/app.sock');
    for (const p of ['run/queue', 'dev/null', 'dev/sda']) {
      expect(bk).toContain(p);
      expect(lg).toContain(p);
    }
    expect(bk).not.toContain('skip/other.sock');
  });

  it('on disk: a FIFO and a socket never block the run; the CLI warns and exits 0', () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM scratch\nCOPY . /app\n', 'a.txt': 'x' } });
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    execFileSync('python3', ['-c', 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', join(dir, 'sock')]);
    for (const builder of ['buildkit', 'legacy']) {
      const r = runCli(['.', '--format', 'json', '--builder', builder], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const found = JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'special-file').map((f: { path: string }) => f.path);
      expect(found.sort()).toEqual(['pipe', 'sock']);
    }
    const ls = runCli(['ls', '.'], { cwd: dir });
    expect(ls.stdout.split('\n')).toContain('sock');
  });
});
