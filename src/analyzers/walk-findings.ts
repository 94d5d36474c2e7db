// Findings about the walked entries themselves: entries the walk could not read or that vanished,
// a legacy walk cut short by a bad pattern, sockets/FIFOs/devices, and large files.
import type { Builder } from '../context/builders.js';
import type { EntryStore } from '../context/entry-store.js';
import { fileIndices } from '../context/sizes.js';
import type { WalkResult } from '../context/walk.js';
import { IgnoreFileError } from '../ignore/parse.js';
import { makeFinding } from '../rules.js';
import type { Finding } from '../types.js';
import { humanSize } from '../units.js';
import { ignoreLineFor as ignoreLine } from './findings.js';

export function problemFindings(walk: WalkResult): Finding[] {
  return walk.problems.map((p): Finding => {
    if (p.kind === 'vanished') {
      return makeFinding('vanished', { path: p.path, message: `${p.path} disappeared during the walk (${p.code})` });
    }
    const what = p.kind === 'unreadable-dir' ? 'directory' : 'file';
    return makeFinding('unreadable', {
      path: p.path,
      message: `cannot read ${what} ${p.path} (${p.code}); docker build fails on it`,
      fix: `fix its permissions, or exclude it: ${p.path}`,
    });
  });
}

/**
 * The legacy builder's walk stopped at an ignore pattern its matcher rejected mid-walk (the
 * validation walk let it through): the context it sends is truncated there.
 */
export function abortedWalkFindings(walk: WalkResult): Finding[] {
  if (!walk.aborted) return [];
  const e = walk.aborted.error;
  const where = e instanceof IgnoreFileError && e.line !== null ? { ignore: { path: e.file, line: e.line, pattern: '' } } : {};
  return [
    makeFinding('ignore/pattern-error', {
      ...where,
      path: walk.aborted.path,
      message: `${walk.aborted.error.message.replace(/ \(Docker fails the build on it\)$/, '')}: the legacy builder stops its context walk at ${walk.aborted.path} and sends a truncated context (everything after it is missing)`,
      fix: 'fix the pattern (Go regexp syntax)',
    }),
  ];
}

/**
 * Sockets, FIFOs and devices the builder meets. What happens to each, from the sources: the
 * legacy CLI's tar (moby pkg/archive) has no socket type and skips them, and writes FIFOs and
 * devices as tar nodes; BuildKit's fsutil clears a socket's mode bit (it arrives as an empty
 * regular file) and sends FIFOs and devices as stat records the daemon's diskwriter mknods.
 * Neither ever opens one, so nothing blocks; but mknod needs CAP_MKNOD.
 */
export function specialFindings(store: EntryStore, builder: Builder): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < store.length; i++) {
    const type = store.type(i);
    if (type !== 'socket' && type !== 'fifo' && type !== 'char' && type !== 'block') continue;
    const path = store.path(i);
    let what: string;
    if (type === 'socket') {
      what =
        builder === 'legacy'
          ? 'is a unix socket: the legacy docker CLI leaves it out of the context tar'
          : 'is a unix socket: BuildKit sends it as an empty regular file';
    } else {
      const node = type === 'fifo' ? 'a named pipe (FIFO)' : type === 'char' ? 'a character device' : 'a block device';
      what = `is ${node}: it is sent as a ${type === 'fifo' ? 'FIFO' : 'device'} node (never read) and the daemon recreates it with mknod, which fails without CAP_MKNOD (rootless daemons)`;
    }
    out.push(makeFinding('special-file', { path, message: `${path} ${what}`, fix: `exclude it: ${path}` }));
  }
  return out;
}

export function largeFindings(store: EntryStore, threshold: number): Finding[] {
  const big: number[] = [];
  for (const i of fileIndices(store)) if (store.size(i) >= threshold) big.push(i);
  return big
    .sort((a, b) => store.size(b) - store.size(a))
    .map((i): Finding => {
      const path = store.path(i);
      const size = store.size(i);
      return makeFinding('large-file', { path, message: `${path} is ${humanSize(size)} (${size} bytes)`, fix: `add "${ignoreLine(path)}" to the ignore file` });
    });
}
