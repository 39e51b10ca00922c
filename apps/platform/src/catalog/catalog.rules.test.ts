import { describe, expect, it } from 'vitest';
import {
  assertServedBy,
  assertUntil,
  coveringDivisions,
  GRANT_TOKEN_MS,
  grantTokenExpiry,
  MAX_GRANT_MS,
  RESOURCE_ID,
  searchPatterns,
} from './catalog.rules.ts';

const at = new Date('2030-06-01T10:00:00Z');
const rule = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    return (error as { details?: { rule?: string } }).details?.rule;
  }
  return undefined;
};

describe('catalog rules', () => {
  it('accepts <system>-<domain>-<serial> identifiers only', () => {
    for (const ok of ['GS-POP-0001', 'GF-TRE-0001', 'ABCD-ABCDEFGH-9999'])
      expect(RESOURCE_ID.test(ok), ok).toBe(true);
    for (const bad of [
      'gs-pop-0001',
      'G-POP-0001',
      'GS-P-0001',
      'GS-POP-001',
      'GS-POP-00001',
      'GS_POP_0001',
      'GS-POP-0001 ',
    ])
      expect(RESOURCE_ID.test(bad), bad).toBe(false);
  });

  it('bounds an access request to the future and at most 365 days', () => {
    expect(rule(() => assertUntil(new Date(at.getTime() + 1000), at))).toBeUndefined();
    expect(rule(() => assertUntil(new Date(at.getTime() + MAX_GRANT_MS), at))).toBeUndefined();
    expect(rule(() => assertUntil(new Date(at.getTime() + MAX_GRANT_MS + 1), at))).toBe('too_long');
    expect(rule(() => assertUntil(at, at))).toBe('past');
  });

  it('names the first procedure that does not serve the resource', () => {
    expect(rule(() => assertServedBy(['identity.verify'], ['identity.verify']))).toBeUndefined();
    try {
      assertServedBy(['identity.verify', 'residents.get'], ['identity.verify'], 'GS-POP-0001');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'INVALID',
        details: { field: 'procedures.1', rule: 'not_served' },
      });
    }
  });

  it('expires grant tokens within the hour, never after the grant', () => {
    expect(grantTokenExpiry(new Date('2031-01-01T00:00:00Z'), at).getTime()).toBe(
      at.getTime() + GRANT_TOKEN_MS,
    );
    const soon = new Date(at.getTime() + 60_000);
    expect(grantTokenExpiry(soon, at)).toEqual(soon);
    // Whole seconds, rounded down: never a moment past the grant.
    expect(grantTokenExpiry(new Date(at.getTime() + 60_999), at)).toEqual(soon);
    expect(grantTokenExpiry(new Date('2031-01-01'), new Date(at.getTime() + 250)).getTime()).toBe(
      at.getTime() + GRANT_TOKEN_MS,
    );
  });

  it('finds the divisions that cover a code, by its digits', () => {
    expect(coveringDivisions('110101')).toEqual(['110000', '110100', '110101']);
    expect(coveringDivisions('110100')).toEqual(['110000', '110100']);
    expect(coveringDivisions('110000')).toEqual(['110000']);
  });

  it('turns a query into literal substring patterns, eight words at most', () => {
    expect(searchPatterns('  人口  identity ')).toEqual(['%人口%', '%identity%']);
    expect(searchPatterns('100% a_b c\\d')).toEqual(['%100\\%%', '%a\\_b%', '%c\\\\d%']);
    expect(searchPatterns(undefined)).toEqual([]);
    expect(searchPatterns('a b c d e f g h i j')).toHaveLength(8);
  });
});
