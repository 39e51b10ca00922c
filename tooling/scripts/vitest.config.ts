import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // These tests launch every app (argon2 seeding, audit sequencers): generous limits for a loaded 2-core CI machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Each file has a database of its own, but launching every app is heavy: one file at a time.
    fileParallelism: false,
  },
});
