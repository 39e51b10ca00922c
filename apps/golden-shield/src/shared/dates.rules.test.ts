import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEventDate } from './dates.rules.ts';

const now = new Date('2026-03-01T17:00:00Z'); // 2026-03-02 01:00 in China

describe('checkEventDate', () => {
  it.each([
    ['2024-02-29', true, undefined],
    ['2023-02-29', false, 'calendar_date'],
    ['2023-02-30', false, 'calendar_date'],
    ['2023-13-01', false, 'calendar_date'],
    ['2023-1-01', false, 'format'],
    ['20230101', false, 'format'],
    ['1899-12-31', false, 'before_1900'],
    ['1900-01-01', true, undefined],
    ['2026-03-02', true, undefined], // already today in China while still 03-01 in UTC
    ['2026-03-03', false, 'in_future'],
  ])('%s -> ok %s (%s)', (value, ok, rule) => {
    const checked = checkEventDate(value, now);
    expect(checked.ok).toBe(ok);
    if (!checked.ok) expect(checked.part).toBe(rule);
  });

  it('accepts every real past day and returns it unchanged', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2026-03-01'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          expect(checkEventDate(iso, now)).toEqual({ ok: true, value: iso });
        },
      ),
    );
  });
});
