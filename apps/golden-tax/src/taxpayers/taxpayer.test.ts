import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenTax, freshCreditCode, type GoldenTaxTestApp, perm } from '../test.fixture.ts';

const wrongCheckDigit = (code: string) => code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');

describe.each(databaseTargets())('taxpayers on $name', (target) => {
  let gt: GoldenTaxTestApp;
  let registrar: string;
  const creditCode = freshCreditCode('350100');
  const registration = {
    creditCode,
    name: ' 福州闽江机械制造有限公司 ',
    kind: 'general',
    division: '350102',
    industry: 'C3421',
  };
  beforeAll(async () => {
    gt = await bootGoldenTax(target);
    registrar = await gt.token(perm.register);
  });
  afterAll(() => gt.close());

  it('registers a taxpayer by a valid credit code with the default quota of its kind', async () => {
    const r = await gt.call('taxpayers.register', registration, registrar);
    expect(r.status).toBe(200);
    expect(r.data).toEqual({
      creditCode,
      name: '福州闽江机械制造有限公司',
      kind: 'general',
      division: { code: '350102', name: '鼓楼区' },
      industry: 'C3421',
      monthlyQuotaFen: 1_000_000_000,
    });
    const cafe = await gt.call(
      'taxpayers.register',
      { creditCode: freshCreditCode('310100'), name: '晨光咖啡馆', kind: 'small-scale', division: '310101' },
      registrar,
    );
    expect(cafe.data).toMatchObject({ kind: 'small-scale', industry: null, monthlyQuotaFen: 50_000_000 });
    const read = await gt.call('taxpayers.get', { creditCode }, await gt.token(perm.readTaxpayer), 'query');
    expect(read.data).toMatchObject({ creditCode, kind: 'general' });
  });

  it('refuses a second registration of the same credit code with 409, writing nothing', async () => {
    const before = await gt.counts();
    const r = await gt.call('taxpayers.register', { ...registration, name: '另一家' }, registrar);
    expect(r.status).toBe(409);
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'creditCode', rule: 'already_registered' }),
    ]);
    expect(await gt.counts()).toEqual(before);
  });

  it('refuses one of two parallel registrations of a new code', async () => {
    const input = { ...registration, creditCode: freshCreditCode('350100') };
    const both = await Promise.all([
      gt.call('taxpayers.register', input, registrar),
      gt.call('taxpayers.register', input, registrar),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it.each([
    ['a wrong check digit', { creditCode: wrongCheckDigit(creditCode) }, 'creditCode', 'check_digit'],
    ['a short code', { creditCode: creditCode.slice(0, 17) }, 'creditCode', 'length'],
    ['a forbidden letter', { creditCode: `${creditCode.slice(0, 17)}I` }, 'creditCode', 'format'],
    ['an unknown authority', { creditCode: `Z${creditCode.slice(1)}` }, 'creditCode', 'format'],
    [
      'a broken organisation code',
      { creditCode: `${creditCode.slice(0, 16)}${creditCode[16] === '0' ? '1' : '0'}${creditCode[17]}` },
      'creditCode',
      'organisation_code',
    ],
    ['an unknown division', { division: '350199' }, 'division', 'division'],
    ['a prefecture, not a county', { division: '350100' }, 'division', 'not_county'],
    ['an abolished division', { division: '110103' }, 'division', 'abolished'],
    ['an unknown kind', { kind: 'large' }, 'kind', 'invalid_value'],
    ['a malformed industry', { industry: 'C34211' }, 'industry', 'format'],
    ['a blank name', { name: '  ' }, 'name', 'too_small'],
    ['an unknown field', { quota: 1 }, '(input)', 'unknown_field'],
  ])('refuses %s with 400 naming the field and rule, writing nothing', async (_, change, path, rule) => {
    const before = await gt.counts();
    const r = await gt.call('taxpayers.register', { ...registration, ...change }, registrar);
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(await gt.counts()).toEqual(before);
  });

  it('sets a risk-based quota', async () => {
    const r = await gt.call(
      'taxpayers.setQuota',
      { creditCode, monthlyQuotaFen: 123_00 },
      await gt.token(perm.setQuota),
    );
    expect(r.data).toMatchObject({ monthlyQuotaFen: 12_300 });
    const unknown = await gt.call(
      'taxpayers.setQuota',
      { creditCode: freshCreditCode(), monthlyQuotaFen: 1 },
      await gt.token(perm.setQuota),
    );
    expect(unknown.status).toBe(404);
  });

  it('needs a token (401) and the permission (403)', async () => {
    expect((await gt.call('taxpayers.register', registration)).status).toBe(401);
    expect(
      (await gt.call('taxpayers.register', registration, await gt.token(perm.readTaxpayer))).status,
    ).toBe(403);
  });
});
