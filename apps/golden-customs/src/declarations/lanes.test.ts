import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenCustoms, freshCreditCode, type GoldenCustomsTestApp, perm } from '../test.fixture.ts';

const soy = {
  commodityCode: '1201900000',
  description: '大豆',
  quantity: '1000',
  unit: 'kg',
  value: '5000.00',
  currency: 'CNY',
  incoterm: 'CIF',
};
const laptops = (change: Record<string, unknown> = {}) => ({
  commodityCode: '8471300000',
  description: '笔记本电脑',
  quantity: '10',
  unit: 'unit',
  value: '30000.00',
  currency: 'CNY',
  incoterm: 'CIF',
  ...change,
});

describe.each(databaseTargets())('lanes and the importer register on $name', (target) => {
  let cs: GoldenCustomsTestApp;
  beforeAll(async () => {
    cs = await bootGoldenCustoms(target);
  });
  afterAll(() => cs.close());

  const lane = async (importerCreditCode: string, lines: unknown[]) => {
    const d = await cs.submit({ importerCreditCode, lines });
    return [d.lane, d.laneReasons.map((r) => `${r.rule}${r.lineNo ? `@${r.lineNo}` : ''}`)];
  };

  it('sends a first declaration yellow and the next one green', async () => {
    const importer = freshCreditCode();
    expect(await lane(importer, [soy])).toEqual(['yellow', ['first-time-importer']]);
    expect(await lane(importer, [soy])).toEqual(['green', []]);
  });

  it('sends an AEO advanced importer blue once it is known; a general one stays green', async () => {
    const token = await cs.token(perm.registerImporter, perm.readImporter);
    const advanced = freshCreditCode();
    const general = freshCreditCode();
    const r = await cs.call(
      'importers.register',
      { creditCode: advanced, name: '测试高级认证企业', aeoClass: 'advanced' },
      token,
    );
    expect(r.data).toMatchObject({ creditCode: advanced, aeoClass: 'advanced' });
    await cs.call(
      'importers.register',
      { creditCode: general, name: '测试一般认证企业', aeoClass: 'general' },
      token,
    );
    expect(await lane(advanced, [soy])).toEqual(['yellow', ['first-time-importer', 'aeo-advanced']]);
    expect(await lane(advanced, [soy])).toEqual(['blue', ['aeo-advanced']]);
    await lane(general, [soy]);
    expect(await lane(general, [soy])).toEqual(['green', []]);
    const got = await cs.call('importers.get', { creditCode: general }, token, 'query');
    expect(got.data).toMatchObject({ name: '测试一般认证企业', aeoClass: 'general' });
  });

  it('sends CCC goods without a certificate red, and undervalued goods red', async () => {
    const importer = freshCreditCode();
    await lane(importer, [soy]);
    expect(await lane(importer, [soy, laptops()])).toEqual(['red', ['ccc-certificate-missing@2']]);
    expect(await lane(importer, [laptops({ cccCertificateNo: '2024010901234567' })])).toEqual(['green', []]);
    // Reference 2,000 yuan per laptop: 10 at 9,999.99 yuan are under half of it.
    expect(
      await lane(importer, [laptops({ cccCertificateNo: '2024010901234567', value: '9999.99' })]),
    ).toEqual(['red', ['undervalued@1']]);
  });

  it('refuses to register an importer twice, writing nothing', async () => {
    const token = await cs.token(perm.registerImporter);
    const importer = { creditCode: freshCreditCode(), name: '重复登记公司' };
    expect((await cs.call('importers.register', importer, token)).data).toMatchObject({ aeoClass: null });
    const before = await cs.counts();
    const again = await cs.call('importers.register', { ...importer, aeoClass: 'advanced' }, token);
    expect(again.status).toBe(409);
    expect(again.error?.data.issues?.[0]).toMatchObject({ path: 'creditCode', rule: 'already_registered' });
    expect(await cs.counts()).toEqual(before);
    expect((await cs.call('importers.register', { ...importer, aeoClass: 'gold' }, token)).status).toBe(400);
  });

  it('answers tariff lookups', async () => {
    const token = await cs.token(perm.tariff);
    const wine = await cs.call('tariff.get', { commodityCode: '2204210000' }, token, 'query');
    expect(wine.data).toMatchObject({
      mfnDuty: '0.14',
      consumptionTax: '0.10',
      vat: '0.13',
      validFrom: '2024-01-01',
    });
    const none = await cs.call('tariff.get', { commodityCode: '9999999999' }, token, 'query');
    expect(none.status).toBe(404);
    expect(none.error?.data.issues?.[0]).toMatchObject({ path: 'commodityCode', rule: 'unknown_commodity' });
  });
});
