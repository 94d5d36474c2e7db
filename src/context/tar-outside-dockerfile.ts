// A tar quirk of the legacy docker CLI: the context tar it sends when the Dockerfile lies
// outside the context (the length legacyTarSize computes, adjusted).
import type { EntryStore } from './entry-store.js';
import { BLOCK, pad } from './tar-size.js';

/** ".dockerfile." and 20 random hex digits: the name the CLI gives an outside Dockerfile. */
const RANDOM_NAME = 32;

/**
 * A Dockerfile outside the context: the docker CLI (build.AddDockerfileToBuildContext) pipes the
 * tar through moby's ReplaceFileTarWrapper, which adds the Dockerfile as ".dockerfile.<20 hex>"
 * and appends "\n<that name>\n" to .dockerignore (creating ".dockerignore\n<name>\n" when the
 * context has none). The wrapper closes its pipe before the tar writer, so the last entry's
 * padding and the two end blocks are never sent. With a .dockerignore the Dockerfile comes last;
 * without one the two added entries come in Go map order, which is the Dockerfile first in 7 of 8
 * runs (the order counted here; the other order's length differs by less than 512 bytes).
 */
export function withOutsideDockerfile(bytes: number, store: EntryStore, dockerfileBytes: number): number {
  let body = bytes - 2 * BLOCK;
  const header = BLOCK; // both added names fit USTAR
  const i = store.indexOf('.dockerignore');
  if (i !== undefined && i >= 0 && store.type(i) === 'file') {
    const d = store.size(i);
    body += pad(d + RANDOM_NAME + 2) - pad(d);
    return body + header + dockerfileBytes;
  }
  const created = '.dockerignore\n'.length + RANDOM_NAME + 1;
  return body + header + pad(dockerfileBytes) + header + created;
}
