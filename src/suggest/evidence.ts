// Evidence `suggest` finds in the tree itself, with no .gitignore and no git needed: whole
// build-output and tool directories, virtualenvs, secret files at any depth, large files no
// build reads. Each candidate says why; suggest.ts then proves it breaks no build.
import type { EntryStore } from '../context/entry-store.js';
import { gitPathIn, type GitStatus } from '../git.js';
import { literalPattern } from './escape.js';

export type EvidenceKind = 'vcs' | 'dependencies' | 'build-output' | 'cache' | 'tool' | 'virtualenv' | 'secret' | 'large' | 'unread';

export interface Candidate {
  line: string;
  why: string;
  kind: EvidenceKind | 'churn' | 'gitignore' | 'review';
  /** Exceptions that belong to the rule (".env.example"-style files kept in). */
  exceptions?: string[];
  /** Commented out: worth a look, but a build may need it. */
  review?: boolean;
}

/** Directories whose name alone says what they are: written as `**\/name`. */
const NAMED_DIRS: Record<string, { kind: EvidenceKind; why: string }> = {
  '.git': { kind: 'vcs', why: 'git metadata: changes on every commit and checkout' },
  '.hg': { kind: 'vcs', why: 'Mercurial metadata' },
  '.svn': { kind: 'vcs', why: 'Subversion metadata' },
  '.next': { kind: 'build-output', why: 'Next.js build output and cache (next build recreates it)' },
  '.nuxt': { kind: 'build-output', why: 'Nuxt build output (nuxt build recreates it)' },
  '.svelte-kit': { kind: 'build-output', why: 'SvelteKit build output (vite build recreates it)' },
  '.angular': { kind: 'cache', why: 'Angular CLI cache' },
  '.turbo': { kind: 'cache', why: 'Turborepo cache' },
  '.parcel-cache': { kind: 'cache', why: 'Parcel cache' },
  '.vercel': { kind: 'tool', why: 'Vercel CLI output and project link' },
  '.docusaurus': { kind: 'build-output', why: 'Docusaurus generated files' },
  '.gradle': { kind: 'cache', why: 'Gradle cache and daemon state' },
  '.terraform': { kind: 'tool', why: 'Terraform providers and modules (terraform init downloads them)' },
  '.serverless': { kind: 'build-output', why: 'Serverless Framework packaging output' },
  '.aws-sam': { kind: 'build-output', why: 'AWS SAM build output' },
  '.dart_tool': { kind: 'tool', why: 'Dart/Flutter tool state' },
  '.stack-work': { kind: 'build-output', why: 'Haskell Stack build output' },
  '__pycache__': { kind: 'cache', why: 'Python bytecode cache' },
  '.pytest_cache': { kind: 'cache', why: 'pytest cache' },
  '.mypy_cache': { kind: 'cache', why: 'mypy cache' },
  '.ruff_cache': { kind: 'cache', why: 'ruff cache' },
  '.tox': { kind: 'tool', why: 'tox virtualenvs' },
  '.nox': { kind: 'tool', why: 'nox virtualenvs' },
  '.ipynb_checkpoints': { kind: 'cache', why: 'Jupyter checkpoints' },
  '.nyc_output': { kind: 'build-output', why: 'nyc coverage data' },
};

const DEPENDENCY_DIRS = new Set(['node_modules', 'bower_components', 'jspm_packages', '__pypackages__', '.bundle']);
const DOTNET_PROJECT = /\.(cs|fs|vb)proj$/;
const SITE_PACKAGES_PYTHON = /^python\d/;
/** .env files meant to be committed: examples and templates, kept in by an exception. */
const ENV_EXAMPLE = /^\.env\.(example|sample|template|dist|defaults|schema)$|^\.env\.[^/]*\.(example|sample|template)$/;
const ENV_FILE = /^\.env(\..*)?$|^\.envrc$/;
const KEY_FILES: { test: RegExp; line: string; why: string }[] = [
  { test: /\.pem$/, line: '**/*.pem', why: 'PEM keys and certificates' },
  { test: /\.key$/, line: '**/*.key', why: 'private key files' },
  { test: /\.(p12|pfx)$/, line: '**/*.p12', why: 'PKCS#12 key stores' },
  { test: /^id_(rsa|dsa|ecdsa|ed25519)$/, line: '**/id_*', why: 'SSH private keys' },
  { test: /^\.git-credentials$/, line: '**/.git-credentials', why: 'git credential store' },
  { test: /^\.netrc$/, line: '**/.netrc', why: 'netrc credentials' },
];

export interface EvidenceInput {
  store: EntryStore;
  git: GitStatus | null;
  /** Files some build reads (COPY/ADD/RUN --mount), or null when a build reads the whole context. */
  read: ReadonlySet<string> | null;
  /** No build at all (no Dockerfile): there is no evidence about what is read. */
  noBuilds: boolean;
  large: number;
  unreadMin: number;
}

function childNames(store: EntryStore, dir: number): Set<string> {
  const out = new Set<string>();
  for (const k of store.childIndices(dir)) out.add(store.name(k));
  return out;
}

function child(store: EntryStore, dir: number, name: string): number | undefined {
  for (const k of store.childIndices(dir)) if (store.name(k) === name) return k;
  return undefined;
}

/** A virtualenv: pyvenv.cfg at its root (venv, virtualenv, uv, poetry), or lib/python*\/site-packages. */
function isVirtualenv(store: EntryStore, dir: number): boolean {
  const names = childNames(store, dir);
  if (names.has('pyvenv.cfg')) return true;
  const lib = child(store, dir, 'lib');
  if (lib === undefined || !store.isDir(lib)) return false;
  for (const k of store.childIndices(lib)) {
    if (store.isDir(k) && SITE_PACKAGES_PYTHON.test(store.name(k)) && child(store, k, 'site-packages') !== undefined) return true;
  }
  return false;
}

export function treeEvidence(input: EvidenceInput): Candidate[] {
  const { store, git } = input;
  const out: Candidate[] = [];
  const seenLines = new Set<string>();
  const push = (c: Candidate): void => {
    if (seenLines.has(c.line)) return;
    seenLines.add(c.line);
    out.push(c);
  };
  // A directory holding files git tracks is source, whatever its name (a tracked `bin/` of scripts).
  const gitUsable = git !== null && !git.ignored.has('.') && !git.untracked.has('.');
  const trackedDirs = new Set<string>();
  if (gitUsable) {
    for (let i = 0; i < store.length; i++) {
      if (store.isDir(i)) continue;
      const p = store.path(i);
      if (p.startsWith('.git/') || gitPathIn(git.ignored, p) !== null || gitPathIn(git.untracked, p) !== null) continue;
      for (let d = store.parent(i); d >= 0 && !trackedDirs.has(store.path(d)); d = store.parent(d)) trackedDirs.add(store.path(d));
    }
  }
  const exact = (path: string): string | null => {
    const l = literalPattern(path);
    return l.ok ? l.line : null;
  };

  const secretNames = new Map<string, Candidate>();
  const envExamples = new Set<string>();
  let envSeen = false;

  for (let i = 0; i < store.length; i++) {
    const name = store.name(i);
    const path = store.path(i);
    if (store.isDir(i)) {
      if (trackedDirs.has(path) && !(name === '.git' || name === '.hg' || name === '.svn')) continue;
      const named = NAMED_DIRS[name];
      if (named) {
        push({ line: `**/${name}`, why: named.why, kind: named.kind });
        continue;
      }
      // A dependency tree no build reads (every build copies explicit paths): nothing to lose.
      if (input.read !== null && DEPENDENCY_DIRS.has(name)) {
        push({ line: `**/${name}`, why: 'dependencies installed on the host, and no build reads them', kind: 'dependencies' });
        continue;
      }
      if (name.endsWith('.egg-info')) {
        push({ line: '**/*.egg-info', why: 'setuptools metadata (regenerated by pip install)', kind: 'build-output' });
        continue;
      }
      if (isVirtualenv(store, i)) {
        const line = name === '.venv' ? '**/.venv' : exact(path);
        if (line) push({ line, why: 'a Python virtualenv: built for the host (its scripts point at the host interpreter), useless in the image', kind: 'virtualenv' });
        continue;
      }
      if (name !== 'target' && name !== 'bin' && name !== 'obj' && name !== 'build') continue;
      const siblings = childNames(store, store.parent(i));
      if (name === 'target') {
        const cargo = siblings.has('Cargo.toml') || child(store, i, 'CACHEDIR.TAG') !== undefined || child(store, i, '.rustc_info.json') !== undefined;
        const jvm = siblings.has('pom.xml') || siblings.has('build.sbt') || siblings.has('build.gradle') || siblings.has('build.gradle.kts');
        const line = exact(path);
        if ((cargo || jvm) && line) push({ line, why: cargo ? 'Cargo build output (cargo build recreates it)' : 'Maven/sbt build output (the build recreates it)', kind: 'build-output' });
        continue;
      }
      if (name === 'bin' || name === 'obj') {
        const line = exact(path);
        if ([...siblings].some((n) => DOTNET_PROJECT.test(n)) && line) push({ line, why: `.NET ${name === 'bin' ? 'build output' : 'intermediate files'} (dotnet build recreates it)`, kind: 'build-output' });
        continue;
      }
      if (name === 'build' && (siblings.has('build.gradle') || siblings.has('build.gradle.kts'))) {
        const line = exact(path);
        if (line) push({ line, why: 'Gradle build output (gradle build recreates it)', kind: 'build-output' });
      }
      continue;
    }
    // Files: secrets by name at any depth, large files nobody reads.
    if (ENV_FILE.test(name)) {
      envSeen = true;
      if (ENV_EXAMPLE.test(name)) envExamples.add(name);
    } else {
      for (const k of KEY_FILES) {
        if (k.test.test(name) && !secretNames.has(k.line)) secretNames.set(k.line, { line: k.line, why: `secret: ${k.why}, at any depth`, kind: 'secret' });
      }
    }
    if (store.type(i) !== 'file') continue;
    const size = store.size(i);
    if (input.noBuilds || size < input.unreadMin) continue;
    const line = exact(path);
    if (!line) continue;
    if (input.read !== null && !input.read.has(path)) {
      push({ line, why: `large file no build reads (${mb(size)})`, kind: 'unread' });
    } else if (size >= input.large) {
      push({ line, why: `large file (${mb(size)}): a build takes it in through a broad COPY; exclude it if the image does not need it`, kind: 'review', review: true });
    }
  }
  const secrets: Candidate[] = [];
  if (envSeen) {
    secrets.push({
      line: '**/.env*',
      why: 'secret: .env files at any depth (examples and templates kept in)',
      kind: 'secret',
      exceptions: [...envExamples].sort().map((n) => `!**/${exact(n) ?? n}`),
    });
  }
  secrets.push(...secretNames.values());
  // Secrets first: their exceptions must come before the directory rules, so that
  // node_modules/x/.env.example stays out with node_modules.
  const order: Record<string, number> = { vcs: 0, dependencies: 1, virtualenv: 2, 'build-output': 3, tool: 4, cache: 5, unread: 6, review: 7 };
  out.sort((a, b) => (order[a.kind] ?? 9) - (order[b.kind] ?? 9));
  return [...secrets, ...out];
}

function mb(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}
