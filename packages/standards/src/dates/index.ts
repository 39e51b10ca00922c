export { checkPastDate, type PastDateRule, pastDateSchema } from './past-date.ts';
