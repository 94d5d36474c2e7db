// Projects for the suggest engine tests: the sources a real project of each stack has, the
// junk a developer's checkout accumulates (generated at test time, so the repository stays
// small), and a Dockerfile shaped like the stack's usual one. Builds are offline on a busybox
// base: each install step is the real command guarded by `command -v` (busybox has none of
// them, but ctxcheck reads the command to know the build installs its own dependencies), and
// `test -f` steps stand in for the compiler reading its sources.
import { BASE_IMAGE } from './engine.js';

export interface Build {
  /** Context relative to the project root. */
  context: string;
  /** -f relative to the context (default Dockerfile). */
  file?: string;
  target?: string;
}

export interface StackFixture {
  files: Record<string, string | Uint8Array>;
  /** The builds discovery should find (all of them must keep building). */
  builds: Build[];
  /** Paths a user exception keeps in: they must still be sent afterwards. */
  userKept: string[];
  /** Junk dominates: the proposal removes at least this share of the legacy context's bytes. */
  minShrink: number;
  /** Use `suggest --all` (no root Dockerfile). */
  all?: boolean;
}

const fill = (n: number, seed = 'x'): string => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);

/** `count` files of `size` bytes under `dir`. */
function many(dir: string, count: number, size: number, ext = 'js'): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < count; i++) out[`${dir}/pkg${i % 17}/f${i}.${ext}`] = fill(size, `${dir}${i}`);
  return out;
}

const gitDir = (): Record<string, string> => ({ '.git/HEAD': 'ref: refs/heads/main\n', '.git/config': '[core]\n', ...many('.git/objects', 40, 20_000, 'pack') });
// The install command starts its own shell segment, as ctxcheck's install detection reads it.
const guard = (cmd: string): string => `RUN command -v ${cmd.split(' ')[0]} >/dev/null || exit 0; ${cmd}`;
const FROM = `FROM ${BASE_IMAGE}`;
const SECRET = 'DATABASE_PASSWORD=hunter2-9f8e7d6c5b4a\n';

export const STACKS: Record<string, StackFixture> = {
  node: {
    files: {
      Dockerfile: [FROM, 'WORKDIR /app', 'COPY package.json package-lock.json ./', guard('npm ci'), 'COPY . .', guard('npm run build'), 'RUN test -f src/index.js && test -f README.md && test -f .env.example && test ! -e .env && test ! -e CONTRIBUTING.md', ''].join('\n'),
      '.dockerignore': '*.md\n!README.md\n',
      'package.json': '{"name":"app","scripts":{"build":"next build"}}\n',
      'package-lock.json': '{"lockfileVersion":3}\n',
      'src/index.js': 'console.log(1)\n',
      'src/lib/util.js': 'export const x = 1\n',
      'README.md': '# app\n',
      'CONTRIBUTING.md': 'notes\n',
      '.env': SECRET,
      '.env.example': 'DATABASE_PASSWORD=\n',
      'npm-debug.log': fill(20_000),
      ...many('node_modules', 300, 10_000),
      ...many('.next/server', 40, 10_000),
      ...many('.next/cache', 40, 10_000),
      ...many('coverage', 20, 5_000, 'html'),
      ...gitDir(),
    },
    builds: [{ context: '.' }],
    userKept: ['README.md'],
    minShrink: 0.9,
  },
  python: {
    files: {
      Dockerfile: [FROM, 'WORKDIR /app', 'COPY requirements.txt .', guard('pip install -r requirements.txt'), 'COPY . .', 'RUN test -f app/main.py && test -f app/__init__.py', ''].join('\n'),
      'requirements.txt': 'flask==3.0.0\n',
      'app/__init__.py': '',
      'app/main.py': 'print("hi")\n',
      ...many('app/__pycache__', 5, 4_000, 'pyc'),
      '.venv/pyvenv.cfg': 'home = /usr/bin\n',
      ...many('.venv/lib/python3.12/site-packages', 300, 8_000, 'py'),
      ...many('.pytest_cache/v', 5, 1_000, 'json'),
      ...many('.mypy_cache/3.12', 30, 5_000, 'json'),
    },
    builds: [{ context: '.' }],
    userKept: [],
    minShrink: 0.9,
  },
  go: {
    files: {
      Dockerfile: [FROM, 'WORKDIR /src', 'COPY go.mod go.sum ./', guard('go mod download'), 'COPY cmd ./cmd', 'COPY internal ./internal', 'RUN test -f cmd/server/main.go && test -f internal/db/db.go', ''].join('\n'),
      'go.mod': 'module example.com/app\n\ngo 1.22\n',
      'go.sum': '',
      'cmd/server/main.go': 'package main\nfunc main() {}\n',
      'internal/db/db.go': 'package db\n',
      'profiles/heap.pprof': fill(3_000_000, 'pprof'),
      ...many('.idea', 5, 2_000, 'xml'),
      ...gitDir(),
    },
    builds: [{ context: '.' }],
    userKept: [],
    minShrink: 0.9,
  },
  rust: {
    files: {
      Dockerfile: [FROM, 'WORKDIR /src', 'COPY . .', guard('cargo build --release'), 'RUN test -f src/main.rs && test -f Cargo.lock', ''].join('\n'),
      'Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\n',
      'Cargo.lock': 'version = 3\n',
      'src/main.rs': 'fn main() {}\n',
      'target/CACHEDIR.TAG': 'Signature: 8a477f597d28d172789f06886806bc55\n',
      ...many('target/debug/incremental', 200, 15_000, 'o'),
    },
    builds: [{ context: '.' }],
    userKept: [],
    minShrink: 0.9,
  },
  java: {
    files: {
      Dockerfile: [FROM, 'WORKDIR /src', 'COPY pom.xml .', guard('mvn -B dependency:go-offline'), 'COPY src ./src', 'RUN test -f src/main/java/com/example/App.java', ''].join('\n'),
      'pom.xml': '<project><modelVersion>4.0.0</modelVersion></project>\n',
      'src/main/java/com/example/App.java': 'class App {}\n',
      ...many('target/classes', 150, 10_000, 'class'),
      ...many('.idea', 5, 2_000, 'xml'),
    },
    builds: [{ context: '.' }],
    userKept: [],
    minShrink: 0.9,
  },
  dotnet: {
    files: {
      Dockerfile: [FROM, 'WORKDIR /src', 'COPY *.csproj ./', guard('dotnet restore'), 'COPY . .', guard('dotnet publish -c Release -o /out'), 'RUN test -f Program.cs && test -f app.csproj', ''].join('\n'),
      'app.csproj': '<Project Sdk="Microsoft.NET.Sdk"></Project>\n',
      'Program.cs': 'System.Console.WriteLine(1);\n',
      ...many('bin/Debug/net8.0', 100, 15_000, 'dll'),
      ...many('obj/Debug', 50, 10_000, 'cache'),
      ...many('.vs/app', 5, 2_000, 'suo'),
    },
    builds: [{ context: '.' }],
    userKept: [],
    minShrink: 0.9,
  },
  ruby: {
    files: {
      Dockerfile: [FROM, 'WORKDIR /app', 'COPY Gemfile Gemfile.lock ./', guard('bundle install'), 'COPY . .', 'RUN test -f app.rb && test -f config/puma.rb', ''].join('\n'),
      Gemfile: "source 'https://rubygems.org'\ngem 'sinatra'\n",
      'Gemfile.lock': 'GEM\n',
      'app.rb': "require 'sinatra'\n",
      'config/puma.rb': 'port 3000\n',
      'log/development.log': fill(1_500_000, 'log line\n'),
      ...many('tmp/cache', 50, 5_000, 'cache'),
      '.bundle/config': 'BUNDLE_PATH: "vendor/bundle"\n',
      ...many('vendor/bundle/ruby/3.3.0/gems', 150, 10_000, 'rb'),
    },
    builds: [{ context: '.' }],
    userKept: [],
    minShrink: 0.9,
  },
  php: {
    files: {
      Dockerfile: [FROM, 'WORKDIR /var/www', 'COPY composer.json composer.lock ./', guard('composer install --no-dev'), 'COPY . .', 'RUN test -f public/index.php && test -f src/Kernel.php', ''].join('\n'),
      'composer.json': '{"require":{}}\n',
      'composer.lock': '{}\n',
      'public/index.php': '<?php echo 1;\n',
      'src/Kernel.php': '<?php class Kernel {}\n',
      'vendor/autoload.php': '<?php\n',
      ...many('vendor/composer', 200, 10_000, 'php'),
      'storage/logs/laravel.log': fill(500_000, 'log\n'),
      '.DS_Store': fill(6_000),
    },
    builds: [{ context: '.' }],
    userKept: [],
    minShrink: 0.9,
  },
  // Compose monorepo, no root Dockerfile: one service with its own context (its own
  // .dockerignore), two sharing the root one; web COPYs services/web/dist, so `**/dist` would
  // break it (reported failure 2).
  compose: {
    all: true,
    files: {
      'compose.yaml': [
        'services:',
        '  api:',
        '    build: ./services/api',
        '  web:',
        '    build:',
        '      context: .',
        '      dockerfile: services/web/Dockerfile',
        '  worker:',
        '    build:',
        '      context: .',
        '      dockerfile: docker/worker.Dockerfile',
        '',
      ].join('\n'),
      'services/api/Dockerfile': [FROM, 'WORKDIR /app', 'COPY package.json ./', guard('npm ci'), 'COPY src ./src', 'RUN test -f src/index.js', ''].join('\n'),
      'services/api/package.json': '{}\n',
      'services/api/src/index.js': 'x\n',
      ...many('services/api/node_modules', 100, 10_000),
      ...many('services/api/dist', 20, 10_000),
      'services/web/Dockerfile': [FROM, 'COPY services/web/dist /site', 'RUN test -f /site/index.html', ''].join('\n'),
      'services/web/package.json': '{}\n',
      'services/web/dist/index.html': '<html></html>\n',
      'services/web/src/app.ts': 'x\n',
      'docker/worker.Dockerfile': [FROM, 'COPY services/worker/src /src', 'RUN test -f /src/main.js', ''].join('\n'),
      'services/worker/src/main.js': 'x\n',
      ...many('node_modules', 200, 10_000),
      ...many('services/worker/dist', 20, 10_000),
      ...gitDir(),
    },
    builds: [{ context: 'services/api' }, { context: '.', file: 'services/web/Dockerfile' }, { context: '.', file: 'docker/worker.Dockerfile' }],
    userKept: [],
    minShrink: 0.9,
  },
  // A Bake file (JSON: no HCL parser is needed), two targets, one with a build stage.
  bake: {
    all: true,
    files: {
      'docker-bake.json': JSON.stringify({ group: { default: { targets: ['app', 'docs'] } }, target: { app: { context: '.', dockerfile: 'app.Dockerfile', target: 'runtime' }, docs: { context: 'docs' } } }, null, 2),
      'app.Dockerfile': [`${FROM} AS build`, 'WORKDIR /src', 'COPY src ./src', 'RUN cat src/*.c > /out', `${FROM} AS runtime`, 'COPY --from=build /out /out', 'COPY config/app.conf /etc/app.conf', 'RUN test -s /out', ''].join('\n'),
      'src/main.c': 'int main(){}\n',
      'config/app.conf': 'x=1\n',
      'docs/Dockerfile': [FROM, 'COPY . /docs', 'RUN test -f /docs/index.md', ''].join('\n'),
      'docs/index.md': '# docs\n',
      ...many('docs/.docusaurus', 50, 10_000),
      'data/fixtures.sql': fill(4_000_000, 'INSERT;\n'),
      ...gitDir(),
    },
    builds: [{ context: '.', file: 'app.Dockerfile', target: 'runtime' }, { context: 'docs' }],
    userKept: [],
    minShrink: 0.9,
  },
};
