import { fen, ratio } from '@egov/standards';
import { describe, expect, it } from 'vitest';
import { assignLane, type LaneFacts } from './rules.ts';

const line = (change: Partial<LaneFacts['lines'][number]> = {}): LaneFacts['lines'][number] => ({
  lineNo: 1,
  commodityCode: '1201900000',
  unit: 'kg',
  quantity: ratio('1000'),
  customsValueFen: fen(500_000),
  cccRequired: false,
  cccCertificateNo: null,
  ...change,
});
const known = { aeoClass: null, earlierDeclarations: 3 };

describe('assignLane', () => {
  it('is green when no rule applies', () => {
    expect(assignLane({ importer: known, lines: [line()] })).toEqual({ lane: 'green', reasons: [] });
  });

  it('is yellow for a first declaration', () => {
    const r = assignLane({ importer: { aeoClass: null, earlierDeclarations: 0 }, lines: [line()] });
    expect(r.lane).toBe('yellow');
    expect(r.reasons).toEqual([expect.objectContaining({ rule: 'first-time-importer', lineNo: null })]);
  });

  it('is blue for an AEO advanced importer, not for a general one', () => {
    expect(
      assignLane({ importer: { aeoClass: 'advanced', earlierDeclarations: 2 }, lines: [line()] }).lane,
    ).toBe('blue');
    expect(
      assignLane({ importer: { aeoClass: 'general', earlierDeclarations: 2 }, lines: [line()] }).lane,
    ).toBe('green');
  });

  it('is red when a CCC line states no certificate, whatever the importer', () => {
    const laptops = line({
      lineNo: 2,
      commodityCode: '8471300000',
      unit: 'unit',
      quantity: ratio('10'),
      cccRequired: true,
      customsValueFen: fen(5_000_000),
    });
    const r = assignLane({
      importer: { aeoClass: 'advanced', earlierDeclarations: 0 },
      lines: [line(), laptops],
    });
    expect(r.lane).toBe('red');
    expect(r.reasons.map((x) => [x.rule, x.lineNo])).toEqual([
      ['ccc-certificate-missing', 2],
      ['first-time-importer', null],
      ['aeo-advanced', null],
    ]);
    expect(
      assignLane({ importer: known, lines: [{ ...laptops, cccCertificateNo: '2024011606000123' }] }).lane,
    ).toBe('green');
  });

  it('is red below half the reference price per legal unit, exactly at the boundary', () => {
    // Laptops: reference 2,000 yuan per unit, so 10 units below 10,000.00 yuan are suspect.
    const laptops = (cv: number) =>
      line({
        commodityCode: '8471300000',
        unit: 'unit',
        quantity: ratio('10'),
        cccRequired: true,
        cccCertificateNo: 'CCC-12345678',
        customsValueFen: fen(cv),
      });
    expect(assignLane({ importer: known, lines: [laptops(1_000_000)] }).lane).toBe('green');
    const under = assignLane({ importer: known, lines: [laptops(999_999)] });
    expect(under).toMatchObject({ lane: 'red', reasons: [{ rule: 'undervalued', lineNo: 1 }] });
    // A commodity without a reference price is never judged on price.
    expect(assignLane({ importer: known, lines: [line({ customsValueFen: fen(1) })] }).lane).toBe('green');
  });
});
