import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tooling/scripts', 'bench'],
    // One PostgreSQL for the run: DATABASE_URL, or the embedded server started here (packages/testing).
    globalSetup: ['./packages/testing/src/global-setup.ts'],
  },
});
