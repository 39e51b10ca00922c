import { defineProject } from 'vitest/config';

export default defineProject({
  // These tests launch every app (a PGlite instance each, argon2 seeding): generous limits for a loaded 2-core CI machine.
  test: { testTimeout: 180_000, hookTimeout: 180_000 },
});
