import { type EventEnvelope, newEventId } from '@egov/kernel/messaging';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportVatCertified, importVatCertified } from '../events.ts';
import { bootGoldenTax, freshCreditCode, type GoldenTaxTestApp, line, perm } from '../test.fixture.ts';
import { importVatCertifiedHandler } from './customs.subscription.ts';
import type { ImportVatCertificate } from './input.service.ts';

describe.each(databaseTargets())('deductible inputs on $name', (target) => {
  let gt: GoldenTaxTestApp;
  let claimer: string;
  let seller: string;
  let buyer: string;
  let other: string;
  const issueTo = async (buyerCreditCode: string | undefined, issuedOn = '2025-03-05') =>
    (
      await gt.issue({
        sellerCreditCode: seller,
        buyer: { ...(buyerCreditCode ? { creditCode: buyerCreditCode } : {}), name: '买方' },
        lines: [line({ unitPriceFen: 1_000_000 })],
        issuedOn,
      })
    ).number as string;
  const claim = (input: Record<string, unknown>) => gt.call('inputs.recordInvoice', input, claimer);
  const deliver = (raw: ImportVatCertificate, id = newEventId()) => {
    const payload = importVatCertified.schema.parse(raw); // as the kernel's inbox does
    const envelope: EventEnvelope<ImportVatCertified> = {
      id,
      name: 'golden-customs.import-vat.certified.v1',
      payload,
      occurredAt: new Date().toISOString(),
      producer: 'golden-customs',
    };
    return gt.db.transaction().execute((trx) => importVatCertifiedHandler.handle(trx, payload, envelope));
  };
  const inputsOf = async (creditCode: string, period: string) =>
    (await gt.call('inputs.list', { creditCode, period }, await gt.token(perm.readInput), 'query')).data;

  beforeAll(async () => {
    gt = await bootGoldenTax(target);
    claimer = await gt.token(perm.recordInput);
    seller = await gt.registered();
    buyer = await gt.registered({ division: '440106' });
    other = await gt.registered({ division: '110108' });
  });
  afterAll(() => gt.close());

  it('lets a buyer claim an invoice addressed to it, once', async () => {
    const number = await issueTo(buyer);
    const r = await claim({ creditCode: buyer, number, period: '2025-04' });
    expect(r.status).toBe(200);
    expect(r.data).toEqual({
      source: 'invoice',
      reference: number,
      declarationId: null,
      taxFen: 130_000,
      period: '2025-04',
      evidenceDate: '2025-03-05',
    });
    const again = await claim({ creditCode: buyer, number, period: '2025-04' });
    expect(again.status).toBe(409);
    expect(again.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'number', rule: 'already_claimed' }),
    ]);
    expect(await inputsOf(buyer, '2025-04')).toEqual([r.data]);
  });

  it('refuses a claimed invoice to be cancelled', async () => {
    const number = await issueTo(buyer);
    await claim({ creditCode: buyer, number, period: '2025-03' });
    const r = await gt.call('invoices.void', { number, reason: '作废' }, await gt.token(perm.void));
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path: 'number', rule: 'claimed' })]);
  });

  it.each([
    [
      'an invoice addressed to someone else',
      async () => ({ creditCode: other, number: await issueTo(buyer) }),
      400,
      'number',
      'not_addressed_to_buyer',
    ],
    [
      'an invoice to a person',
      async () => ({ creditCode: buyer, number: await issueTo(undefined) }),
      400,
      'number',
      'not_addressed_to_buyer',
    ],
    [
      'an unknown invoice',
      async () => ({ creditCode: buyer, number: '25350000000000099999' }),
      404,
      'number',
      'not_found',
    ],
    [
      'an unregistered buyer',
      async () => ({ creditCode: freshCreditCode(), number: await issueTo(buyer) }),
      404,
      'creditCode',
      'not_registered',
    ],
    [
      'a period before the invoice',
      async () => ({ creditCode: buyer, number: await issueTo(buyer), period: '2025-02' }),
      400,
      'period',
      'before_issue',
    ],
    [
      'a period not yet begun',
      async () => ({ creditCode: buyer, number: await issueTo(buyer), period: '2099-01' }),
      400,
      'period',
      'in_future',
    ],
    [
      'a malformed period',
      async () => ({ creditCode: buyer, number: await issueTo(buyer), period: '2025-3' }),
      400,
      'period',
      'format',
    ],
  ])('refuses %s, writing nothing', async (_, make, status, path, rule) => {
    const input = { period: '2025-03', ...(await make()) };
    const before = await gt.counts();
    const r = await claim(input);
    expect(r.status).toBe(status);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(await gt.counts()).toEqual(before);
  });

  it('refuses claims by small-scale taxpayers, and of cancelled invoices', async () => {
    const cafe = await gt.registered({ kind: 'small-scale', division: '310101' });
    const toCafe = await issueTo(cafe);
    expect((await claim({ creditCode: cafe, number: toCafe, period: '2025-03' })).error?.data.issues).toEqual(
      [expect.objectContaining({ path: 'creditCode', rule: 'not_general_taxpayer' })],
    );
    const voided = await issueTo(buyer);
    await gt.must('invoices.void', { number: voided, reason: '开错了' });
    expect(
      (await claim({ creditCode: buyer, number: voided, period: '2025-03' })).error?.data.issues,
    ).toEqual([expect.objectContaining({ path: 'number', rule: 'voided' })]);
  });

  describe('customs import-VAT certificates (golden-customs.import-vat.certified.v1)', () => {
    const certificate = (change: Partial<ImportVatCertificate> = {}): ImportVatCertificate => ({
      certificateNo: '440120250000123456',
      declarationId: '530120251000012345',
      importerCreditCode: buyer,
      vatFen: 1_588_889,
      paidOn: '2025-05-20',
      ...change,
    });

    it('records the certificate as the importer’s input of the month paid, once however often it arrives', async () => {
      await deliver(certificate());
      await deliver(certificate()); // redelivered under a new event id: same certificate
      expect(await inputsOf(buyer, '2025-05')).toEqual([
        {
          source: 'customs',
          reference: '440120250000123456',
          declarationId: '530120251000012345',
          taxFen: 1_588_889,
          period: '2025-05',
          evidenceDate: '2025-05-20',
        },
      ]);
    });

    it('refuses the same certificate number with other figures (it goes to the dead letters)', async () => {
      await expect(deliver(certificate({ vatFen: 1 }))).rejects.toThrow(/arrived again with other figures/);
      const rows = await gt.db
        .selectFrom('input_credit')
        .select('tax_fen')
        .where('certificate_no', '=', '440120250000123456')
        .execute();
      expect(rows).toHaveLength(1);
    });

    it('keeps a certificate of an importer not registered here, under its credit code', async () => {
      const stranger = freshCreditCode('330100');
      await deliver(certificate({ certificateNo: 'C-STRANGER-1', importerCreditCode: stranger }));
      const rows = await gt.db
        .selectFrom('input_credit')
        .select(['credit_code', 'period'])
        .where('certificate_no', '=', 'C-STRANGER-1')
        .execute();
      expect(rows).toEqual([{ credit_code: stranger, period: '2025-05' }]);
    });

    it('moves a certificate for a month already filed to the first month still open', async () => {
      const importer = await gt.registered({ division: '440106' });
      await gt.must('returns.file', { creditCode: importer, period: '2025-06' });
      await gt.must('returns.file', { creditCode: importer, period: '2025-07' });
      await deliver(
        certificate({ certificateNo: 'C-LATE-1', importerCreditCode: importer, paidOn: '2025-06-30' }),
      );
      expect(await inputsOf(importer, '2025-08')).toEqual([
        expect.objectContaining({ reference: 'C-LATE-1', evidenceDate: '2025-06-30' }),
      ]);
    });
  });
});
