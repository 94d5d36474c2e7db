// The sent paths in byte order, straight from the walk record. The walk orders siblings by
// name, but a listing sorts whole paths, where a directory's entries ("a/...") sort as "a/":
// after a sibling file "a.txt" ('.' < '/'). Re-ordering siblings by that key and going depth
// first gives the sorted listing one path at a time, without holding the list.
import { compareBytes } from '../paths.js';
import type { Builder } from './builders.js';
import type { EntryStore } from './entry-store.js';

export function* sortedPaths(store: EntryStore, opts: { dirs: boolean; builder: Builder }): Generator<string> {
  const key = (i: number): string => (store.isDir(i) ? `${store.name(i)}/` : store.name(i));
  const ordered = (dir: number): number[] => {
    const kids = Array.from(store.childIndices(dir));
    // Only a directory among its siblings can move; most directories keep the walk's order.
    return kids.some((k) => store.isDir(k)) ? kids.sort((a, b) => compareBytes(key(a), key(b))) : kids;
  };
  const stack: { kids: number[]; next: number }[] = [{ kids: ordered(-1), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.kids.length) {
      stack.pop();
      continue;
    }
    const i = top.kids[top.next++]!;
    if (store.isDir(i)) {
      // moby's legacy tar walk writes no header for an excluded directory it only enters for
      // a re-included path (`*` then `!docker/start.sh` sends docker/start.sh, no docker/);
      // BuildKit's fsutil sends such parents.
      if (opts.dirs && !(opts.builder === 'legacy' && store.isImplicit(i))) yield `${store.path(i)}/`;
      stack.push({ kids: ordered(i), next: 0 });
    } else if (!(opts.builder === 'legacy' && store.type(i) === 'socket')) {
      // The legacy CLI cannot put sockets in a tar and skips them.
      yield store.path(i);
    }
  }
}
