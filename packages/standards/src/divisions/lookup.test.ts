import { describe, expect, it } from 'vitest';
import { isKnownDivision, listDivisions, lookupDivision, provinceOf } from './lookup.ts';
import { normalizeDivisionCode, parseDivisionCode } from './parse.ts';

describe('lookupDivision', () => {
  it('finds provinces, prefectures and counties with 6-digit codes and parents', () => {
    expect(lookupDivision('110000')).toMatchObject({ name: '北京市', level: 'province', status: 'current' });
    expect(lookupDivision('110000')?.parent).toBeUndefined();
    expect(lookupDivision('110100')).toMatchObject({ name: '市辖区', level: 'prefecture', parent: '110000' });
    expect(lookupDivision('110101')).toMatchObject({ name: '东城区', level: 'county', parent: '110100' });
    expect(lookupDivision('350100')).toMatchObject({ name: '福州市', level: 'prefecture', parent: '350000' });
  });

  it('treats a prefecture-level city without counties as a prefecture, not a county', () => {
    expect(lookupDivision('441900')).toMatchObject({ name: '东莞市', level: 'prefecture' });
  });

  it('knows Taiwan, Hong Kong and Macao, which GB/T 2260 lists but the NBS data omits', () => {
    expect(lookupDivision('810000')).toMatchObject({ name: '香港特别行政区', level: 'province' });
    expect(listDivisions({ level: 'province' })).toHaveLength(34);
  });

  it('returns historical codes with status, year and successor unless excluded', () => {
    expect(lookupDivision('110103')).toMatchObject({
      name: '崇文区',
      status: 'historical',
      abolished: 2010,
      successor: '110101',
    });
    expect(lookupDivision('110103', { includeHistorical: false })).toBeUndefined();
    expect(isKnownDivision('110104')).toBe(true);
    expect(isKnownDivision('110104', { includeHistorical: false })).toBe(false);
  });

  it('does not know made-up codes', () => {
    expect(lookupDivision('110199')).toBeUndefined();
    expect(lookupDivision('11')).toBeUndefined();
  });
});

describe('data integrity', () => {
  const all = listDivisions();

  it('every parent exists and every code has a real province', () => {
    for (const d of all) {
      if (d.parent !== undefined) expect(lookupDivision(d.parent), `${d.code} parent`).toBeDefined();
      expect(provinceOf(d.code), d.code).toBeDefined();
      expect(d.code).toMatch(/^\d{6}$/);
    }
  });

  it('historical codes are not current and point at current successors', () => {
    const historical = all.filter((d) => d.status === 'historical');
    expect(historical.length).toBeGreaterThanOrEqual(20);
    for (const h of historical) {
      expect(isKnownDivision(h.code, { includeHistorical: false })).toBe(false);
      if (h.successor) expect(lookupDivision(h.successor, { includeHistorical: false })).toBeDefined();
    }
  });
});

describe('provinceOf', () => {
  it('returns the province of any code, even an unknown one', () => {
    expect(provinceOf('110103')?.name).toBe('北京市');
    expect(provinceOf('110199')?.code).toBe('110000');
    expect(provinceOf('990101')).toBeUndefined();
    expect(provinceOf('x')).toBeUndefined();
  });
});

describe('parseDivisionCode', () => {
  it('accepts current and historical codes', () => {
    expect(parseDivisionCode('110101')).toEqual({ ok: true, value: '110101' });
    expect(parseDivisionCode('310230')).toEqual({ ok: true, value: '310230' });
  });

  it('names the failed part', () => {
    expect(parseDivisionCode('1101')).toMatchObject({ ok: false, part: 'format' });
    expect(parseDivisionCode('990101')).toMatchObject({ ok: false, part: 'province' });
    expect(parseDivisionCode('110199')).toMatchObject({ ok: false, part: 'division' });
  });

  it('normalizes 2- and 4-digit codes', () => {
    expect(normalizeDivisionCode('11')).toBe('110000');
    expect(normalizeDivisionCode('1101')).toBe('110100');
    expect(normalizeDivisionCode('110101')).toBe('110101');
    expect(normalizeDivisionCode('111')).toBeUndefined();
  });
});
