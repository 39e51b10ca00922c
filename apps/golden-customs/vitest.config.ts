import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files share their worker's modules so they share one PGlite (see src/test.setup.ts); every suite still gets its own schema.
    isolate: false,
    setupFiles: ['./src/test.setup.ts'],
  },
});
