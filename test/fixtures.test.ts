// End to end on the committed example project (also the README's example run).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const WEBAPP = fileURLToPath(new URL('../fixtures/webapp', import.meta.url));

describe('fixtures/webapp', () => {
  it('a gitignore-style "*.log" only excludes root logs: logs/app.log is still sent', () => {
    const r = runCli(['ls', WEBAPP]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual(['.dockerignore', 'Dockerfile', 'logs/app.log', 'package-lock.json', 'package.json', 'src/server.js', '']);
  });

  it('report numbers', () => {
    const r = runCli([WEBAPP, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.summary).toEqual({ files: 6, bytes: 436, tarBytes: 8192, excludedFiles: 2, excludedBytes: 37, dirs: 2 });
    expect(j.findings).toEqual([]);
  });
});
