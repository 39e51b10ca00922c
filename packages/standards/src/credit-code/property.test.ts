import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listDivisions } from '../divisions/lookup.ts';
import { CREDIT_CODE_ALPHABET, REGISTRATION_AUTHORITIES } from './alphabet.ts';
import { issueCreditCode } from './issue.ts';
import { validateCreditCode } from './validate.ts';

const alphabetChar = fc.constantFrom(...CREDIT_CODE_ALPHABET);
const DIVISIONS = listDivisions({ includeHistorical: false }).map((d) => d.code);

const validCode = fc
  .record({
    authority: fc.constantFrom(...REGISTRATION_AUTHORITIES),
    entityType: alphabetChar,
    division: fc.constantFrom('100000', ...DIVISIONS),
    body: fc.array(alphabetChar, { minLength: 8, maxLength: 8 }),
  })
  .map(({ authority, entityType, division, body }) =>
    issueCreditCode({ authority, entityType, division, organisationBody: body.join('') }),
  );

describe('credit code properties', () => {
  it('every generated code validates', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(validateCreditCode(code)).toEqual({ ok: true, value: code });
      }),
      { numRuns: 200 },
    );
  });

  it('every single-character substitution within the alphabet is rejected', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        for (let i = 0; i < 18; i++) {
          for (const c of CREDIT_CODE_ALPHABET) {
            if (c === code[i]) continue;
            const mutated = code.slice(0, i) + c + code.slice(i + 1);
            expect(validateCreditCode(mutated).ok, mutated).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
