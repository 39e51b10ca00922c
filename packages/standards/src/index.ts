/**
 * @egov/standards: national codes and formats (requirement S6) — GB/T 2260 divisions, GB/T 4754 industries,
 * GB 11643 resident IDs, GB 32100 credit codes, bank cards, mobile numbers, money in fen, Chinese working days and the
 * statutory retirement age.
 * Sub-path exports (`@egov/standards/resident-id`, …) expose the same API per concern.
 */
export * from './bank-card/index.ts';
export type { Brand } from './brand.ts';
export * from './credit-code/index.ts';
export * from './dates/index.ts';
export * from './divisions/index.ts';
export * from './industry/index.ts';
export * from './money/index.ts';
export * from './phone/index.ts';
export * from './resident-id/index.ts';
export { type Err, err, type Ok, ok, type Result } from './result.ts';
export * from './retirement/index.ts';
