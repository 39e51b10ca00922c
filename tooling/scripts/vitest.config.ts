import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // These tests launch every app (a PGlite instance each, argon2 seeding): generous limits for a loaded 2-core CI machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // With DATABASE_URL the launcher uses the apps' fixed schemas (and so one registry): one file at a time.
    fileParallelism: false,
  },
});
