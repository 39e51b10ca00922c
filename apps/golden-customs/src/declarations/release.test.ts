import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootGoldenCustoms,
  fakeTreasury,
  freshCreditCode,
  type GoldenCustomsTestApp,
  perm,
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

describe.each(databaseTargets())('inspections and release on $name', (target) => {
  let cs: GoldenCustomsTestApp;
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
  });
  afterAll(() => cs.close());

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
