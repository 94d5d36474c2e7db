// Build definitions of a repository: Dockerfiles, Compose services and Bake targets.
export { discover } from './discover.js';
export type { BuildKind, BuildTarget, DiscoverOptions, Discovery, DiscoveryProblem, FoundKind, HclParser } from './types.js';
