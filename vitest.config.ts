import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Conformance runs spawn the docker CLI against a stand-in engine; give them room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
