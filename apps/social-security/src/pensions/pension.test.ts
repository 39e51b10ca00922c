import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootSocialSecurity, enrolled, perm, retiree, type SocialSecurityTestApp } from '../test.fixture.ts';

describe.each(databaseTargets())('pensions.award on $name', (target) => {
  let ss: SocialSecurityTestApp;
  let officer: string;
  beforeAll(async () => {
    ss = await bootSocialSecurity(target);
    officer = await ss.token(perm.award, perm.readPension);
  });
  afterAll(() => ss.close());

  it('awards basic + personal-account pension by 国发〔2005〕38号 and keeps the figures it rests on', async () => {
    const { residentId, personalAccountFen } = await retiree(ss, '王建国');
    const r = await ss.call(
      'pensions.award',
      { residentId, category: 'male', firstMonth: '2025-01' },
      officer,
    );
    expect(r.status).toBe(200);
    // W = 124,110 / 12 = 10,342.50 yuan (2024, national default); index 1.0000; 15 years:
    // basic = (10,342.50 + 10,342.50) / 2 x 15 x 1 % = 1,551.375 -> 1,551.38 yuan.
    // Age in 2025-01 (born 1960-05): 64 years 8 months -> divisor 109 (completed years).
    expect(personalAccountFen).toBe(14_893_200);
    expect(r.data).toMatchObject({
      revealed: false,
      contributionMonths: 180,
      averageIndexBp: 10_000,
      previousYearAnnualFen: 12_411_000,
      accountBalanceFen: 14_893_200,
      divisor: 109,
      basicFen: 155_138,
      accountFen: 136_635, // 148,932.00 / 109 = 1,366.349… -> 1,366.35
      monthlyFen: 291_773,
      diedOn: null,
    });
    expect((r.data as { residentId: string }).residentId).not.toBe(residentId);
    const [record] = await ss.audit('pensions.award');
    expect(record).toMatchObject({ outcome: 'ok' });
    expect(JSON.stringify(record)).not.toContain(residentId);
  });

  it.each([
    ['before the statutory month', { firstMonth: '2020-04' }, 'firstMonth', 'before_statutory_age', 400],
    ['with a category not of his sex', { category: 'female-worker' }, 'category', 'category_sex', 400],
    ['with a malformed month', { firstMonth: '2025-13' }, 'firstMonth', 'invalid_format', 400],
    ['with an unknown field', { extra: true }, '(input)', 'unknown_field', 400],
  ])(
    'refuses an award %s, naming the field and rule, writing nothing',
    async (_, change, path, rule, status) => {
      const { residentId } = await retiree(ss);
      const before = await ss.counts();
      const r = await ss.call(
        'pensions.award',
        { residentId, category: 'male', firstMonth: '2025-01', ...change },
        officer,
      );
      expect(r.status).toBe(status);
      expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
      expect(await ss.counts()).toEqual(before);
    },
  );

  it('refuses too short a record, no card, an uninsured person and a second award', async () => {
    const short = await retiree(ss, '短期', { months: 179 });
    const before = await ss.counts();
    const r = await ss.call(
      'pensions.award',
      { residentId: short.residentId, category: 'male', firstMonth: '2025-01' },
      officer,
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'residentId', rule: 'contribution_too_short' });
    expect(await ss.counts()).toEqual(before);

    const noCard = await enrolled(ss, '无卡', { birthDate: '1960-05-17', sex: 'male' });
    const r2 = await ss.call(
      'pensions.award',
      { residentId: noCard, category: 'male', firstMonth: '2025-01' },
      officer,
    );
    expect(r2.error?.data.issues?.[0]).toMatchObject({ rule: 'contribution_too_short' });

    const { residentId } = await retiree(ss);
    await ss.db.updateTable('card').set({ status: 'lost', lost_at: new Date() }).execute();
    const r3 = await ss.call(
      'pensions.award',
      { residentId, category: 'male', firstMonth: '2025-01' },
      officer,
    );
    expect(r3.status).toBe(409);
    expect(r3.error?.data.issues?.[0]).toMatchObject({ path: 'residentId', rule: 'no_card' });

    const twice = await retiree(ss);
    const input = { residentId: twice.residentId, category: 'male', firstMonth: '2025-01' };
    const both = await Promise.all([
      ss.call('pensions.award', input, officer),
      ss.call('pensions.award', input, officer),
    ]);
    expect(both.map((b) => b.status).sort()).toEqual([200, 409]);
    expect(both.find((b) => b.status === 409)?.error?.data.issues?.[0]).toMatchObject({
      rule: 'already_awarded',
    });
  });

  it('needs a token and the permission', async () => {
    const { residentId } = await retiree(ss);
    const input = { residentId, category: 'male', firstMonth: '2025-01' };
    expect((await ss.call('pensions.award', input)).status).toBe(401);
    expect((await ss.call('pensions.award', input, await ss.token(perm.readPension))).status).toBe(403);
  });
});
