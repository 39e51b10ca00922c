export { type CallLimiter, type Charge, createRateLimiter } from './limiter.ts';
export { type RateLimitHitTable, rateLimitMigrations } from './migrations.ts';
