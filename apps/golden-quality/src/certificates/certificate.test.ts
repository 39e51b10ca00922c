import { chinaDate } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenQuality, enterprise, type GoldenQualityTestApp, perm } from '../test.fixture.ts';
import { validUntil } from './certificate.rules.ts';

describe.each(databaseTargets())('CCC certification on $name', (target) => {
  let gq: GoldenQualityTestApp;
  let holder: string;
  let officer: ReturnType<GoldenQualityTestApp['client']>;
  beforeAll(async () => {
    gq = await bootGoldenQuality(target);
    officer = gq.client(
      await gq.token(perm.register, perm.apply, perm.assess, perm.readCertificate, perm.check),
    );
    holder = (await officer.entities.register.mutate(enterprise(gq.shield))).creditCode;
  });
  afterAll(() => gq?.close());

  const product = (commodityCode = '8504405000') => ({
    holderCreditCode: holder,
    productName: '电动自行车充电器',
    model: `CH-48V-${Math.random().toString(36).slice(2, 6)}`,
    commodityCode,
  });
  const certify = async (commodityCode = '8504405000') => {
    const applied = await officer.certificates.applyFor.mutate(product(commodityCode));
    for (const step of ['documents_reviewed', 'type_tested', 'factory_inspected'] as const)
      await officer.certificates.assess.mutate({
        number: applied.number,
        step,
        result: 'pass',
        note: `${step} 合格`,
      });
    return officer.certificates.get.query({ number: applied.number });
  };

  it('takes an application through review, type test and factory inspection to a certificate valid five years', async () => {
    const applied = await officer.certificates.applyFor.mutate(product());
    expect(applied).toMatchObject({
      stage: 'applied',
      validity: 'not_issued',
      number: expect.stringMatching(/^CCC-\d{4}-\d{8}$/),
    });
    const issued = await certify();
    const today = chinaDate(new Date());
    expect(issued).toMatchObject({
      stage: 'valid',
      validity: 'valid',
      validFrom: today,
      validUntil: validUntil(today),
    });
    expect(
      await officer.certificates.check.query({ holderCreditCode: holder, commodityCode: '8504405000' }),
    ).toMatchObject({
      validity: 'valid',
    });
  });

  it('refuses a step out of order (409) and changes nothing; a failed step refuses the application', async () => {
    const applied = await officer.certificates.applyFor.mutate(product('8516500000'));
    const before = await gq.counts();
    const r = await gq.call(
      'certificates.assess',
      { number: applied.number, step: 'factory_inspected', result: 'pass', note: '跳步' },
      await gq.token(perm.assess),
    );
    expect(r.status).toBe(409);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'step', rule: 'out_of_order' });
    expect(await gq.counts()).toEqual(before);
    const refused = await officer.certificates.assess.mutate({
      number: applied.number,
      step: 'documents_reviewed',
      result: 'fail',
      note: '技术文件不全',
    });
    expect(refused).toMatchObject({ stage: 'refused', validity: 'refused' });
    expect(
      await officer.certificates.check.query({ holderCreditCode: holder, commodityCode: '8516500000' }),
    ).toMatchObject({
      validity: 'refused',
    });
  });

  it('suspends a certificate whose follow-up fails, and lifts it on a passed one', async () => {
    const cert = await certify('8528591000');
    const today = chinaDate(new Date());
    const failed = await officer.certificates.followUp.mutate({
      number: cert.number,
      inspectedOn: today,
      result: 'fail',
      findings: '关键元器件变更未申报',
    });
    expect(failed).toMatchObject({ stage: 'suspended', validity: 'suspended' });
    expect(
      await officer.certificates.check.query({ holderCreditCode: holder, commodityCode: '8528591000' }),
    ).toMatchObject({
      validity: 'suspended',
      certificateNo: cert.number,
    });
    const again = await gq.call(
      'certificates.followUp',
      { number: cert.number, inspectedOn: today, result: 'pass', findings: '整改完成' },
      await gq.token(perm.assess),
    );
    expect(again.status).toBe(409);
    expect(again.error?.data.issues?.[0]).toMatchObject({ path: 'inspectedOn', rule: 'duplicate' });
  });

  it('answers expired for a certificate past its five years', async () => {
    const cert = await certify('8509400000');
    await gq.db
      .updateTable('ccc_certificate')
      .set({ valid_from: '2018-01-01', valid_until: validUntil('2018-01-01') })
      .where('commodity_code', '=', '8509400000')
      .execute();
    expect((await officer.certificates.get.query({ number: cert.number })).validity).toBe('expired');
    expect(
      await officer.certificates.check.query({ holderCreditCode: holder, commodityCode: '8509400000' }),
    ).toEqual({
      validity: 'expired',
      certificateNo: cert.number,
      validUntil: '2022-12-31',
    });
    expect(
      await officer.certificates.check.query({ holderCreditCode: holder, commodityCode: '9503008900' }),
    ).toEqual({
      validity: 'none',
      certificateNo: null,
      validUntil: null,
    });
  });

  it('finds certificates by product and by holder', async () => {
    const byProduct = await officer.certificates.search.query({ product: '充电器' });
    expect(byProduct.length).toBeGreaterThan(0);
    expect(byProduct.every((c) => c.productName.includes('充电器'))).toBe(true);
    const byHolder = await officer.certificates.search.query({ holderCreditCode: holder });
    expect(byHolder.every((c) => c.holderCreditCode === holder)).toBe(true);
  });

  it.each([
    ['commodityCode', { commodityCode: '85044' }, undefined],
    ['holderCreditCode', { holderCreditCode: '91350100M000100Y43' }, 'not_registered'],
    ['holderCreditCode', { holderCreditCode: '91350100M000100Y44' }, 'check_digit'],
    ['(input)', { extra: 1 }, 'unknown_field'],
  ])(
    'refuses a bad %s with 400 naming the field and the rule, writing nothing',
    async (path, patch, rule) => {
      const before = await gq.counts();
      const r = await gq.call(
        'certificates.applyFor',
        { ...product(), ...patch },
        await gq.token(perm.apply),
      );
      expect(r.status).toBe(400);
      expect(r.error?.data.issues?.[0]).toMatchObject({ path, ...(rule ? { rule } : {}) });
      expect(await gq.counts()).toEqual(before);
    },
  );

  it('refuses a follow-up dated in the future', async () => {
    const cert = await certify('8418102000');
    const r = await gq.call(
      'certificates.followUp',
      { number: cert.number, inspectedOn: '2099-01-01', result: 'pass', findings: '未来' },
      await gq.token(perm.assess),
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'inspectedOn' });
  });
});
