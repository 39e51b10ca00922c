export { checkPastDate, type PastDateRule, pastDateSchema } from './past-date.ts';
export {
  addWorkingDays,
  isWorkingDay,
  workingDayCalendarCovers,
  workingDaysBetween,
} from './working-days.ts';
