import { randomUUID } from 'node:crypto';
import { newEventId } from '@egov/kernel/messaging';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootSocialSecurity,
  freshResident,
  perm,
  retiree,
  type SocialSecurityTestApp,
} from '../test.fixture.ts';
import { deathRecordedHandler, paymentCancelledHandler } from './death.subscription.ts';

/*
 * Flow 3 in social-security: golden-shield's death event stops the pension
 * before the next run; a late one turns the months already requested after
 * the death into recovery claims, which golden-finance's cancellations
 * withdraw for what it had not paid. Events are delivered as the kernel's
 * inbox does: the handler in a transaction, redeliveries under new ids.
 */
describe.each(databaseTargets())('a pensioner dies, on $name', (target) => {
  let ss: SocialSecurityTestApp;
  let officer: string;
  const appropriationId = randomUUID();
  const run = (month: string) =>
    ss.call('payroll.run', { month, budgetUnit: '208001', appropriationId }, officer);
  const envelope = (name: string, producer: string, payload: unknown) => ({
    id: newEventId(),
    name,
    producer,
    occurredAt: new Date().toISOString(),
    payload,
  });
  const die = (residentId: string, diedOn: string) => {
    const payload = {
      residentId,
      diedOn,
      certificateNo: 'G110105000001',
      recordedAt: new Date().toISOString(),
    };
    return ss.db
      .transaction()
      .execute((trx) =>
        deathRecordedHandler.handle(
          trx,
          payload,
          envelope('golden-shield.death.recorded.v1', 'golden-shield', payload) as never,
        ),
      );
  };
  /** What golden-finance publishes when it cancels a line of ours unpaid. */
  const financeCancels = async (residentId: string, month: string) => {
    const [key, payment] = [...ss.finance.payments.entries()].find(
      ([k, p]) => p.residentId === residentId && k.includes(`pension:${month}:`),
    )!;
    const payload = {
      paymentId: payment.paymentId,
      source: 'service:social-security',
      sourceReference: key.slice(key.indexOf('/') + 1),
      payeeResidentId: residentId,
      amountFen: payment.amountFen,
      reason: 'payee_deceased',
      cancelledAt: new Date().toISOString(),
    };
    await ss.db
      .transaction()
      .execute((trx) =>
        paymentCancelledHandler.handle(
          trx,
          payload,
          envelope('golden-finance.payment.cancelled.v1', 'golden-finance', payload) as never,
        ),
      );
  };
  const pensioner = async (name: string) => {
    const { residentId } = await retiree(ss, name);
    const r = await ss.call(
      'pensions.award',
      { residentId, category: 'male', firstMonth: '2025-01' },
      officer,
    );
    if (r.status !== 200) throw new Error(JSON.stringify(r.error));
    return residentId;
  };
  const recoveries = async (residentId: string) =>
    (await ss.call('pensions.recoveries', { residentId }, officer, 'query')).data as {
      diedOn: string | null;
      openFen: number;
      claims: { month: string; amountFen: number; status: string }[];
    };
  const paidIn = async (month: string) =>
    (await ss.db.selectFrom('payroll_line').select('pension_uuid').where('month', '=', month).execute())
      .length;

  let early: string;
  let late: string;
  let cancelledFirst: string;
  beforeAll(async () => {
    ss = await bootSocialSecurity(target);
    officer = await ss.token(perm.award, perm.runPayroll, perm.readPayroll, perm.readPension);
    early = await pensioner('早报');
    late = await pensioner('迟报');
    cancelledFirst = await pensioner('先撤');
    expect((await run('2025-09')).data).toMatchObject({ pensioners: 3 });
  });
  afterAll(() => ss.close());

  it('a death reported before the run: paid to the end of the month of death, stopped from the next', async () => {
    await die(early, '2025-10-20');
    expect((await ss.call('pensions.get', { residentId: early }, officer, 'query')).data).toMatchObject({
      diedOn: '2025-10-20',
    });
    expect((await run('2025-10')).data).toMatchObject({ pensioners: 3 }); // October is still his
    expect((await run('2025-11')).data).toMatchObject({ pensioners: 2 });
    expect(await recoveries(early)).toEqual({ diedOn: '2025-10-20', openFen: 0, claims: [] });
  });

  it('a death reported late: months requested after it become recovery claims, kept and readable', async () => {
    // `late` died on 2025-09-05; October and November were requested before the event arrived.
    await die(late, '2025-09-05');
    const claims = await recoveries(late);
    expect(claims.diedOn).toBe('2025-09-05');
    expect(claims.claims.map((c) => [c.month, c.amountFen, c.status])).toEqual([
      ['2025-10', 291_773, 'open'],
      ['2025-11', 291_773, 'open'],
    ]);
    expect(claims.openFen).toBe(2 * 291_773);
    // The next run stops the pension.
    expect((await run('2025-12')).data).toMatchObject({ pensioners: 1 });
    // Finance cancelled November unpaid: that claim is withdrawn; October was paid and stays open.
    await financeCancels(late, '2025-11');
    const after = await recoveries(late);
    expect(after.claims.map((c) => [c.month, c.status])).toEqual([
      ['2025-10', 'open'],
      ['2025-11', 'withdrawn'],
    ]);
    expect(after.openFen).toBe(291_773);
    // A redelivered death opens nothing again and keeps the first date.
    await die(late, '2025-09-05');
    expect((await recoveries(late)).claims).toHaveLength(2);
  });

  it("finance's cancellation may arrive before the death itself: no claim for what was never paid", async () => {
    await financeCancels(cancelledFirst, '2025-12');
    await die(cancelledFirst, '2025-11-30');
    expect(await recoveries(cancelledFirst)).toEqual({ diedOn: '2025-11-30', openFen: 0, claims: [] });
    const line = await ss.db
      .selectFrom('payroll_line')
      .select('status')
      .where('month', '=', '2025-12')
      .execute();
    expect(line.map((l) => l.status)).toEqual(['cancelled']);
    expect(await paidIn('2025-12')).toBe(1);
  });

  it('keeps nothing of a death of someone not insured here, and refuses to award a pension after a death', async () => {
    const before = await ss.counts();
    await die(freshResident(ss.shield, '路人'), '2025-10-01');
    expect(await ss.counts()).toEqual(before);
    const { residentId } = await retiree(ss, '未领');
    await die(residentId, '2025-01-15');
    const r = await ss.call(
      'pensions.award',
      { residentId, category: 'male', firstMonth: '2025-01' },
      officer,
    );
    expect(r.status).toBe(409);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'residentId', rule: 'deceased' });
  });
});
