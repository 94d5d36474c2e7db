import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Conformance runs spawn the docker CLI against a stand-in engine; give them room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // At least two files at once, also on a 2-core machine (vitest's default there is one): the
    // engine suites spend most of their time waiting on dockerd and the CLIs they spawn, so a
    // CPU-bound suite beside them costs little. Every test uses its own temp trees and engine,
    // and nothing rebuilds dist/ while tests run (npm pack runs with --ignore-scripts).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
