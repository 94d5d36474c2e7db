// The one place that knows path rules. Every path inside ctxcheck is posix, relative to the
// context root, without a leading "./" or trailing "/" (the root itself is "."). Docker's
// tools are written in Go, so normalisation mirrors Go's path/filepath on Linux exactly.

/** Go's filepath.Clean (Unix): lexical normalisation, "" → ".", trailing "/" dropped. */
export function goClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      // ".." at the root of a rooted path is dropped.
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** Go's filepath.Dir for a slash path: everything before the last "/", cleaned. */
export function goDir(p: string): string {
  const i = p.lastIndexOf('/');
  return goClean(i < 0 ? '' : p.slice(0, i + 1));
}

/** Join a context-relative directory ("." for the root) and a child name. */
export function joinRel(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

/** Parent of a context-relative path ("." for top-level entries). */
export function parentRel(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : p.slice(0, i);
}

/** Last path element. */
export function baseName(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

/**
 * Byte-order comparison of two paths as UTF-8, the order Go's sort.Strings and `LC_ALL=C sort`
 * use. JS string comparison orders UTF-16 code units, which differs for astral characters.
 */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate stands for a code point above U+FFFF, which UTF-8 orders after every BMP
    // character; plain UTF-16 order would put it before U+E000–U+FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * Is `p` (context-relative, cleaned) inside the context? Used for user-supplied paths such as
 * `-f ../Dockerfile`, where Docker treats anything under ".." as outside.
 */
export function isInsideContext(p: string): boolean {
  return p !== '..' && !p.startsWith('../') && !p.startsWith('/');
}

/** ctxcheck's own files: the baseline `ctxcheck baseline` writes and the project configuration. */
export const BASELINE_FILE = '.ctxcheck-baseline.json';
export const CONFIG_FILE = 'ctxcheck.config.json';

/**
 * Is this context path one of ctxcheck's own files (at any depth)? They are never findings: the
 * baseline holds only fingerprints and the config no secrets, and flagging the files that
 * configure the gate would make the gate argue with itself.
 */
export function isOwnFile(p: string): boolean {
  const name = baseName(p);
  return name === BASELINE_FILE || name === CONFIG_FILE;
}
