import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from './check-char.ts';
import { issueResidentId } from './issue.ts';
import { maskResidentId } from './mask.ts';
import { residentIdSchema } from './schema.ts';

describe('residentIdCheckChar', () => {
  it('computes ISO 7064 MOD 11-2 check chars', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
  });
});

describe('issueResidentId', () => {
  it('assembles an ID and computes its check char', () => {
    expect(issueResidentId({ division: '110105', birthDate: '1949-12-31', sequence: 2 })).toBe(
      '11010519491231002X',
    );
    expect(issueResidentId({ division: '110103', birthDate: '19800101', sequence: 13 })).toMatch(
      /^11010319800101013.$/,
    );
  });

  it('refuses parts that would not validate', () => {
    expect(() => issueResidentId({ division: '990101', birthDate: '1980-01-01', sequence: 1 })).toThrow(
      /division/,
    );
    expect(() => issueResidentId({ division: '110101', birthDate: '1980-02-30', sequence: 1 })).toThrow(
      /birth date/,
    );
    expect(() => issueResidentId({ division: '110101', birthDate: '1980-01-01', sequence: 1000 })).toThrow(
      RangeError,
    );
  });
});

describe('maskResidentId', () => {
  it('keeps the first 3 and last 4 characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110***********002X');
  });

  it('never reveals short or malformed input', () => {
    expect(maskResidentId('1234567')).toBe('*******');
    expect(maskResidentId('')).toBe('');
  });
});

describe('residentIdSchema', () => {
  it('outputs the normalized ID', () => {
    expect(residentIdSchema.parse('11010519491231002x')).toBe('11010519491231002X');
  });

  it('reports the failed part in message and params', () => {
    const issue = residentIdSchema.safeParse('110105194912310021').error?.issues[0];
    expect(issue?.message).toBe('resident ID check digit is wrong: expected X, got 1');
    expect(issue).toMatchObject({ code: 'custom', params: { part: 'check_digit' } });
    expect(residentIdSchema.safeParse('123').error?.issues[0]).toMatchObject({ params: { part: 'length' } });
  });
});
