import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  isWorkingDay,
  workingDayCalendarCovers,
  workingDaysBetween,
} from './working-days.ts';

/*
 * The 2025 and 2026 arrangements as the State Council published them:
 * 国办发明电〔2024〕12号 (2025) and 国办发明电〔2025〕7号 (2026).
 */
describe('Chinese working days', () => {
  it('knows the 2025 holidays and their make-up working days', () => {
    // Spring Festival 28 January to 4 February, Sunday 26 January and Saturday 8 February worked.
    for (const day of ['2025-01-28', '2025-01-31', '2025-02-04']) expect(isWorkingDay(day), day).toBe(false);
    for (const day of ['2025-01-26', '2025-02-08']) expect(isWorkingDay(day), day).toBe(true);
    // Labour Day 1 to 5 May, Sunday 27 April worked; National Day and Mid-Autumn 1 to 8 October,
    // Sunday 28 September and Saturday 11 October worked.
    expect(isWorkingDay('2025-05-05')).toBe(false);
    expect(isWorkingDay('2025-04-27')).toBe(true);
    expect(isWorkingDay('2025-10-08')).toBe(false);
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true);
  });

  it('knows the 2026 holidays and their make-up working days', () => {
    // New Year 1 to 3 January, Sunday 4 January worked.
    expect(isWorkingDay('2026-01-02')).toBe(false);
    expect(isWorkingDay('2026-01-04')).toBe(true);
    // Spring Festival 15 to 23 February, Saturdays 14 and 28 February worked.
    for (const day of ['2026-02-16', '2026-02-17', '2026-02-23']) expect(isWorkingDay(day), day).toBe(false);
    for (const day of ['2026-02-14', '2026-02-28']) expect(isWorkingDay(day), day).toBe(true);
    // National Day 1 to 7 October, Sunday 20 September and Saturday 10 October worked.
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2026-09-20')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true);
  });

  it('counts deadlines in working days across a holiday', () => {
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    // 20 working days from the eve of the Spring Festival holiday.
    expect(workingDaysBetween('2026-02-13', addWorkingDays('2026-02-13', 20))).toBe(20);
    expect(addWorkingDays('2026-03-02', 0)).toBe('2026-03-02');
  });

  it('refuses a year the calendar has no arrangement for, instead of guessing from weekdays', () => {
    expect(workingDayCalendarCovers(2026)).toBe(true);
    expect(workingDayCalendarCovers(2099)).toBe(false);
    expect(() => isWorkingDay('2099-01-05')).toThrow(/no holiday arrangement for 2099/);
    expect(() => addWorkingDays('2026-12-30', 5)).toThrow(/no holiday arrangement for 2027|2027/);
    expect(() => isWorkingDay('2026-13-01x')).toThrow(/YYYY-MM-DD/);
  });

  it('adding n working days and counting them back agree, and the result is a working day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01'), max: new Date('2026-09-30'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 40 }),
        (date, n) => {
          const start = date.toISOString().slice(0, 10);
          const end = addWorkingDays(start, n);
          return end > start && isWorkingDay(end) && workingDaysBetween(start, end) === n;
        },
      ),
      { numRuns: 300 },
    );
  });
});
