/** GB 11643-1999 resident identity numbers (公民身份号码). */
export { chinaDate } from './birth-date.ts';
export { residentIdCheckChar } from './check-char.ts';
export { type IssueResidentIdInput, issueResidentId } from './issue.ts';
export { maskResidentId } from './mask.ts';
export { residentIdSchema } from './schema.ts';
export type { ResidentId, ResidentIdPart, ResidentIdParts, Sex } from './types.ts';
export { type ResidentIdResult, type ValidateResidentIdOptions, validateResidentId } from './validate.ts';
