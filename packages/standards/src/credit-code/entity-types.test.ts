import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entityTypeName, ORGANISATION_SEQUENCE_MAX, organisationBodyForSequence } from './entity-types.ts';
import { issueCreditCode } from './issue.ts';
import { validateCreditCode } from './validate.ts';

describe('entity types and organisation-code bodies', () => {
  it('names the entity types GB 32100-2015 tabulates and nothing else', () => {
    expect(entityTypeName('9', '1')).toBe('企业');
    expect(entityTypeName('1', '2')).toBe('事业单位');
    expect(entityTypeName('5', '1')).toBe('社会团体');
    expect(entityTypeName('9', '9')).toBeUndefined();
    expect(entityTypeName('N', '1')).toBeUndefined();
  });

  it('writes the sequence in base 31 after the authority', () => {
    expect(organisationBodyForSequence('9', 1)).toBe('90000001');
    expect(organisationBodyForSequence('9', 30)).toBe('9000000Y');
    expect(organisationBodyForSequence('9', 31)).toBe('90000010');
    expect(organisationBodyForSequence('Y', ORGANISATION_SEQUENCE_MAX)).toBe('YYYYYYYY');
  });

  it.each([
    ['9', 0],
    ['9', -1],
    ['9', 1.5],
    ['9', ORGANISATION_SEQUENCE_MAX + 1],
    ['I', 1],
    ['99', 1],
  ])('refuses authority %s with sequence %s', (authority, sequence) => {
    expect(() => organisationBodyForSequence(authority, sequence)).toThrow(RangeError);
  });

  it('is one to one, and every body makes a valid credit code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('1', '5', '9', 'Y'),
        fc.integer({ min: 1, max: ORGANISATION_SEQUENCE_MAX }),
        fc.integer({ min: 1, max: ORGANISATION_SEQUENCE_MAX }),
        (authority, a, b) => {
          const ba = organisationBodyForSequence(authority, a);
          expect(ba === organisationBodyForSequence(authority, b)).toBe(a === b);
          const code = issueCreditCode({
            authority,
            entityType: '1',
            division: '110105',
            organisationBody: ba,
          });
          expect(validateCreditCode(code).ok).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
