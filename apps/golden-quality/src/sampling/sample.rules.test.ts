import { describe, expect, it } from 'vitest';
import { fineDueOn, fineReference, sampleNumber } from './sample.rules.ts';

describe('sampling rules', () => {
  it('gives a fine fifteen days, across months and years', () => {
    expect(fineDueOn('2026-12-03')).toBe('2026-12-18');
    expect(fineDueOn('2026-12-20')).toBe('2027-01-04');
    expect(fineDueOn('2028-02-20')).toBe('2028-03-06');
  });

  it('names samples and fines by serial, in the treasury reference format (6 to 40 of A-Z 0-9 -)', () => {
    expect(sampleNumber(42)).toBe('GQ-S-00000042');
    expect(fineReference(42)).toMatch(/^[A-Za-z0-9-]{6,40}$/);
  });
});
