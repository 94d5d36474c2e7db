// Issue #14: suggest proves its proposal against every build that uses the ignore file, keeps
// the meaning of the user's lines, and finds the weight it used to miss.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analyze, listContext } from '../../src/index.js';
import { splitBlock, suggest } from '../../src/suggest/suggest.js';
import { writeTree } from '../helpers/tree.js';

const x = (n: number): string => 'x'.repeat(n);

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-C', dir, ...args], {
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
    stdio: 'ignore',
  });
}

async function sent(dir: string, ignoreText: string, builder: 'buildkit' | 'legacy' = 'buildkit'): Promise<string[]> {
  return listContext({ context: dir, cwd: dir, ignoreText, builder } as never);
}

async function copyErrors(dir: string, ignoreText: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const out: string[] = [];
  for (const builder of ['buildkit', 'legacy'] as const) {
    const r = await analyze({ context: dir, cwd: dir, git: false, ignoreText, builder, ...extra });
    out.push(...r.findings.filter((f) => f.category === 'copy').map((f) => `${builder}:${f.rule}:${f.path}:${f.dockerfile?.line}`));
  }
  return out;
}

describe('reported failure 1: COPY a a, then COPY a/dist/ with a/dist git-ignored', () => {
  it('keeps a/dist (line 3 still builds) and says why the rule was dropped', async () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM scratch\nCOPY a a\nCOPY a/dist/ /x/\n',
        '.gitignore': 'a/dist\n',
        'a/src.txt': 'src',
        'a/dist/bundle.js': x(5000),
        '.git-keep': '',
      },
    });
    git(dir, 'init', '-q');
    git(dir, 'add', 'Dockerfile', '.gitignore', 'a/src.txt', '.git-keep');
    git(dir, 'commit', '-q', '-m', 'init');
    const sug = await suggest({ context: dir, cwd: dir });
    expect(await copyErrors(dir, sug.proposed)).toEqual([]);
    expect(await sent(dir, sug.proposed)).toContain('a/dist/bundle.js');
    const active = sug.rules.filter((r) => !r.review).map((r) => r.line);
    expect(active).not.toContain('a/dist');
    expect(sug.dropped.find((d) => d.line === 'a/dist')).toMatchObject({ dockerfileLine: 3 });
    // .git is still proposed: the proof did not simply give up.
    expect(active).toContain('**/.git');
  });
});

describe('reported failure 2: a Compose monorepo with no root Dockerfile', () => {
  const files = {
    'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: api/Dockerfile\n  web:\n    build:\n      context: .\n      dockerfile: web/Dockerfile\n',
    'api/Dockerfile': 'FROM scratch\nCOPY api/src /src\n',
    'api/src/main.go': 'package main\n',
    'api/dist/old.bin': x(4000),
    'web/Dockerfile': 'FROM scratch\nCOPY web/dist /site\n',
    'web/dist/index.html': x(300),
    'web/package.json': '{}',
    'web/node_modules/x/i.js': x(3000),
  };

  it('proves the proposal against every service sharing the root .dockerignore', async () => {
    const dir = writeTree({ files });
    const { allBuilds } = await import('../../src/suggest/builds.js');
    const { suggestFor } = await import('../../src/suggest/suggest.js');
    const found = await allBuilds(dir, { cwd: dir });
    expect(found.groups).toHaveLength(1);
    expect(found.groups[0]!.builds.map((b) => b.name).sort()).toEqual(['service api (compose.yaml)', 'service web (compose.yaml)']);
    const sug = await suggestFor(found.groups[0]!.builds, { cwd: dir, git: false });
    for (const dockerfile of ['api/Dockerfile', 'web/Dockerfile']) {
      expect(await copyErrors(dir, sug.proposed, { dockerfile })).toEqual([]);
    }
    const list = await sent(dir, sug.proposed);
    expect(list).toContain('web/dist/index.html');
    expect(list).not.toContain('api/dist/old.bin');
    expect(list).not.toContain('web/node_modules/x/i.js');
  });

  it('the single-build entry point finds the sibling services too', async () => {
    const dir = writeTree({ files });
    const sug = await suggest({ context: dir, cwd: dir, dockerfile: 'api/Dockerfile', git: false });
    expect(sug.builds.map((b) => b.name)).toContain('service web (compose.yaml)');
    expect(await copyErrors(dir, sug.proposed, { dockerfile: 'web/Dockerfile' })).toEqual([]);
  });
});

describe('reported failure 3: a generated rule never undoes a user exception', () => {
  it('*.log then !important.log: the exception keeps its effect, the rest of the logs go', async () => {
    const dir = writeTree({
      files: { Dockerfile: 'FROM scratch\nCOPY . /app\n', '.dockerignore': '*.log\n!important.log\n', 'important.log': 'keep', 'app.log': 'x', 'sub/debug.log': x(100), 'main.c': 'c' },
    });
    const sug = await suggest({ context: dir, cwd: dir, git: false });
    for (const builder of ['buildkit', 'legacy'] as const) {
      const list = await sent(dir, sug.proposed, builder);
      expect(list).toContain('important.log');
      expect(list).not.toContain('sub/debug.log');
      expect(list).not.toContain('app.log');
    }
    expect(sug.repeated).toEqual(['!important.log']);
    // The repeat sits after the generated rules, inside the block (so a refresh replaces it).
    const block = splitBlock(sug.proposed).block!;
    expect(block.indexOf('!important.log')).toBeGreaterThan(block.indexOf('**/*.log'));
  });

  it('does not repeat an exception a later user line overrides (nothing the user excludes comes back)', async () => {
    const dir = writeTree({
      files: { Dockerfile: 'FROM scratch\nCOPY . /app\n', '.dockerignore': '*.log\n!*.log\nsecret.log\n', 'secret.log': 's', 'a.log': 'a', 'sub/debug.log': x(100) },
    });
    const sug = await suggest({ context: dir, cwd: dir, git: false });
    for (const builder of ['buildkit', 'legacy'] as const) {
      const list = await sent(dir, sug.proposed, builder);
      expect(list).not.toContain('secret.log');
      expect(list).toContain('a.log');
    }
  });
});

describe('evidence it used to miss', () => {
  it('virtualenvs by pyvenv.cfg or lib/python*/site-packages, with no .gitignore', async () => {
    const files: Record<string, string> = { Dockerfile: 'FROM scratch\nCOPY . /app\n', 'app.py': 'print(1)\n', 'requirements.txt': 'flask\n', '.venv/pyvenv.cfg': 'home = /usr/bin\n' };
    for (let i = 0; i < 300; i++) files[`.venv/lib/python3.12/site-packages/pkg${i}/__init__.py`] = x(100);
    files['env2/lib/python3.11/site-packages/a.py'] = x(100);
    const dir = writeTree({ files });
    const sug = await suggest({ context: dir, cwd: dir, git: false });
    const list = await sent(dir, sug.proposed);
    expect(list.filter((p) => p.startsWith('.venv/') || p.startsWith('env2/'))).toEqual([]);
    expect(list).toContain('app.py');
    expect(sug.rules.map((r) => r.line)).toEqual(expect.arrayContaining(['**/.venv', 'env2']));
  });

  it('whole tool and build-output directories: .next, .nuxt, .svelte-kit, target, bin+obj, .gradle, .terraform', async () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM scratch\nCOPY . /app\n',
        'package.json': '{}',
        '.next/server/page.js': x(500),
        '.next/cache/x': x(500),
        'site/.nuxt/a.js': x(100),
        'kit/.svelte-kit/a.js': x(100),
        'rs/Cargo.toml': '[package]\n',
        'rs/target/debug/app': x(100),
        'cs/app.csproj': '<Project/>',
        'cs/bin/Debug/app.dll': x(100),
        'cs/obj/project.assets.json': x(100),
        'jvm/.gradle/x': x(100),
        'infra/.terraform/providers/p': x(100),
        'infra/main.tf': 'x',
      },
    });
    const sug = await suggest({ context: dir, cwd: dir, git: false });
    const lines = sug.rules.map((r) => r.line);
    expect(lines).toEqual(expect.arrayContaining(['**/.next', '**/.nuxt', '**/.svelte-kit', 'rs/target', 'cs/bin', 'cs/obj', '**/.gradle', '**/.terraform']));
    expect(lines).not.toContain('**/.next/cache');
    expect((await sent(dir, sug.proposed)).sort()).toEqual(['Dockerfile', 'cs/app.csproj', 'infra/main.tf', 'package.json', 'rs/Cargo.toml']);
  });

  it('a large file no build reads goes; one a COPY reads stays', async () => {
    const dir = writeTree({
      files: { Dockerfile: 'FROM scratch\nCOPY src /src\nCOPY model.bin /m\n', 'src/a.c': 'c', 'data/dump.csv': x(3_000_000), 'model.bin': x(2_000_000) },
    });
    const sug = await suggest({ context: dir, cwd: dir, git: false });
    const list = await sent(dir, sug.proposed);
    expect(list).not.toContain('data/dump.csv');
    expect(list).toContain('model.bin');
    expect(sug.rules.find((r) => r.line === 'data/dump.csv')?.why).toMatch(/no build reads/);
    expect(sug.after.bytes).toBeLessThan(sug.before.bytes - 2_900_000);
  });

  it('secrets at any depth: **/.env* with .env.example-style files kept in by exceptions', async () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM scratch\nCOPY . /app\n',
        '.env': 'A=1\n',
        'services/api/.env.production': 'B=2\n',
        'services/api/.env.example': 'B=\n',
        '.env.sample': 'A=\n',
        'keys/server.pem': '-----BEGIN X-----\n',
        'main.c': 'c',
      },
    });
    const sug = await suggest({ context: dir, cwd: dir, git: false });
    const list = await sent(dir, sug.proposed);
    expect(list).toEqual(expect.arrayContaining(['services/api/.env.example', '.env.sample', 'main.c']));
    expect(list).not.toContain('.env');
    expect(list).not.toContain('services/api/.env.production');
    expect(list).not.toContain('keys/server.pem');
    expect(sug.rules.find((r) => r.line === '**/.env*')?.keeps).toEqual(['!**/.env.example', '!**/.env.sample']);
  });
});

describe('allow-list style', () => {
  const files = {
    Dockerfile: 'FROM scratch\nCOPY package.json /app/\nCOPY src /app/src\n',
    'package.json': '{}',
    'src/index.js': x(100),
    'src/__pycache__/c.pyc': x(100),
    'docs/guide.md': x(5000),
    'notes.txt': x(2000),
    '.dockerignore': 'notes.txt\n!notes.txt\n',
  };

  it('is offered with its savings when every build copies explicit paths', async () => {
    const dir = writeTree({ files });
    const sug = await suggest({ context: dir, cwd: dir, git: false });
    expect(sug.allowlist).not.toBeNull();
    expect(sug.allowlist!.bytes).toBeLessThan(sug.after.bytes);
  });

  it('--style allowlist: * then each source, user lines after (their exceptions still win)', async () => {
    const dir = writeTree({ files });
    const sug = await suggest({ context: dir, cwd: dir, git: false, style: 'allowlist' });
    expect(sug.proposed.startsWith('# >>> ctxcheck suggest')).toBe(true);
    expect(sug.proposed.endsWith('notes.txt\n!notes.txt\n')).toBe(true);
    const block = splitBlock(sug.proposed).block!;
    expect(block).toContain('\n*\n!package.json\n!src\n');
    for (const builder of ['buildkit', 'legacy'] as const) {
      expect((await sent(dir, sug.proposed, builder)).filter((p) => p !== 'Dockerfile' && p !== '.dockerignore').sort()).toEqual(['notes.txt', 'package.json', 'src/index.js']);
    }
    expect(await copyErrors(dir, sug.proposed)).toEqual([]);
  });

  it('is refused when a build copies the whole context', async () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM scratch\nCOPY . /app\n', a: 'a' } });
    await expect(suggest({ context: dir, cwd: dir, git: false, style: 'allowlist' })).rejects.toThrow(/whole context/);
    expect((await suggest({ context: dir, cwd: dir, git: false })).allowlist).toBeNull();
  });
});

describe('idempotence and --check data', () => {
  it('a second run on the written file proposes the same bytes and lacks nothing', async () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM scratch\nCOPY . /app\n', '.dockerignore': '*.log\n!important.log\n', 'important.log': 'k', 'node_modules/a/i.js': x(100), '.git/HEAD': 'x', 'a.c': 'c' } });
    const one = await suggest({ context: dir, cwd: dir, git: false });
    expect(one.missing.length).toBeGreaterThan(0);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/.dockerignore`, one.proposed);
    const two = await suggest({ context: dir, cwd: dir, git: false });
    expect(two.proposed).toBe(one.proposed);
    expect(two.missing).toEqual([]);
  });
});
