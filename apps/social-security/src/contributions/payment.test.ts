import { chinaDate } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootSocialSecurity,
  enrolled,
  perm,
  registered,
  type SocialSecurityTestApp,
} from '../test.fixture.ts';
import { lateFee } from './contribution.rules.ts';

describe.each(databaseTargets())('declaration payments and arrears on $name', (target) => {
  let ss: SocialSecurityTestApp;
  let officer: string;
  let creditCode: string;
  beforeAll(async () => {
    ss = await bootSocialSecurity(target);
    officer = await ss.token(perm.employment, perm.file, perm.pay, perm.readDeclaration);
    creditCode = await registered(ss);
    const residentId = await enrolled(ss, '田野');
    await ss.call('employments.record', { creditCode, residentId, startOn: '2024-01-01' }, officer);
    for (const period of ['2024-01', '2024-02', '2024-03'])
      expect(
        (
          await ss.call(
            'declarations.file',
            { creditCode, period, lines: [{ residentId, wageFen: 800_000 }] },
            officer,
          )
        ).status,
      ).toBe(200);
  });
  afterAll(() => ss.close());

  const pay = (period: string, paidOn: string) =>
    ss.call('declarations.pay', { creditCode, period, paidOn }, officer);

  it('charges no late fee when paid by the 15th of the next month, 0.05 % a day after; once (409)', async () => {
    // 192,000 fen a month (16 % + 8 % of 800,000).
    expect((await pay('2024-01', '2024-02-15')).data).toMatchObject({
      contributionFen: 192_000,
      lateFeeFen: 0,
      daysLate: 0,
      dueOn: '2024-02-15',
    });
    // Due 2024-03-15, paid 2024-04-14: 30 days; 192,000 × 0.0005 × 30 = 2,880.
    expect((await pay('2024-02', '2024-04-14')).data).toMatchObject({ lateFeeFen: 2_880, daysLate: 30 });
    const before = await ss.counts();
    const again = await pay('2024-02', '2024-04-15');
    expect(again.status).toBe(409);
    expect(again.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'period', rule: 'already_paid' }),
    ]);
    expect(await ss.counts()).toEqual(before);
  });

  it('lists what is unpaid with the late fee accrued to today', async () => {
    const r = await ss.call('declarations.arrears', { creditCode }, officer, 'query');
    const fee = lateFee(192_000, '2024-04-15', chinaDate(new Date()));
    expect(r.data).toEqual([
      {
        period: '2024-03',
        contributionFen: 192_000,
        dueOn: '2024-04-15',
        ...{ daysLate: fee.daysLate, lateFeeFen: fee.feeFen },
      },
    ]);
  });

  it.each([
    ['paidOn', () => ({ paidOn: '2099-01-01' }), 'in_future'],
    ['paidOn', () => ({ paidOn: '2024-02-29' }), 'before_period'],
    ['paidOn', () => ({ paidOn: '2024-02-30' }), 'invalid_format'],
    ['period', () => ({ period: '2023-12', paidOn: '2024-01-10' }), 'not_declared'],
  ])('refuses a bad %s with 400 naming the rule (%s), writing nothing', async (path, patch, rule) => {
    const before = await ss.counts();
    const valid: Record<string, unknown> = { creditCode, period: '2024-03', paidOn: '2024-04-10' };
    const r = await ss.call('declarations.pay', { ...valid, ...patch() }, officer);
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(await ss.counts()).toEqual(before);
  });
});
