// BuildKit's FollowPaths go through tonistiigi/fsutil FollowLinks on the client before they
// filter the transfer: every symlink met along a path (including one matched by a wildcard
// component) is kept, and its target is followed in turn, relative to the context root. The
// result, sorted and with paths under another dropped, becomes the include patterns; a result
// holding the root itself means no filter at all. This runs on the raw tree: the ignore file
// does not stop a link from being followed.
import { baseName, compareBytes, goClean, goDir } from '../paths.js';
import { BadPatternError, goMatch } from '../ignore/go-match.js';
import type { ContextFS } from '../fs/types.js';
import { containsWildcards } from './copy-sources.js';

/** Go's filepath.Join for slash paths: join the non-empty parts, then Clean. */
function join(...parts: string[]): string {
  const kept = parts.filter((p) => p !== '');
  return kept.length === 0 ? '' : goClean(kept.join('/'));
}

/** A context-relative path the FS can be asked about, or null for anything outside it. */
function inside(p: string): string | null {
  const c = goClean(p);
  return c === '..' || c.startsWith('../') || c.startsWith('/') ? null : c;
}

/**
 * The targets of the symlink at `p` (rooted "/..." for relative links, as fsutil returns
 * them), or null when `p` is not a symlink. A wildcard last component collects the targets of
 * every matching symlink beside it.
 */
function readSymlink(fs: ContextFS, p: string, allowWildcard: boolean): string[] | null {
  const base = baseName(p);
  if (allowWildcard && containsWildcards(base)) {
    const dir = inside(goDir(p));
    if (dir === null) return null;
    let names: string[];
    try {
      names = fs
        .readdir(dir)
        .map((e) => e.name)
        .sort(compareBytes);
    } catch {
      return null;
    }
    let out: string[] | null = null;
    for (const name of names) {
      let ok = false;
      try {
        ok = goMatch(base, name);
      } catch (err) {
        if (!(err instanceof BadPatternError)) throw err;
      }
      if (!ok) continue;
      const res = readSymlink(fs, join(goDir(p), name), false);
      if (res) (out ??= []).push(...res);
    }
    return out;
  }
  const rel = inside(p);
  if (rel === null || rel === '.') return null;
  let link: string;
  try {
    if (fs.lstat(rel).type !== 'symlink') return null;
    link = goClean(fs.readlink(rel));
  } catch {
    return null;
  }
  return link.startsWith('/') ? [link] : [join('/', join(goDir(p), link))];
}

/**
 * FollowLinks: the include paths BuildKit derives from FollowPaths (context-relative, sorted,
 * nested ones dropped), or null when they include the context root (no filter).
 */
export function followLinks(fs: ContextFS, paths: readonly string[]): string[] | null {
  const resolved = new Set<string>();
  const append = (start: string): void => {
    let p = start;
    let current = '.';
    for (;;) {
      const slash = p.indexOf('/');
      const head = slash < 0 ? p : p.slice(0, slash);
      current = join(current, head) || '.';
      const targets = readSymlink(fs, current, true);
      p = slash < 0 ? '' : p.slice(slash + 1);
      if ((p === '' || targets !== null) && resolved.has(current)) return;
      if (targets !== null) {
        resolved.add(current);
        for (const t of targets) append(join(t, p));
        return;
      }
      if (p === '') {
        resolved.add(current);
        return;
      }
    }
  };
  for (const p of paths) append(p);
  const sorted = [...resolved].sort(compareBytes);
  const out: string[] = [];
  let last = '';
  for (const s of sorted) {
    if (s === '.') return null;
    if (s.startsWith(`${last}/`)) continue;
    out.push(s);
    last = s;
  }
  return out;
}
