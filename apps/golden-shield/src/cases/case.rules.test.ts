import { describe, expect, it } from 'vitest';
import { caseNo, parseCaseNo } from './case.rules.ts';

describe('case numbers', () => {
  it('carry the China year and the serial, and read back', () => {
    expect(caseNo(new Date('2026-12-31T16:30:00Z'), 42)).toBe('AML-2027-000042');
    expect(parseCaseNo('AML-2027-000042')).toBe(42);
    expect(parseCaseNo('AML-2027-42')).toBeUndefined();
    expect(parseCaseNo("AML-2027-000042' or 1=1")).toBeUndefined();
  });
});
