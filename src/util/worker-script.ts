// Where a worker thread's script is: the compiled file next to the module that starts it.
//
// Workers need JavaScript. Run from TypeScript sources (the test runner, where dist/ may also be
// mid-rebuild) a module has no compiled sibling, and its caller does the work on its own thread
// instead, with the same result. In the CLI bundle each module's import.meta.url is its file in
// dist/ (scripts/bundle-cli.mjs), so the sibling is found there as well.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `name` next to the module at `moduleUrl` when that module is compiled JavaScript and the file exists, else null. */
export function compiledSibling(name: string, moduleUrl: string): URL | null {
  if (!moduleUrl.endsWith('.js')) return null;
  const candidate = new URL(`./${name}`, moduleUrl);
  return existsSync(fileURLToPath(candidate)) ? candidate : null;
}
