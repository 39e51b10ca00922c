import { describe, expect, it } from 'vitest';
import { checkPastDate, pastDateSchema } from './past-date.ts';

describe('past dates', () => {
  const now = new Date('2026-11-26T20:00:00Z'); // 2026-11-27 in China
  it('accepts real days up to today in China', () => {
    expect(checkPastDate('2024-02-29', now)).toEqual({ ok: true, value: '2024-02-29' });
    expect(checkPastDate('2026-11-27', now).ok).toBe(true);
  });
  it('names the rule that failed', () => {
    expect(checkPastDate('2023-02-29', now)).toMatchObject({ ok: false, part: 'calendar_date' });
    expect(checkPastDate('2026-11-28', now)).toMatchObject({ ok: false, part: 'in_future' });
    expect(checkPastDate('26-11-01', now)).toMatchObject({ ok: false, part: 'format' });
    expect(checkPastDate('1899-12-31', now, '1900-01-01')).toMatchObject({ ok: false, part: 'too_early' });
  });
  it('carries the rule into zod issues', () => {
    expect(
      (pastDateSchema().safeParse('2023-02-30').error?.issues[0] as { params?: unknown })?.params,
    ).toEqual({ rule: 'calendar_date' });
  });
});
