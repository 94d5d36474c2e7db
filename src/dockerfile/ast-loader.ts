// dockerfile-ast (and its language-server dependencies) load on first parse, not at start-up:
// `ctxcheck ls` never needs them. In its own module so that the CLI bundle
// (scripts/bundle-cli.mjs) can swap it for one reaching the copy bundled with the CLI, where
// loading the package's forty-odd CommonJS files one by one would cost more than the parse.
import { createRequire } from 'node:module';

export type DockerfileAst = typeof import('dockerfile-ast');

export function loadDockerfileAst(): DockerfileAst {
  return createRequire(import.meta.url)('dockerfile-ast') as DockerfileAst;
}
