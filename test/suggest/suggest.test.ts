// `ctxcheck suggest`: evidence-based rules per stack, never breaking a COPY, merged and
// written safely. Each proposal is proved by re-running the analysis with it applied.
import { chmodSync, lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { splitBlock, suggest } from '../../src/suggest/suggest.js';
import { translateGitignore } from '../../src/suggest/gitignore.js';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

const x = (n: number): string => 'x'.repeat(n);

// One small real-looking project per stack, each with junk that should go and files its
// Dockerfile names that must stay.
const STACKS: Record<string, { files: Record<string, string>; gone: string[]; kept: string[] }> = {
  node: {
    files: {
      Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n',
      'package.json': '{}',
      'package-lock.json': '{}',
      'src/index.js': x(100),
      'node_modules/react/index.js': x(5000),
      'dist/bundle.js': x(3000),
      'npm-debug.log': x(50),
      'coverage/lcov.info': x(400),
      '.env': 'SESSION_SECRET=9f8e7d6c5b4a39281706f5e4\n',
    },
    gone: ['node_modules/react/index.js', 'dist/bundle.js', 'npm-debug.log', 'coverage/lcov.info', '.env'],
    kept: ['package.json', 'src/index.js'],
  },
  python: {
    files: {
      Dockerfile: 'FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY app/ /app/\n',
      'requirements.txt': 'flask\n',
      'app/main.py': x(100),
      'app/__pycache__/main.cpython-312.pyc': x(900),
      '.venv/pyvenv.cfg': 'home = /usr\n',
      '.venv/lib/site.py': x(2000),
      '.pytest_cache/v/cache/nodeids': x(30),
    },
    gone: ['app/__pycache__/main.cpython-312.pyc', '.venv/lib/site.py', '.pytest_cache/v/cache/nodeids'],
    kept: ['app/main.py', 'requirements.txt'],
  },
  go: {
    files: {
      Dockerfile: 'FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build ./...\n',
      'go.mod': 'module x\n',
      'go.sum': '',
      'main.go': x(100),
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/objects/aa/bb': x(700),
      '.idea/workspace.xml': x(300),
    },
    gone: ['.git/HEAD', '.git/objects/aa/bb', '.idea/workspace.xml'],
    kept: ['main.go', 'go.mod'],
  },
  rust: {
    files: {
      Dockerfile: 'FROM rust:1\nCOPY . .\nRUN cargo build --release\n',
      'Cargo.toml': '[package]\n',
      'src/main.rs': x(100),
      'target/release/app': x(9000),
      'target/CACHEDIR.TAG': 'Signature: 8a477f597d28d172789f06886806bc55\n',
    },
    gone: ['target/release/app'],
    kept: ['src/main.rs', 'Cargo.toml'],
  },
  java: {
    files: {
      Dockerfile: 'FROM maven:3\nCOPY pom.xml .\nRUN mvn dependency:go-offline\nCOPY src ./src\nRUN mvn package\n',
      'pom.xml': '<project/>',
      'src/main/java/App.java': x(100),
      'target/classes/App.class': x(800),
      '.gradle/caches/x': x(100),
    },
    gone: ['target/classes/App.class'],
    kept: ['src/main/java/App.java', 'pom.xml'],
  },
  dotnet: {
    files: {
      Dockerfile: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY *.csproj ./\nRUN dotnet restore\nCOPY . .\nRUN dotnet publish -c Release\n',
      'app.csproj': '<Project/>',
      'Program.cs': x(100),
      'bin/Debug/app.dll': x(4000),
      'obj/project.assets.json': x(600),
    },
    gone: ['bin/Debug/app.dll', 'obj/project.assets.json'],
    kept: ['Program.cs', 'app.csproj'],
  },
  ruby: {
    files: {
      Dockerfile: 'FROM ruby:3.3\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n',
      Gemfile: "source 'https://rubygems.org'\n",
      'Gemfile.lock': '',
      'app.rb': x(100),
      'log/development.log': x(500),
      'tmp/cache/x': x(200),
      '.bundle/config': 'BUNDLE_PATH: vendor/bundle\n',
    },
    gone: ['log/development.log', 'tmp/cache/x'],
    kept: ['app.rb', 'Gemfile'],
  },
  php: {
    files: {
      Dockerfile: 'FROM php:8.3\nCOPY composer.json composer.lock ./\nRUN composer install\nCOPY . .\n',
      'composer.json': '{}',
      'composer.lock': '{}',
      'index.php': x(100),
      'vendor/autoload.php': x(3000),
      'vendor/composer/installed.json': x(300),
      '.DS_Store': x(10),
    },
    gone: ['vendor/autoload.php', '.DS_Store'],
    kept: ['index.php', 'composer.json'],
  },
};

describe.each(Object.entries(STACKS))('stack: %s', (stack, spec) => {
  it('proposes rules that remove the junk, keep what the Dockerfile copies, and break no COPY', async () => {
    const dir = writeTree({ files: spec.files });
    const sug = await suggest({ context: dir, cwd: dir, git: false });
    expect(sug.stacks).toContain(stack === 'java' ? 'java/kotlin' : stack === 'dotnet' ? '.net' : stack);
    const applied = await analyze({ context: dir, cwd: dir, git: false, ignoreText: sug.proposed });
    const { listContext } = await import('../../src/index.js');
    const sent = await listContext({ context: dir, ignoreText: sug.proposed } as never);
    for (const g of spec.gone) expect(sent, `${g} should be excluded`).not.toContain(g);
    for (const k of spec.kept) expect(sent, `${k} must stay`).toContain(k);
    expect(applied.findings.filter((f) => f.rule === 'copy-ignored')).toEqual([]);
    expect(applied.findings.filter((f) => f.category === 'secret' || f.category === 'churn' || f.rule === 'cache-bust')).toEqual([]);
    expect(sug.after.bytes).toBeLessThan(sug.before.bytes);
    expect(sug.copyErrorsAfter).toBe(sug.copyErrorsBefore);
    // Every rule says why and what it saves.
    const block = splitBlock(sug.proposed).block!;
    for (const r of sug.rules) {
      expect(r.files).toBeGreaterThan(0);
      expect(block).toContain(r.line);
    }
  });
});

describe('safety: never exclude what a COPY names', () => {
  it('narrows a churn rule with an exception for the named source, and says so', async () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM nginx\nCOPY dist/ /usr/share/nginx/html/\n',
        'dist/index.html': x(200),
        'web/dist/old.js': x(900),
        'web/src/a.ts': x(10),
        'web/package.json': '{}',
      },
    });
    const sug = await suggest({ context: dir, cwd: dir, git: false });
    const dist = sug.rules.find((r) => r.line === '**/dist');
    expect(dist).toMatchObject({ keeps: ['!dist'], files: 1 });
    expect(sug.proposed).toContain('narrowed to keep what the builds copy');
    const applied = await analyze({ context: dir, cwd: dir, git: false, ignoreText: sug.proposed });
    expect(applied.findings.filter((f) => f.category === 'copy')).toEqual([]);
    expect(applied.steps[0]!.files).toBe(1);
  });
});

describe('.gitignore translated with Docker semantics', () => {
  it('translates root, nested, negated and directory-only rules', () => {
    expect(translateGitignore('*.log\n/build\ndocs/out\ncache/\n!keep.log\n# c\n\\#x\n', '', '.gitignore').map((t) => t.line)).toEqual([
      '**/*.log',
      'build',
      'docs/out',
      '**/cache',
      '!**/keep.log',
      '**/#x',
    ]);
    expect(translateGitignore('dist\n/tmp\n', 'packages/a', 'packages/a/.gitignore').map((t) => t.line)).toEqual(['packages/a/**/dist', 'packages/a/tmp']);
  });

  it('uses the project .gitignore files as evidence, keeping their negations', async () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM alpine\nCOPY . /app\n',
        '.gitignore': '*.tmp\n!important.tmp\n',
        'a.tmp': x(10),
        'sub/b.tmp': x(20),
        'important.tmp': x(5),
        'packages/a/.gitignore': 'generated\n',
        'packages/a/generated/g.js': x(30),
        'main.c': x(3),
      },
    });
    const sug = await suggest({ context: dir, cwd: dir, git: false });
    const applied = await analyze({ context: dir, cwd: dir, git: false, ignoreText: sug.proposed });
    expect(applied.summary.files).toBe(5); // .gitignore ×2, Dockerfile, important.tmp, main.c
    expect(sug.proposed).toContain('**/*.tmp\n!**/important.tmp\n');
    expect(sug.proposed).toContain('packages/a/**/generated');
  });
});

describe('merge and write', () => {
  const project = (ignore: string) =>
    writeTree({ files: { Dockerfile: 'FROM alpine\nCOPY src /src\n', 'src/a.c': 'x', '.git/HEAD': 'x', 'debug.log': 'x', '.dockerignore': ignore } });

  it('keeps the user lines byte for byte (CRLF, comments, odd spacing) and is idempotent', () => {
    const user = '# mine\r\n  secrets/  \r\n!keep\r\n\r\n*.bak';
    const dir = project(user);
    let r = runCli(['suggest', '--write'], { cwd: dir });
    expect(r.code).toBe(0);
    const once = readFileSync(join(dir, '.dockerignore'), 'utf8');
    expect(once.startsWith(`${user}\r\n# >>> ctxcheck suggest`)).toBe(true);
    expect(once).toContain('\r\n**/.git\r\n');
    r = runCli(['suggest', '--write'], { cwd: dir });
    expect(r.stderr).toContain('already up to date');
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe(once);
    expect(runCli(['suggest', '--diff'], { cwd: dir }).stdout).toBe('');
  });

  it('--diff shows a unified diff; plain suggest prints the file; neither writes', () => {
    const dir = project('*.bak\n');
    const diff = runCli(['suggest', '--diff'], { cwd: dir }).stdout;
    expect(diff.split('\n').slice(0, 4)).toEqual(['--- a/.dockerignore', '+++ b/.dockerignore', '@@ -1,1 +1,9 @@', ' *.bak']);
    expect(diff).toContain('+**/.git');
    expect(runCli(['suggest'], { cwd: dir }).stdout.startsWith('*.bak\n# >>> ctxcheck suggest')).toBe(true);
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('*.bak\n');
  });

  it('--write keeps the file mode, and refuses a symlinked ignore file', () => {
    const dir = project('*.bak\n');
    chmodSync(join(dir, '.dockerignore'), 0o600);
    expect(runCli(['suggest', '--write'], { cwd: dir }).code).toBe(0);
    expect(lstatSync(join(dir, '.dockerignore')).mode & 0o777).toBe(0o600);
    const linked = writeTree({ files: { Dockerfile: 'FROM alpine\n', 'real.ignore': '*.bak\n', '.git/HEAD': 'x' } });
    symlinkSync('real.ignore', join(linked, '.dockerignore'));
    const r = runCli(['suggest', '--write'], { cwd: linked });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('symlink');
    expect(readFileSync(join(linked, 'real.ignore'), 'utf8')).toBe('*.bak\n');
  });

  it('--write refuses an ignore file outside the context', () => {
    const dir = project('');
    writeFileSync(join(dir, 'outside.ignore'), '*.bak\n');
    const r = runCli(['suggest', 'src', '--ignore-file', 'outside.ignore', '--write'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('outside the context');
  });

  it('reports before/after files, bytes and tar bytes on stderr', () => {
    const r = runCli(['suggest'], { cwd: project('') });
    expect(r.stderr).toMatch(/files +\d+ → \d+/);
    expect(r.stderr).toMatch(/tar bytes .* → /);
  });
});

describe('repairs', () => {
  it('re-includes a COPY source the current ignore file excludes (the build would fail)', async () => {
    const dir = writeTree({
      files: { Dockerfile: 'FROM alpine\nCOPY config/app.json /etc/\n', '.dockerignore': 'config\n', 'config/app.json': '{}', 'config/dev.json': '{}' },
    });
    const sug = await suggest({ context: dir, cwd: dir, git: false });
    expect(sug.copyErrorsBefore).toBe(1);
    expect(sug.copyErrorsAfter).toBe(0);
    expect(sug.rules).toEqual([]);
    expect(sug.repairs).toEqual(['!config/app.json']);
    const { listContext } = await import('../../src/index.js');
    expect(await listContext({ context: dir, ignoreText: sug.proposed } as never)).toEqual(['.dockerignore', 'Dockerfile', 'config/app.json']);
  });
});
