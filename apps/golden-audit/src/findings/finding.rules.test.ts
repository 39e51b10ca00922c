import { describe, expect, it } from 'vitest';
import { findingStatus, rectificationDeadline } from './finding.rules.ts';

describe('rectification deadlines and status', () => {
  it('counts Chinese working days: holidays skipped, make-up Saturdays counted', () => {
    expect(rectificationDeadline('2026-09-30', 1)).toEqual({ ok: true, value: '2026-10-08' });
    // 2026-02-14 (Saturday) is worked for the Spring Festival.
    expect(rectificationDeadline('2026-02-13', 1)).toEqual({ ok: true, value: '2026-02-14' });
  });

  it('refuses a deadline in a year whose holiday arrangement is not published', () => {
    expect(rectificationDeadline('2026-12-01', 60)).toMatchObject({
      ok: false,
      part: 'calendar_not_published',
    });
  });

  it('is open through the deadline, overdue the day after, rectified once rectified', () => {
    const f = { deadline: '2026-03-31', rectifiedOn: null };
    expect(findingStatus(f, '2026-03-31')).toBe('open');
    expect(findingStatus(f, '2026-04-01')).toBe('overdue');
    expect(findingStatus({ ...f, rectifiedOn: '2026-05-01' }, '2026-06-01')).toBe('rectified');
  });
});
