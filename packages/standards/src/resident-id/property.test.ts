import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listDivisions } from '../divisions/lookup.ts';
import { residentIdCheckChar } from './check-char.ts';
import { issueResidentId } from './issue.ts';
import { validateResidentId } from './validate.ts';

const NOW = new Date('2025-06-01T00:00:00Z');
const DIVISIONS = listDivisions().map((d) => d.code);

/** Any valid ID: real (current or historical) division, birth date 1900-01-01..yesterday, any sequence. */
const validId = fc
  .record({
    division: fc.constantFrom(...DIVISIONS),
    birth: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2025-05-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ division, birth, sequence }) =>
    issueResidentId({ division, birthDate: birth.toISOString().slice(0, 10), sequence }, { now: NOW }),
  );

const DIGITS = '0123456789';

describe('resident ID properties', () => {
  it('every generated ID validates and decodes back to its parts', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const r = validateResidentId(id, { now: NOW });
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.value).toBe(id);
          expect(r.parts.birthDate.replaceAll('-', '')).toBe(id.slice(6, 14));
          expect(r.parts.sex).toBe(Number(id[16]) % 2 === 1 ? 'male' : 'female');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('every single-character substitution is rejected', () => {
    fc.assert(
      fc.property(validId, (id) => {
        for (let i = 0; i < 18; i++) {
          // Positions 0-16 allow digits (X there fails format); position 17 allows digits and X.
          for (const c of `${DIGITS}X`) {
            if (c === id[i]) continue;
            const mutated = id.slice(0, i) + c + id.slice(i + 1);
            const r = validateResidentId(mutated, { now: NOW });
            expect(r.ok, mutated).toBe(false);
            // Sequence and check positions cannot break division or date, so MOD 11-2 must catch them.
            if (!r.ok && i >= 14 && (i === 17 || c !== 'X')) expect(r.part).toBe('check_digit');
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the check char always makes the weighted sum ≡ 1 (mod 11)', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2, 1];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DIGITS), { minLength: 17, maxLength: 17 }), (digits) => {
        const id = digits.join('') + residentIdCheckChar(digits.join(''));
        const sum = [...id].reduce((s, ch, i) => s + (ch === 'X' ? 10 : Number(ch)) * weights[i]!, 0);
        expect(sum % 11).toBe(1);
      }),
      { numRuns: 200 },
    );
  });
});
