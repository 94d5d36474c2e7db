// The shapes `discover` returns: every build definition found in a repository, each described
// the way the tool that builds it (docker build, docker compose, docker buildx bake) sees it.
//
// Every path in these shapes is absolute. Display names use paths relative to the root that
// was searched, with forward slashes.

/**
 * 'dockerfile': a Dockerfile no Compose service or Bake target builds from its own directory;
 * its context is, by convention, the directory that holds it (`docker build -f DIR/NAME DIR`).
 * 'compose': a Compose service with a `build` section. 'bake': a target a Bake file defines.
 * 'devcontainer': the `build` of a Dev Container configuration (devcontainer.json).
 */
export type BuildKind = 'dockerfile' | 'compose' | 'bake' | 'devcontainer';

export interface BuildTarget {
  /**
   * Display name: 'Dockerfile docker/worker.Dockerfile', 'service api (compose.yaml)',
   * 'bake target web (docker-bake.json)'.
   */
  name: string;
  kind: BuildKind;
  /** Absolute context directory. */
  context: string;
  /** Absolute Dockerfile path, or null with dockerfileInline. */
  dockerfile: string | null;
  dockerfileInline: string | null;
  /** Build stage (`--target`), when the definition names one. */
  target?: string;
  /** Build arguments that are passed, after interpolation (args without a value are left out, with a note). */
  args: Record<string, string>;
  /**
   * Named additional contexts that are local directories (absolute); remote ones
   * (docker-image://, URLs, git, service:, target:) are skipped with a note.
   */
  additionalContexts: Record<string, string>;
  /** Where it was defined: file and 1-based line when known. */
  source: { file: string; line?: number };
  /** Facts a reader should know: assumptions, skipped parts, missing files. */
  notes: string[];
  /**
   * Set when no definition names the context and the Dockerfile's COPY sources chose it: an
   * ancestor of the Dockerfile's directory in which more of them resolve.
   */
  contextChoice?: ContextChoice;
}

export interface ContextChoice {
  /** Always 'copy-sources': the context is the nearest directory in which the most COPY/ADD sources resolve. */
  reason: 'copy-sources';
  /** Local COPY/ADD sources of the Dockerfile that were checked. */
  sources: number;
  /** How many of them resolve in the chosen context. */
  resolved: number;
  /** How many resolve in the Dockerfile's own directory. */
  resolvedInOwnDir: number;
}

/** Kinds of file reported in `Discovery.found`. */
export type FoundKind = 'dockerfile' | 'compose' | 'compose-override' | 'bake' | 'bake-override' | 'devcontainer';

export interface DiscoveryProblem {
  file: string;
  /** 1-based line when known. */
  line?: number;
  message: string;
}

export interface Discovery {
  targets: BuildTarget[];
  /** Every build definition file found (sorted by path), including ones that yielded no target. */
  found: { file: string; kind: FoundKind }[];
  /** Dockerfile templates (`Dockerfile.j2`, `Dockerfile.in`, `*.tmpl`…): generator inputs, not analysed. Sorted. */
  skippedTemplates: string[];
  /** Absolute directories the walk did not enter (dependency, cache and git-ignored directories), sorted. */
  skippedDirs: string[];
  /** Files that could not be read or understood, and an incomplete walk. Never thrown. */
  errors: DiscoveryProblem[];
  /**
   * Facts about the discovery as a whole that belong to no single target: Compose `include:`
   * not followed, Bake groups, inherit-only Bake targets, git not available, git-ignored
   * Dockerfiles. (An addition to the shape in the brief.)
   */
  notes: DiscoveryProblem[];
}

export interface DiscoverOptions {
  /** Extra Compose files (`-c FILE`), relative to the root or absolute. Parsed even inside skipped directories. */
  composeFiles?: string[];
  /** Variables for interpolation and `args` without a value (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Stop the walk after this many directory entries (default 200 000). */
  maxEntries?: number;
  /**
   * Parser for Bake HCL files: returns hcl2json's shape (`{ target: { name: [body, ...] }, ... }`)
   * or throws with the parser's message. Default: `@cdktn/hcl2json` or `@cdktf/hcl2json` when one
   * is installed, else HCL files are reported in `errors`. `null` forces "not supported".
   */
  hclParser?: HclParser | null;
}

export type HclParser = (file: string, text: string) => Promise<unknown>;

