export * from './domain-error.ts';
export * from './format.ts';
export { toTrpcCode } from './to-trpc.ts';
