import { err, ok, type Result } from '../result.ts';

/** Earliest accepted birth year: second-generation IDs were only issued to people alive in 1999+. */
const MIN_YEAR = 1900;

/** China Standard Time is UTC+8 all year (no DST); births are recorded in local dates. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Today's date in China (`YYYY-MM-DD`) at instant `now`. Using the server's local zone would
 * reject babies born today in Beijing when the server runs in UTC before 08:00.
 *
 * @example
 * chinaDate(new Date('2024-03-01T17:00:00Z')) // '2024-03-02'
 */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Checks an 8-digit `YYYYMMDD` birth date: it must exist in the Gregorian calendar, be no
 * earlier than 1900-01-01 and not after today (China time). Returns the ISO form.
 *
 * @example
 * parseBirthDate('20000229', new Date()) // { ok: true, value: '2000-02-29' }
 * parseBirthDate('19000229', new Date()) // { ok: false, ... } (1900 is not a leap year)
 */
export function parseBirthDate(yyyymmdd: string, now: Date): Result<string, 'birth_date'> {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return err('birth_date', `birth date must be 8 digits YYYYMMDD, got "${yyyymmdd}"`);
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  // Date.UTC rolls invalid days over (Feb 30 -> Mar 2), so a round-trip exposes them.
  const probe = new Date(Date.UTC(year, month - 1, day));
  const iso = `${y}-${mo}-${d}`;
  if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return err('birth_date', `birth date ${iso} is not a calendar date`);
  }
  if (year < MIN_YEAR) return err('birth_date', `birth date ${iso} is before ${MIN_YEAR}`);
  if (iso > chinaDate(now)) return err('birth_date', `birth date ${iso} is in the future`);
  return ok(iso);
}
