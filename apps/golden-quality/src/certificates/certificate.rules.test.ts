import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStep, followUpDue, validityOn, validUntil } from './certificate.rules.ts';

describe('CCC certificate rules', () => {
  it('keeps a certificate valid five years, to the day before the anniversary', () => {
    expect(validUntil('2026-03-01')).toBe('2031-02-28');
    expect(validUntil('2024-02-29')).toBe('2029-02-27');
    expect(validUntil('2026-12-03')).toBe('2031-12-02');
  });

  it('is valid on every day of its five years and on none after (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        (d) => {
          const issued = d.toISOString().slice(0, 10);
          const until = validUntil(issued);
          const c = { stage: 'valid' as const, validFrom: issued, validUntil: until };
          expect(validityOn(c, until)).toBe('valid');
          expect(validityOn(c, issued)).toBe('valid');
          const after = new Date(`${until}T00:00:00Z`);
          after.setUTCDate(after.getUTCDate() + 1);
          expect(validityOn(c, after.toISOString().slice(0, 10))).toBe('expired');
          const years = Number(until.slice(0, 4)) - Number(issued.slice(0, 4));
          expect(years === 5 || years === 4).toBe(true);
        },
      ),
    );
  });

  it('takes the assessment steps in order, once each', () => {
    expect(checkStep('applied', 'documents_reviewed').ok).toBe(true);
    expect(checkStep('documents_reviewed', 'type_tested').ok).toBe(true);
    expect(checkStep('type_tested', 'factory_inspected').ok).toBe(true);
    expect(checkStep('applied', 'type_tested')).toMatchObject({ ok: false, part: 'out_of_order' });
    expect(checkStep('valid', 'factory_inspected')).toMatchObject({ ok: false, part: 'out_of_order' });
  });

  it('tells suspended, refused and unissued apart from valid', () => {
    expect(
      validityOn({ stage: 'suspended', validFrom: '2026-01-01', validUntil: '2030-12-31' }, '2027-01-01'),
    ).toBe('suspended');
    expect(validityOn({ stage: 'type_tested', validFrom: null, validUntil: null }, '2027-01-01')).toBe(
      'not_issued',
    );
    expect(validityOn({ stage: 'refused', validFrom: null, validUntil: null }, '2027-01-01')).toBe('refused');
    expect(followUpDue('2026-03-01', null)).toBe('2027-03-01');
    expect(followUpDue('2026-03-01', '2027-02-10')).toBe('2028-02-10');
  });
});
