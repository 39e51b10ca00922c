import { describe, expect, it } from 'vitest';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, industryWithin, parseIndustryCode } from './index.ts';

describe('GB/T 4754-2017 sections and divisions', () => {
  it('has 20 sections A to T whose division ranges cover 01 to 97 exactly once', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    const covered = INDUSTRY_SECTIONS.flatMap((s) =>
      Array.from({ length: s.divisions[1] - s.divisions[0] + 1 }, (_, i) => s.divisions[0] + i),
    );
    expect(covered).toEqual(Array.from({ length: 97 }, (_, i) => i + 1));
    expect(Object.keys(INDUSTRY_DIVISIONS)).toHaveLength(97);
  });

  it('reads a section and a division with its section', () => {
    expect(parseIndustryCode('C')).toEqual({
      ok: true,
      value: { code: 'C', name: '制造业', level: 'section', section: 'C' },
    });
    expect(parseIndustryCode('39')).toMatchObject({ ok: true, value: { section: 'C', level: 'division' } });
    expect(parseIndustryCode('70')).toMatchObject({ ok: true, value: { section: 'K', name: '房地产业' } });
    expect(industryWithin('39', 'C')).toBe(true);
    expect(industryWithin('44', 'C')).toBe(false);
  });

  it.each([
    ['U', 'unknown'],
    ['00', 'unknown'],
    ['98', 'unknown'],
    ['391', 'level'],
    ['c', 'format'],
    ['', 'format'],
  ])('refuses %s (%s)', (code, part) => {
    expect(parseIndustryCode(code)).toMatchObject({ ok: false, part });
  });
});
