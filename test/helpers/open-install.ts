// A copy of the built CLI that any user can run, for tests that drop root (setpriv to nobody).
// The clone may sit inside a 0700 directory (a home directory, a `mktemp -d`), and so may the
// temp dir: then "nobody" can reach neither the bin nor the test trees. So the bin, dist/,
// package.json and the runtime dependency closure are copied under a fresh 0755 directory whose
// every ancestor is searchable by others, and the trees are made there too.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addToTree, type TreeSpec } from './tree.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Can a user who is neither owner nor group member walk down to `dir`? */
export function searchableByOthers(dir: string): boolean {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (dirname(d) === d) return true;
  }
}

/** A base dir for world-readable copies: the temp dir when others can reach it, else /tmp, /var/tmp. */
function openBase(): string {
  for (const d of [tmpdir(), '/tmp', '/var/tmp']) {
    try {
      if (searchableByOthers(d)) return d;
    } catch {
      // not there: try the next
    }
  }
  throw new Error('no temp directory that other users can reach');
}

export interface OpenInstall {
  /** The copied bin/ctxcheck.js. */
  bin: string;
  /** A fresh 0755 tree under the same open base; removed by dispose(). */
  tree: (spec: TreeSpec) => string;
  dispose: () => void;
}

/** Copy the built CLI under a fresh 0755 directory (call after `npm run build`). */
export function openInstall(): OpenInstall {
  const base = mkdtempSync(join(openBase(), 'ctxcheck-open-'));
  chmodSync(base, 0o755);
  const pkg = join(base, 'ctxcheck');
  mkdirSync(pkg, { recursive: true });
  for (const p of ['package.json', 'bin', 'dist']) cpSync(join(ROOT, p), join(pkg, p), { recursive: true });
  // The runtime dependency closure, as npm resolved it (no dev dependencies).
  const dirs = execFileSync('npm', ['ls', '--omit=dev', '--parseable', '--all'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.startsWith(join(ROOT, 'node_modules') + sep));
  for (const d of dirs) cpSync(d, join(pkg, relative(ROOT, d)), { recursive: true });
  // Modes from the clone may be 0700 too: open every directory and file for reading.
  execFileSync('chmod', ['-R', 'a+rX', base]);
  let n = 0;
  return {
    bin: join(pkg, 'bin', 'ctxcheck.js'),
    tree(spec) {
      const dir = join(base, `tree-${n++}`);
      mkdirSync(dir, { mode: 0o755 });
      chmodSync(dir, 0o755);
      addToTree(dir, spec);
      execFileSync('chmod', ['-R', 'a+rX', dir]);
      return dir;
    },
    dispose() {
      // Modes the tests set (000) would stop a non-root remover; root here, but be safe.
      execFileSync('chmod', ['-R', 'u+rwX', base]);
      rmSync(base, { recursive: true, force: true });
    },
  };
}
