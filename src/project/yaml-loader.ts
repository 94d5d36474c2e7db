// The yaml package, loaded on first use: only a context with a Compose or Bake file needs it, and
// loading it (some forty CommonJS files) cost a small report about a tenth of its start-up
// (issue #17). Its Node build is CommonJS, so a synchronous require keeps the parsers synchronous.
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let mod: Yaml | undefined;

export function yaml(): Yaml {
  return (mod ??= createRequire(import.meta.url)('yaml') as Yaml);
}
