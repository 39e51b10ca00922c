import { defineAgencyApp } from '@egov/kernel/app';
import { kernelTRPC } from '@egov/kernel/trpc';
import { databaseTargets } from '@egov/testing';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootGoldenCustoms,
  fakeTreasury,
  freshCreditCode,
  type GoldenCustomsTestApp,
  perm,
  type StandIn,
  standIn,
  workedExampleLine,
} from '../test.fixture.ts';
import type { DeclarationViewData } from './declaration.view.ts';

const soy = {
  commodityCode: '1201900000',
  description: '大豆',
  quantity: '1000',
  unit: 'kg',
  value: '5000.00',
  currency: 'CNY',
  incoterm: 'CIF',
};
const laptops = {
  commodityCode: '8471300000',
  description: '笔记本电脑',
  quantity: '10',
  unit: 'unit',
  value: '30000.00',
  currency: 'CNY',
  incoterm: 'CIF',
};

/**
 * A stand-in for golden-quality's `certificates.check` (apps may not import each other's code):
 * the importers holding a certificate per commodity and its validity, and what it was asked.
 */
function fakeQuality() {
  const certificates = new Map<string, 'valid' | 'suspended' | 'expired'>();
  const asked: string[] = [];
  const { appRouter, router, procedure } = kernelTRPC<unknown>();
  const definition = defineAgencyApp({
    name: 'golden-quality',
    zone: 'internal',
    migrations: {},
    router: appRouter({
      certificates: router({
        check: procedure
          .requires('golden-quality.certificate.check')
          .input(z.strictObject({ holderCreditCode: z.string(), commodityCode: z.string() }))
          .output(z.object({ validity: z.string(), certificateNo: z.string().nullable(), validUntil: z.string().nullable() }))
          .query(({ input }) => {
            const key = `${input.holderCreditCode}/${input.commodityCode}`;
            asked.push(key);
            const validity = certificates.get(key);
            return validity
              ? { validity, certificateNo: 'CCC-2026-00000001', validUntil: '2031-01-01' }
              : { validity: 'none', certificateNo: null, validUntil: null };
          }),
      }),
    }),
  });
  return { definition, certificates, asked };
}

describe.each(databaseTargets())('inspections and release on $name', (target) => {
  let cs: GoldenCustomsTestApp;
  let quality: ReturnType<typeof fakeQuality>;
  let qualityApp: StandIn;
  let officer: string;
  /** A declaration of a known (not first-time) importer, so its lane is the lines'. */
  const declared = async (lines: unknown[], firstTime = false) => {
    const importerCreditCode = freshCreditCode();
    if (!firstTime) await cs.submit({ importerCreditCode, lines: [soy] });
    return cs.submit({ importerCreditCode, lines });
  };
  const release = (d: { id: string }) => cs.call('declarations.release', { declarationId: d.id }, officer);
  const inspect = (d: { id: string }, result: 'pass' | 'fail', notes = '开箱查验') =>
    cs.call('inspections.record', { declarationId: d.id, result, notes }, officer);
  const refusedWith = async (
    call: Promise<{ status: number; error?: { data: { issues?: unknown[] } } }>,
    status: number,
    rule: string,
  ) => {
    const before = await cs.counts();
    const r = await call;
    expect(r.status).toBe(status);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'declarationId', rule });
    expect(await cs.counts()).toEqual(before);
  };
  beforeAll(async () => {
    cs = await bootGoldenCustoms(target);
    officer = await cs.token(perm.release, perm.inspect, perm.read);
    quality = fakeQuality();
    qualityApp = await standIn(cs, quality.definition as never, target, ['golden-quality.certificate.check']);
  });
  afterAll(async () => {
    await qualityApp?.close();
    await cs.close();
  });

  it('releases a paid green declaration and certifies its import VAT for golden-tax', async () => {
    const d = await declared([workedExampleLine]);
    expect(d.lane).toBe('green');
    await refusedWith(release(d), 409, 'not_paid');
    const paid = await cs.pay(d.id);
    const r = await release(d);
    expect(r.status).toBe(200);
    const released = r.data as DeclarationViewData;
    expect(released).toMatchObject({
      status: 'released',
      vatCertificateNo: `${d.declarationNo}-import-vat`,
      receipts: paid.declaration.receipts.map((x) => expect.objectContaining({ receiptId: x.receiptId })),
    });
    const [event] = (await cs.events('golden-customs.declaration.released.v1')).filter(
      (e) => e.payload.declarationId === d.id,
    );
    expect(event?.payload).toEqual({
      declarationId: d.id,
      declarationNo: d.declarationNo,
      importerCreditCode: d.importerCreditCode,
      lane: 'green',
      releasedAt: released.releasedAt,
    });
    const certificates = (await cs.events('golden-customs.import-vat.certified.v1')).filter(
      (e) => e.payload.declarationId === d.id,
    );
    expect(certificates.map((e) => e.payload)).toEqual([
      {
        certificateNo: `${d.declarationNo}-import-vat`,
        declarationId: d.id,
        importerCreditCode: d.importerCreditCode,
        vatFen: 1_588_889,
        paidOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    ]);
    await refusedWith(release(d), 409, 'already_released');
  });

  it('holds a red lane until a passed examination, and for good when it fails', async () => {
    const passes = await declared([laptops]);
    const fails = await declared([laptops]);
    expect([passes.lane, fails.lane]).toEqual(['red', 'red']);
    quality.certificates.set(`${passes.importerCreditCode}/8471300000`, 'valid');
    await cs.pay(passes.id);
    await cs.pay(fails.id);
    await refusedWith(release(passes), 409, 'inspection_required');
    const inspected = await inspect(passes, 'pass', '开箱查验，货证相符；CCC证书另行补交');
    expect(inspected.data).toMatchObject({ inspection: { kind: 'physical', result: 'pass' } });
    expect((await release(passes)).status).toBe(200);

    expect((await inspect(fails, 'fail', '货物与申报不符')).status).toBe(200);
    await refusedWith(release(fails), 409, 'inspection_failed');
    await refusedWith(inspect(fails, 'pass'), 409, 'already_inspected');
    const events = await cs.events('golden-customs.declaration.inspected.v1');
    expect(events.filter((e) => e.payload.declarationId === fails.id).map((e) => e.payload)).toEqual([
      expect.objectContaining({ declarationNo: fails.declarationNo, kind: 'physical', result: 'fail' }),
    ]);
  });

  it('holds goods that need CCC until golden-quality confirms a valid certificate, refusing release without one (flow 5)', async () => {
    const d = await declared([soy, { ...laptops, cccCertificateNo: '2024010901234567' }]);
    await cs.pay(d.id);
    if (d.lane === 'red' || d.lane === 'yellow') await inspect(d, 'pass', '单证相符');
    const key = `${d.importerCreditCode}/8471300000`;
    await refusedWith(release(d), 409, 'ccc_not_valid');
    expect(quality.asked).toContain(key);
    for (const validity of ['suspended', 'expired'] as const) {
      quality.certificates.set(key, validity);
      const r = await release(d);
      expect(r.status).toBe(409);
      expect(r.error?.message).toMatch(new RegExp(`line 2 \\(8471300000\\) needs a CCC certificate: golden-quality answers ${validity}`));
    }
    quality.certificates.set(key, 'valid');
    expect((await release(d)).data).toMatchObject({ status: 'released' });
    const [record] = (
      await cs.db
        .selectFrom('audit_record' as never)
        .select(['object_ids' as never])
        .where('procedure' as never, '=', 'declarations.release' as never)
        .where('outcome' as never, '=', 'ok' as never)
        .execute()
    ).slice(-1) as { object_ids: string[] }[];
    expect(record!.object_ids).toContain('call-out:golden-quality/certificates.check');
  });

  it('never asks golden-quality about goods that need no CCC', async () => {
    const asked = quality.asked.length;
    const d = await declared([soy]);
    await cs.pay(d.id);
    expect((await release(d)).data).toMatchObject({ status: 'released' });
    expect(quality.asked.length).toBe(asked);
  });

  it('needs a document check for a yellow lane, before or after payment', async () => {
    const d = await declared([soy], true);
    expect(d.lane).toBe('yellow');
    const checked = await inspect(d, 'pass', '单证审核通过');
    expect(checked.data).toMatchObject({
      status: 'submitted',
      inspection: { kind: 'documents', result: 'pass' },
    });
    await refusedWith(release(d), 409, 'not_paid');
    await cs.pay(d.id);
    expect((await release(d)).data).toMatchObject({ status: 'released' });
    await refusedWith(inspect(d, 'pass'), 409, 'already_released');
  });

  it('inspects no blue or green lane and refuses unknown declarations', async () => {
    const d = await declared([soy]);
    await refusedWith(inspect(d, 'pass'), 409, 'not_selected');
    await refusedWith(inspect({ id: crypto.randomUUID() }, 'pass'), 404, 'not_found');
    const blank = await cs.call(
      'inspections.record',
      { declarationId: d.id, result: 'pass', notes: ' ' },
      officer,
    );
    expect(blank.error?.data.issues?.[0]).toMatchObject({ path: 'notes', rule: 'too_small' });
  });

  it('releases with no certificate when rounding left no VAT to pay', async () => {
    const d = await declared([{ ...soy, value: '0.05' }]); // 5 fen: 3% duty and 9% VAT both round to 0
    expect(d.totals).toMatchObject({ customsValueFen: 5, dutyFen: 0, vatFen: 0, totalFen: 0 });
    const treasury = fakeTreasury();
    await cs.pay(d.id, treasury);
    expect(treasury.calls).toEqual([]);
    expect((await release(d)).data).toMatchObject({
      status: 'released',
      vatCertificateNo: null,
      receipts: [],
    });
    const certificates = await cs.events('golden-customs.import-vat.certified.v1');
    expect(certificates.some((e) => e.payload.declarationId === d.id)).toBe(false);
  });

  it('needs the permissions', async () => {
    const d = await declared([soy]);
    expect(
      (await cs.call('declarations.release', { declarationId: d.id }, await cs.token(perm.read))).status,
    ).toBe(403);
    expect(
      (await cs.call('inspections.record', { declarationId: d.id, result: 'pass', notes: 'x' })).status,
    ).toBe(401);
  });
});
