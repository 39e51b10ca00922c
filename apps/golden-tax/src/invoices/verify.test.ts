import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenTax, type GoldenTaxTestApp, line } from '../test.fixture.ts';

describe.each(databaseTargets())('invoices.verify (public) on $name', (target) => {
  let gt: GoldenTaxTestApp;
  let number: string;
  let totalFen: number;
  const verify = (input: unknown) => gt.call('invoices.verify', input, undefined, 'query');
  beforeAll(async () => {
    gt = await bootGoldenTax(target);
    const seller = await gt.registered({ name: '福州闽江机械制造有限公司' });
    const issued = await gt.issue({
      sellerCreditCode: seller,
      buyer: { name: '个人' },
      lines: [line({ quantity: '3', unitPriceFen: 33_333 })],
      issuedOn: '2025-03-05',
    });
    ({ number, totalFen } = issued);
  });
  afterAll(() => gt.close());

  it('confirms the number and total to anyone, no token needed, with date, seller and status only', async () => {
    const r = await verify({ number, totalFen });
    expect(r.status).toBe(200);
    expect(r.data).toEqual({
      valid: true,
      issuedOn: '2025-03-05',
      sellerName: '福州闽江机械制造有限公司',
      status: 'issued',
    });
    expect(totalFen).toBe(112_999); // 99,999 + 13,000 (12,999.87 half-up)
  });

  it('answers exactly { valid: false } to a wrong amount or an unknown number', async () => {
    for (const input of [
      { number, totalFen: totalFen + 1 },
      { number, totalFen: totalFen - 13_000 }, // the amount before VAT is not the total
      { number: `${number.slice(0, 19)}${number.endsWith('9') ? '8' : '9'}`, totalFen },
    ]) {
      const r = await verify(input);
      expect(r.status).toBe(200);
      expect(r.data).toStrictEqual({ valid: false });
    }
  });

  it('answers the portal (public zone), which reaches nothing else here', async () => {
    const portal = await gt.identity.serviceToken({
      app: 'portal',
      zone: 'public',
      permissions: ['golden-tax.*'],
    });
    expect((await gt.call('invoices.verify', { number, totalFen }, portal, 'query')).data).toMatchObject({
      valid: true,
    });
    const issue = await gt.call('invoices.get', { number }, portal, 'query');
    expect(issue.status).toBe(403);
    expect(issue.error?.message).toMatch(/zone/);
  });

  it('shows a cancelled invoice as voided', async () => {
    await gt.must('invoices.void', { number, reason: '开票信息有误' });
    expect((await verify({ number, totalFen })).data).toMatchObject({ valid: true, status: 'voided' });
  });

  it.each([
    ['a short number', { number: '2535100000000000001', totalFen: 1 }, 'number', 'format'],
    ['a negative amount', { number: '25351000000000000001', totalFen: -1 }, 'totalFen', 'too_small'],
    [
      'an unknown field',
      { number: '25351000000000000001', totalFen: 1, seller: 'x' },
      '(input)',
      'unknown_field',
    ],
  ])('refuses %s with 400', async (_, input, path, rule) => {
    const r = await verify(input);
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
  });
});
