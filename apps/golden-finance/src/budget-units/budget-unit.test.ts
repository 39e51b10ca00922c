import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenFinance, creditCode, type GoldenFinanceTestApp, perm } from '../test.fixture.ts';

describe.each(databaseTargets())('budget units on $name', (target) => {
  let gf: GoldenFinanceTestApp;
  const unit = {
    code: '301001',
    name: '北京市朝阳区教育委员会',
    creditCode: creditCode(3010010),
    division: '110105',
  };
  beforeAll(async () => {
    gf = await bootGoldenFinance(target);
  });
  afterAll(() => gf.close());

  it('registers a unit and opens its zero-balance and expenditure accounts', async () => {
    const r = await gf.call('budgetUnits.register', unit, gf.as.budget);
    expect(r.status).toBe(200);
    expect(r.data).toEqual({
      code: '301001',
      name: '北京市朝阳区教育委员会',
      creditCode: unit.creditCode,
      division: { code: '110105', name: '朝阳区' },
      accounts: { zeroBalance: 'zba.301001', expenditure: 'expenditure.301001' },
    });
    const zba = await gf.call('ledger.accountBalance', { account: 'zba.301001' }, gf.as.treasury, 'query');
    expect(zba.data).toMatchObject({ type: 'asset', balanceFen: '0' });
    const got = await gf.call('budgetUnits.get', { code: '301001' }, gf.as.budget, 'query');
    expect(got.data).toEqual(r.data);
  });

  it('refuses a second unit with the same code or credit code, writing nothing', async () => {
    const before = await gf.counts();
    const sameCode = await gf.call(
      'budgetUnits.register',
      { ...unit, creditCode: creditCode(3010011) },
      gf.as.budget,
    );
    expect(sameCode.status).toBe(409);
    expect(sameCode.error?.data.issues?.[0]).toMatchObject({ path: 'code', rule: 'already_registered' });
    const sameCredit = await gf.call('budgetUnits.register', { ...unit, code: '301002' }, gf.as.budget);
    expect(sameCredit.error?.data.issues?.[0]).toMatchObject({
      path: 'creditCode',
      rule: 'already_registered',
    });
    expect(await gf.counts()).toEqual(before);
  });

  it.each([
    [
      'a credit code with a wrong check character',
      { creditCode: `${creditCode(3010012).slice(0, 17)}0` },
      'creditCode',
      'check_digit',
    ],
    [
      'a credit code of 17 characters',
      { creditCode: creditCode(3010012).slice(0, 17) },
      'creditCode',
      'length',
    ],
    ['an unknown division', { division: '110199' }, 'division', 'division'],
    ['an abolished division', { division: '110103' }, 'division', 'abolished'],
    ['a code with letters', { code: '30A001' }, 'code', 'invalid_format'],
    ['a blank name', { name: '  ' }, 'name', 'too_small'],
    ['an unknown field', { bankAccount: '1' }, '(input)', 'unknown_field'],
  ])('refuses %s with 400 naming the field and rule, writing nothing', async (_, change, path, rule) => {
    const before = await gf.counts();
    const r = await gf.call(
      'budgetUnits.register',
      { ...unit, code: '301009', creditCode: creditCode(3010019), ...change },
      gf.as.budget,
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(await gf.counts()).toEqual(before);
  });

  it('answers 404 for an unknown unit, 401 without a token, 403 without the permission', async () => {
    expect((await gf.call('budgetUnits.get', { code: '999999' }, gf.as.budget, 'query')).status).toBe(404);
    expect((await gf.call('budgetUnits.register', unit)).status).toBe(401);
    const reader = await gf.official('reader', perm.readUnit);
    expect((await gf.call('budgetUnits.register', unit, reader)).status).toBe(403);
  });
});
