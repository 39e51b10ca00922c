import { chinaDate } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenQuality, enterprise, type GoldenQualityTestApp, perm } from '../test.fixture.ts';
import { fineDueOn } from './sample.rules.ts';

describe.each(databaseTargets())('sampling, recalls, fines and publication on $name', (target) => {
  let gq: GoldenQualityTestApp;
  let producer: string;
  let officer: ReturnType<GoldenQualityTestApp['client']>;
  beforeAll(async () => {
    gq = await bootGoldenQuality(target);
    officer = gq.client(
      await gq.token(perm.register, perm.recordSample, perm.readSample, perm.impose, perm.collect),
    );
    producer = (await officer.entities.register.mutate(enterprise(gq.shield))).creditCode;
  });
  afterAll(() => gq?.close());

  const sample = () =>
    officer.samples.record.mutate({
      planCode: '2026-Q4-EB',
      productName: '电动自行车用充电器',
      producerCreditCode: producer,
      batchNo: `2026-${Math.floor(Math.random() * 1e6)}`,
      sampledOn: chinaDate(new Date()),
    });

  it('turns a failed sample into a recall, a fine the treasury expects and receives as non-tax revenue, and a public notice', async () => {
    const s = await sample();
    expect(s).toMatchObject({
      result: null,
      recallOrdered: false,
      fine: null,
      number: expect.stringMatching(/^GQ-S-\d{8}$/),
    });
    const failed = await officer.samples.recordResult.mutate({
      number: s.number,
      result: 'fail',
      findings: '输出电压超标',
    });
    expect(failed).toMatchObject({ result: 'fail', recallOrdered: true });

    const fined = await officer.fines.impose.mutate({ number: s.number, amountFen: 5_000_000 });
    expect(fined.fine).toMatchObject({
      amountFen: 5_000_000,
      paid: false,
      dueOn: fineDueOn(chinaDate(new Date())),
    });
    expect(gq.treasury.expected.get(fined.fine!.sourceReference)).toMatchObject({
      payer: producer,
      amountFen: 5_000_000,
    });

    const paid = await officer.fines.pay.mutate({ number: s.number });
    expect(paid.fine).toMatchObject({ paid: true, receiptStatus: 'matched' });
    const again = await officer.fines.pay.mutate({ number: s.number });
    expect(again.fine?.receiptId).toBe(paid.fine?.receiptId);
    expect(gq.treasury.received.size).toBeGreaterThan(0);

    const published = await gq.client().publications.failedSamples.query({});
    expect(published.find((p) => p.batchNo === s.batchNo)).toEqual({
      productName: '电动自行车用充电器',
      producerName: expect.any(String),
      producerCreditCode: producer,
      batchNo: s.batchNo,
      sampledOn: s.sampledOn,
      findings: '输出电压超标',
      recallOrdered: true,
    });
    const [record] = (await gq.audit('fines.impose')).filter((r) => r.outcome === 'ok');
    expect(record!.object_ids).toContain('call-out:golden-finance/treasury.expect');
  });

  it('publishes passed samples nowhere, and fines only a failed sample', async () => {
    const s = await sample();
    await officer.samples.recordResult.mutate({ number: s.number, result: 'pass', findings: '各项合格' });
    expect(
      (await gq.client().publications.failedSamples.query({})).some((p) => p.batchNo === s.batchNo),
    ).toBe(false);
    const before = await gq.counts();
    const r = await gq.call(
      'fines.impose',
      { number: s.number, amountFen: 100 },
      await gq.token(perm.impose),
    );
    expect(r.status).toBe(409);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'number', rule: 'not_failed' });
    const twice = await gq.call(
      'samples.recordResult',
      { number: s.number, result: 'fail', findings: '改判' },
      await gq.token(perm.recordSample),
    );
    expect(twice.status).toBe(409);
    expect((await gq.counts()).sample).toBe(before.sample);
    expect((await gq.counts()).fine).toBe(before.fine);
  });

  it.each([
    [{ amountFen: 100.5 }, 'integer_fen'],
    [{ amountFen: -1 }, 'positive'],
    [{ amountFen: 10_000_000_000_001 }, 'max_amount'],
    [{ amountFen: '100' }, undefined],
  ])('refuses a fine of %j with 400 on amountFen, the treasury never asked', async (patch, rule) => {
    const s = await sample();
    await officer.samples.recordResult.mutate({ number: s.number, result: 'fail', findings: '标识不符' });
    const expected = gq.treasury.expected.size;
    const before = await gq.counts();
    const r = await gq.call('fines.impose', { number: s.number, ...patch }, await gq.token(perm.impose));
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'amountFen', ...(rule ? { rule } : {}) });
    expect(gq.treasury.expected.size).toBe(expected);
    expect(await gq.counts()).toEqual(before);
  });

  it('refuses a sample of a producer not in the base', async () => {
    const before = await gq.counts();
    const r = await gq.call(
      'samples.record',
      {
        planCode: '2026-Q4-EB',
        productName: 'x',
        producerCreditCode: '91350100M000100Y43',
        batchNo: 'B1',
        sampledOn: '2026-11-01',
      },
      await gq.token(perm.recordSample),
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'producerCreditCode', rule: 'not_registered' });
    expect(await gq.counts()).toEqual(before);
  });
});
