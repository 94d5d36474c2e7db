// Secrets and cache busts as the report shows them: severities that follow the Dockerfile.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { writeTree } from '../helpers/tree.js';
import { runCli } from '../helpers/cli.js';

const TOKEN = ['gh', 'p_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('');

describe('secret severity follows what reaches an image', () => {
  it('error when a COPY takes the file into the image (naming the line); note when BuildKit never sends it, warning when the legacy builder does', async () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM alpine\nCOPY app/ /app/\n',
        'app/config.js': `module.exports = { token: "${TOKEN}" };\n`,
        'scripts/deploy.sh': `curl -H "Authorization: token ${TOKEN}" x\n`,
        '.env': 'DB_PASSWORD=hunter2hunter2\n',
        '.env.example': 'DB_PASSWORD=\n',
      },
    });
    const r = await analyze({ context: dir, cwd: dir, git: false });
    const secrets = r.findings.filter((f) => f.category === 'secret').map((f) => [f.rule, f.path, f.severity, f.line ?? null, f.dockerfile?.line ?? null]);
    expect(secrets).toEqual([
      ['secret/github-token', 'app/config.js', 'error', 1, 2],
      ['secret/dotenv', '.env', 'note', null, null],
      // The dotenv file's value is also a generic password assignment (content rule).
      ['secret/generic-password', '.env', 'note', 1, null],
      ['secret/github-token', 'scripts/deploy.sh', 'note', 1, null],
    ]);
    // BuildKit transfers only app/ (FollowPaths); the legacy CLI uploads the whole context.
    expect(r.findings.filter((f) => f.category === 'secret').map((f) => f.placement)).toEqual(['final-image', 'not-sent', 'not-sent', 'not-sent']);
    const legacy = await analyze({ context: dir, cwd: dir, git: false, builder: 'legacy' });
    expect(legacy.findings.filter((f) => f.category === 'secret').map((f) => [f.path, f.severity, f.placement])).toEqual([
      ['app/config.js', 'error', 'final-image'],
      ['.env', 'warning', 'sent'],
      ['.env', 'warning', 'sent'],
      ['scripts/deploy.sh', 'warning', 'sent'],
    ]);
    expect(JSON.stringify(r)).not.toContain(TOKEN);
  });

  it('without a Dockerfile every secret sent is an error; excluded ones are silent', async () => {
    const dir = writeTree({ files: { '.env': 'API_KEY=abcdef0123456789abcdef\n', '.dockerignore': 'keys\n', 'keys/id_rsa': 'x' } });
    const r = await analyze({ context: dir, cwd: dir, git: false });
    expect(r.findings.filter((f) => f.category === 'secret').map((f) => [f.rule, f.path, f.severity])).toEqual([['secret/dotenv', '.env', 'error']]);
  });

  it('exit code 1 on a secret under the default --fail-on, 0 with --fail-on copy', () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM alpine\nCOPY . /src\n', 'id_ed25519': '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n' } });
    expect(runCli(['.'], { cwd: dir }).code).toBe(1);
    expect(runCli(['.', '--fail-on', 'copy'], { cwd: dir }).code).toBe(0);
    const out = runCli(['.', '--format', 'json'], { cwd: dir }).stdout;
    expect(out).not.toContain('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ');
  });
});

describe('cache busts tied to the Dockerfile step', () => {
  it('COPY . . before RUN npm ci with .git and logs: busts name the COPY line and the RUN lines it reruns', async () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n',
        'package.json': '{}',
        'package-lock.json': '{}',
        'src/index.js': 'x',
        'logs/app.log': 'x',
        'debug.log': 'x',
      },
    });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const r = await analyze({ context: dir, cwd: dir, git: false });
    const busts = r.findings.filter((f) => f.rule === 'cache-bust').map((f) => [f.path, f.dockerfile?.line]);
    expect(busts).toEqual([
      ['.git', 3],
      ['debug.log', 3],
      ['logs', 3],
    ]);
    expect(r.findings.find((f) => f.rule === 'cache-bust' && f.path === '.git')!.message).toMatch(/reruns line 4, line 5/);
    expect(r.findings.filter((f) => f.rule === 'cache-manifest-order').map((f) => f.dockerfile?.line)).toEqual([3]);
  });

  it('the manifest-first layout with a clean ignore file has no cache findings', async () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n',
        '.dockerignore': '.git\n**/*.log\nnode_modules\n',
        'package.json': '{}',
        'package-lock.json': '{}',
        'src/index.js': 'x',
        'logs/app.log': 'x',
      },
    });
    const r = await analyze({ context: dir, cwd: dir, git: false });
    expect(r.findings.filter((f) => f.category === 'cache' || f.category === 'churn')).toEqual([]);
  });
});
