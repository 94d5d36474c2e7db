// dockerfile-ast (and its language-server dependencies) load on first parse, not at start-up:
// `ctxcheck ls` never needs them. In its own module so that the CLI bundle
// (scripts/bundle-cli.mjs) can swap the fallback for one reaching the copy bundled next to the
// CLI, where loading the package's forty-odd CommonJS files one by one would cost more than the
// parse.
import { createRequire } from 'node:module';

export type DockerfileAst = typeof import('dockerfile-ast');

let provided: DockerfileAst | null = null;

/**
 * Hand over the package, loaded ahead of the first parse (ast-preload.ts): the report command
 * imports it alongside the analysis, so that a parse never waits for a synchronous require.
 */
export function provideDockerfileAst(ast: DockerfileAst): void {
  provided = ast;
}

export function loadDockerfileAst(): DockerfileAst {
  return (provided ??= createRequire(import.meta.url)('dockerfile-ast') as DockerfileAst);
}
