import { err, ok, type Result } from '@egov/standards';

/** Notice numbers read `MA-00000042`: the app's initials and the serial the database gave. */
export const NOTICE_PREFIX = 'MA';

/**
 * The number of the notice with `serial`.
 *
 * @example
 * noticeNumber(42) // 'MA-00000042'
 */
export function noticeNumber(serial: number): string {
  return `${NOTICE_PREFIX}-${String(serial).padStart(8, '0')}`;
}

/**
 * The serial in a notice number, or why it is not one.
 *
 * @example
 * parseNoticeNumber('MA-00000042') // { ok: true, value: 42 }
 */
export function parseNoticeNumber(number: string): Result<number, 'format'> {
  const m = new RegExp(`^${NOTICE_PREFIX}-(\\d{8})$`).exec(number);
  if (!m || Number(m[1]) === 0)
    return err('format', `"${number}" is not a notice number (${noticeNumber(1)})`);
  return ok(Number(m[1]));
}

/**
 * A notice takes effect today or later (days in China, `YYYY-MM-DD`).
 *
 * @example
 * checkEffectiveOn('2026-01-01', '2026-03-01') // { ok: false, part: 'in_past', ... }
 */
export function checkEffectiveOn(effectiveOn: string, today: string): Result<string, 'in_past'> {
  if (effectiveOn < today)
    return err('in_past', `a notice cannot take effect in the past (${effectiveOn} < ${today})`);
  return ok(effectiveOn);
}
