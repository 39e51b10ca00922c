import { chinaDate } from '@egov/standards';

/**
 * The treasury business date (账务日期) of an instant: the calendar day in China,
 * whatever the server's time zone.
 *
 * @example
 * businessDate(new Date('2026-03-01T17:00:00Z')) // '2026-03-02'
 */
export function businessDate(at: Date): string {
  return chinaDate(at);
}
