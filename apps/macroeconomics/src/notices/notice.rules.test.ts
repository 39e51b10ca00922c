import { describe, expect, it } from 'vitest';
import { checkEffectiveOn, noticeNumber, parseNoticeNumber } from './notice.rules.ts';

describe('notice rules', () => {
  it('numbers notices by serial and reads the serial back', () => {
    for (const serial of [1, 42, 99_999_999])
      expect(parseNoticeNumber(noticeNumber(serial))).toEqual({ ok: true, value: serial });
    expect(noticeNumber(42)).toBe('MA-00000042');
  });

  it.each(['', 'MA-42', 'MA-00000000', 'XX-00000042', 'MA-000000421'])('refuses "%s" as a number', (text) => {
    expect(parseNoticeNumber(text)).toMatchObject({ ok: false, part: 'format' });
  });

  it('lets a notice take effect today or later, never before', () => {
    expect(checkEffectiveOn('2026-03-01', '2026-03-01').ok).toBe(true);
    expect(checkEffectiveOn('2026-12-31', '2026-03-01').ok).toBe(true);
    expect(checkEffectiveOn('2026-02-28', '2026-03-01')).toMatchObject({ ok: false, part: 'in_past' });
  });
});
