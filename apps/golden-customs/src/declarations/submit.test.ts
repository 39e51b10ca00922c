import { chinaDate, issueCreditCode } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customsRate } from '../currency/exchange.rules.ts';
import {
  bootGoldenCustoms,
  freshCreditCode,
  type GoldenCustomsTestApp,
  perm,
  workedExampleLine,
} from '../test.fixture.ts';
import type { DeclarationViewData } from './declaration.view.ts';

/** Half-up rounding of num/den for non-negative integers, independent of the code under test. */
const halfUp = (num: bigint, den: bigint) => Number((num * 2n + den) / (den * 2n));

describe.each(databaseTargets())('declarations.submit on $name', (target) => {
  let cs: GoldenCustomsTestApp;
  let declarant: string;
  const declare = (lines: unknown[], extra: Record<string, unknown> = {}) => ({
    importerCreditCode: freshCreditCode(),
    lines,
    ...extra,
  });
  beforeAll(async () => {
    cs = await bootGoldenCustoms(target);
    declarant = await cs.token(perm.submit, perm.read);
  });
  afterAll(() => cs.close());

  it('assesses the DOMAIN.md worked example end to end, numbers it, and publishes the submission', async () => {
    const importer = freshCreditCode();
    const r = await cs.call(
      'declarations.submit',
      { importerCreditCode: importer, lines: [workedExampleLine] },
      declarant,
    );
    expect(r.status).toBe(200);
    const d = r.data as DeclarationViewData;
    expect(d.totals).toEqual({
      customsValueFen: 10_000_000,
      dutyFen: 1_000_000,
      consumptionTaxFen: 1_222_222,
      vatFen: 1_588_889,
      totalFen: 3_811_111,
    });
    expect(d.lines[0]).toMatchObject({
      lineNo: 1,
      commodityCode: '8903320000',
      value: '100000.00',
      exchangeRate: { cny: '1', per: 1 },
      dutyRate: '0.10',
      consumptionTaxRate: '0.10',
      vatRate: '0.13',
      insuranceDerived: false,
    });
    expect(d).toMatchObject({
      status: 'submitted',
      lane: 'yellow',
      importerCreditCode: importer,
      receipts: [],
    });
    expect(d.declarationNo).toMatch(new RegExp(`^2200${chinaDate(new Date()).slice(0, 4)}1\\d{9}$`));
    const got = await cs.call('declarations.get', { declarationId: d.id }, declarant, 'query');
    expect(got.data).toEqual(d);
    const [event] = (await cs.events('golden-customs.declaration.submitted.v1')).filter(
      (e) => e.payload.declarationId === d.id,
    );
    expect(event).toEqual({
      name: 'golden-customs.declaration.submitted.v1',
      producer: 'golden-customs',
      payload: {
        declarationId: d.id,
        declarationNo: d.declarationNo,
        importerCreditCode: importer,
        lane: 'yellow',
        ...d.totals,
        submittedAt: d.submittedAt,
      },
    });
  });

  it('converts at the declared rate exactly, per unit or per 100, from a decimal or minor units', async () => {
    const usd = (value: Record<string, unknown>) => ({
      commodityCode: '1201900000',
      description: '大豆',
      quantity: '1000',
      unit: 'kg',
      currency: 'USD',
      incoterm: 'CIF',
      ...value,
    });
    const d = await cs.submit(
      declare([usd({ value: '12345.67' }), usd({ valueMinor: 1_234_567 })], {
        exchangeRates: [{ currency: 'USD', cny: '7.1094' }],
      }),
    );
    const expected = halfUp(1_234_567n * 71_094n, 10_000n);
    expect(d.lines.map((l) => [l.value, l.customsValueFen, l.exchangeRate])).toEqual([
      ['12345.67', expected, { cny: '7.1094', per: 1, source: 'declared', month: null }],
      ['12345.67', expected, { cny: '7.1094', per: 1, source: 'declared', month: null }],
    ]);
    // Soybeans: 3% duty, 9% VAT.
    expect(d.lines[0]).toMatchObject({ dutyFen: halfUp(BigInt(expected) * 3n, 100n) });

    const yen = await cs.submit(
      declare(
        [
          {
            commodityCode: '8517130000',
            description: '手机',
            quantity: 10,
            unit: 'unit',
            valueMinor: 960_001,
            currency: 'JPY',
            incoterm: 'CIF',
            cccCertificateNo: '2024011606000123',
          },
        ],
        { exchangeRates: [{ currency: 'JPY', cny: '4.7918', per: 100 }] },
      ),
    );
    // 960,001 yen × 4.7918 / 100 yuan = 4,600,132.79... fen × 100.
    expect(yen.lines[0]).toMatchObject({
      value: '960001',
      customsValueFen: halfUp(960_001n * 47_918n, 10_000n),
    });
  });

  it('takes the monthly customs rate when none is stated, and refuses a currency that has none', async () => {
    const line = {
      commodityCode: '1201900000',
      description: '大豆',
      quantity: '1',
      unit: 'kg',
      value: '100.00',
      incoterm: 'CIF',
    };
    const monthly = customsRate('USD', chinaDate(new Date()));
    const r = await cs.call('declarations.submit', declare([{ ...line, currency: 'USD' }]), declarant);
    if (monthly) {
      expect((r.data as DeclarationViewData).lines[0]?.exchangeRate).toEqual({
        cny: monthly.cny,
        per: 1,
        source: 'customs',
        month: monthly.month,
      });
    } else {
      expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'lines.0.currency', rule: 'no_exchange_rate' });
    }
    const before = await cs.counts();
    const baht = await cs.call(
      'declarations.submit',
      declare([line, { ...line, currency: 'THB' }].map((l) => ({ currency: 'CNY', ...l }))),
      declarant,
    );
    expect(baht.status).toBe(400);
    expect(baht.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'lines.1.currency', rule: 'no_exchange_rate' }),
    ]);
    expect(await cs.counts()).toEqual(before);
  });

  it('values FOB plus freight plus insurance, and CFR plus insurance, at 3‰ when none is stated', async () => {
    const wine = {
      commodityCode: '2204210000',
      description: '葡萄酒',
      quantity: '750',
      unit: 'L',
      currency: 'EUR',
    };
    const d = await cs.submit(
      declare(
        [
          { ...wine, incoterm: 'FOB', value: '10000.00', freight: '500.00' },
          { ...wine, incoterm: 'FOB', value: '10000.00', freight: '500.00', insurance: '40.00' },
          { ...wine, incoterm: 'CFR', value: '2000.00' },
          { ...wine, incoterm: 'CFR', value: '2000.00', insurance: '1.00' },
        ],
        { exchangeRates: [{ currency: 'EUR', cny: '8' }] },
      ),
    );
    expect(
      d.lines.map((l) => [l.incoterm, l.customsValueFen, l.insuranceDerived, l.freight, l.insurance]),
    ).toEqual([
      ['FOB', 8_425_200, true, '500.00', null], // 10,531.50 × 8
      ['FOB', 8_432_000, false, '500.00', '40.00'], // 10,540.00 × 8
      ['CFR', 1_604_800, true, null, null], // 2,006.00 × 8
      ['CFR', 1_600_800, false, null, '1.00'], // 2,001.00 × 8
    ]);
    expect(d.totals.customsValueFen).toBe(8_425_200 + 8_432_000 + 1_604_800 + 1_600_800);
  });

  const line = {
    commodityCode: '1201900000',
    description: '大豆',
    quantity: '1000',
    unit: 'kg',
    value: '5000.00',
    currency: 'CNY',
    incoterm: 'CIF',
  };
  const badCode = `${freshCreditCode().slice(0, 17)}0`;
  it.each([
    [
      'an unknown commodity code',
      { lines: [{ ...line, commodityCode: '9999999999' }] },
      'lines.0.commodityCode',
      'unknown_commodity',
    ],
    [
      'a commodity code of 8 digits',
      { lines: [{ ...line, commodityCode: '12019000' }] },
      'lines.0.commodityCode',
      'format',
    ],
    ['a currency outside ISO 4217', { lines: [{ ...line, currency: 'ABC' }] }, 'lines.0.currency', 'iso4217'],
    ['a lowercase currency code', { lines: [{ ...line, currency: 'usd' }] }, 'lines.0.currency', 'iso4217'],
    ['a withdrawn currency (HRK)', { lines: [{ ...line, currency: 'HRK' }] }, 'lines.0.currency', 'iso4217'],
    ['gold as a currency', { lines: [{ ...line, currency: 'XAU' }] }, 'lines.0.currency', 'not_a_currency'],
    ['a negative value', { lines: [{ ...line, value: '-5000.00' }] }, 'lines.0.value', 'negative'],
    ['a non-numeric value', { lines: [{ ...line, value: 'five thousand' }] }, 'lines.0.value', 'decimal'],
    ['a value in exponent form', { lines: [{ ...line, value: '5e3' }] }, 'lines.0.value', 'decimal'],
    ['a value as a number', { lines: [{ ...line, value: 5000 }] }, 'lines.0.value', 'type'],
    ['a zero value', { lines: [{ ...line, value: '0.00' }] }, 'lines.0.value', 'positive'],
    [
      'fractions of a yen',
      {
        lines: [{ ...line, currency: 'JPY', value: '100.5' }],
        exchangeRates: [{ currency: 'JPY', cny: '4.79', per: 100 }],
      },
      'lines.0.value',
      'minor_unit',
    ],
    [
      'a negative valueMinor',
      { lines: [{ ...line, value: undefined, valueMinor: -1 }] },
      'lines.0.valueMinor',
      'negative',
    ],
    [
      'a fractional valueMinor',
      { lines: [{ ...line, value: undefined, valueMinor: 1.5 }] },
      'lines.0.valueMinor',
      'integer',
    ],
    [
      'both value and valueMinor',
      { lines: [{ ...line, valueMinor: 500_000 }] },
      'lines.0.valueMinor',
      'one_of',
    ],
    ['neither value nor valueMinor', { lines: [{ ...line, value: undefined }] }, 'lines.0.value', 'required'],
    ['a negative quantity', { lines: [{ ...line, quantity: '-1' }] }, 'lines.0.quantity', 'negative'],
    ['a non-numeric quantity', { lines: [{ ...line, quantity: 'lots' }] }, 'lines.0.quantity', 'decimal'],
    ['a zero quantity', { lines: [{ ...line, quantity: 0 }] }, 'lines.0.quantity', 'positive'],
    ['a unit other than the legal one', { lines: [{ ...line, unit: 'ton' }] }, 'lines.0.unit', 'legal_unit'],
    ['FOB without freight', { lines: [{ ...line, incoterm: 'FOB' }] }, 'lines.0.freight', 'required'],
    [
      'freight on a CIF price',
      { lines: [{ ...line, freight: '10.00' }] },
      'lines.0.freight',
      'not_applicable',
    ],
    [
      'insurance on a CIF price',
      { lines: [{ ...line, insurance: '10.00' }] },
      'lines.0.insurance',
      'not_applicable',
    ],
    [
      'negative freight',
      { lines: [{ ...line, incoterm: 'FOB', freight: '-10.00' }] },
      'lines.0.freight',
      'negative',
    ],
    ['an unknown incoterm', { lines: [{ ...line, incoterm: 'EXW' }] }, 'lines.0.incoterm', 'invalid_value'],
    ['a bad credit code', { importerCreditCode: badCode }, 'importerCreditCode', 'check_digit'],
    ['no lines', { lines: [] }, 'lines', 'too_small'],
    [
      'a negative exchange rate',
      { lines: [{ ...line, currency: 'USD' }], exchangeRates: [{ currency: 'USD', cny: '-7.1' }] },
      'exchangeRates.0.cny',
      'negative',
    ],
    [
      'a rate stated twice',
      {
        lines: [{ ...line, currency: 'USD' }],
        exchangeRates: [
          { currency: 'USD', cny: '7.1' },
          { currency: 'USD', cny: '7.2' },
        ],
      },
      'exchangeRates.1.currency',
      'duplicate',
    ],
    [
      'a rate no line uses',
      { exchangeRates: [{ currency: 'USD', cny: '7.1' }] },
      'exchangeRates.0.currency',
      'unused',
    ],
    [
      'a rate for yuan',
      { exchangeRates: [{ currency: 'CNY', cny: '1' }] },
      'exchangeRates.0.currency',
      'not_applicable',
    ],
    ['an unknown field', { lines: [{ ...line, hsCode: '1201' }] }, 'lines.0', 'unknown_field'],
  ])('refuses %s with 400 naming the field and rule, writing nothing', async (_, change, path, rule) => {
    const before = await cs.counts();
    const r = await cs.call(
      'declarations.submit',
      { importerCreditCode: freshCreditCode(), lines: [line], ...change },
      declarant,
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(await cs.counts()).toEqual(before);
  });

  it('refuses a declaration whose importer is not registered with customs, naming the field, writing nothing', async () => {
    const unregistered = issueCreditCode({ division: '350203', organisationBody: 'U0000001' });
    const before = await cs.counts();
    const r = await cs.call(
      'declarations.submit',
      { importerCreditCode: unregistered, lines: [workedExampleLine] },
      declarant,
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'importerCreditCode', rule: 'not_registered' }),
    ]);
    expect(r.error?.message).toContain(unregistered);
    expect(await cs.counts()).toEqual(before);
  });

  it('refuses a second declaration under the same declarant reference, writing nothing', async () => {
    const input = declare([line], { declarantReference: 'PO-2026-0001' });
    const first = await cs.submit(input);
    const before = await cs.counts();
    const again = await cs.call('declarations.submit', input, declarant);
    expect(again.status).toBe(409);
    expect(again.error?.data.issues?.[0]).toMatchObject({
      path: 'declarantReference',
      rule: 'duplicate_reference',
    });
    expect(again.error?.message).toContain(first.declarationNo);
    expect(await cs.counts()).toEqual(before);
  });

  it('gives parallel submissions distinct consecutive numbers', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => cs.submit(declare([line]))));
    const serials = results.map((d) => Number(d.declarationNo.slice(9))).sort((a, b) => a - b);
    expect(serials).toEqual(serials.map((_, i) => serials[0]! + i));
  });

  it('needs a token (401) and the permission (403)', async () => {
    expect((await cs.call('declarations.submit', declare([line]))).status).toBe(401);
    expect((await cs.call('declarations.submit', declare([line]), await cs.token(perm.read))).status).toBe(
      403,
    );
    expect(
      (await cs.call('declarations.get', { declarationId: crypto.randomUUID() }, declarant, 'query')).status,
    ).toBe(404);
  });
});
