{
  "name": "@egov/__name__",
  "version": "0.0.0",
  "private": true,
  "type": "module",
  "exports": {
    ".": "./src/app.ts",
    "./router": "./src/router.ts"
  },
  "scripts": {
    "dev": "tsx watch src/main.ts",
    "start": "tsx src/main.ts",
    "lint": "biome lint src",
    "typecheck": "tsc --noEmit",
    "test": "vitest run"
  },
  "dependencies": {
    "@egov/kernel": "workspace:*",
    "@egov/standards": "workspace:*",
    "@trpc/server": "catalog:",
    "kysely": "catalog:",
    "zod": "catalog:"
  },
  "devDependencies": {
    "@egov/testing": "workspace:*",
    "@egov/tsconfig": "workspace:*",
    "@types/node": "catalog:",
    "typescript": "catalog:",
    "vitest": "catalog:"
  }
}
