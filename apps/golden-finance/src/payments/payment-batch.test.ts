import { randomUUID } from 'node:crypto';
import { newEventId } from '@egov/kernel/messaging';
import { issueResidentId } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deathRecordedHandler } from './payee-death.subscription.ts';
import { MAX_BATCH_LINES } from './payment-batch.service.ts';
import { bootGoldenFinance, type GoldenFinanceTestApp, PAYEE_CARD, perm } from '../test.fixture.ts';

let people = 0;
/** A resident ID no other line of this file uses. */
const person = () => {
  people += 1;
  const day = new Date(Date.UTC(1955, 0, 1 + Math.floor(people / 400))).toISOString().slice(0, 10);
  return issueResidentId({ division: '110105', birthDate: day, sequence: 2 * (people % 400) + 1 });
};

/*
 * payments.requestBatch (a payroll in one call) and flow 3 at the treasury:
 * golden-shield's death event cancels what is unpaid to that person.
 */
describe.each(databaseTargets())('payment batches and payees who die on $name', (target) => {
  let gf: GoldenFinanceTestApp;
  let unit: string;
  let payroll: string;
  const line = (
    reference = `pension:2026-11:${randomUUID()}`,
    residentId: string = person(),
    amountFen = 350_000,
  ) => ({
    reference,
    payee: { name: '退休人员', account: PAYEE_CARD, bank: '中国工商银行', residentId },
    amountFen,
    purpose: '基本养老金 2026-11',
  });
  const batch = (lines: unknown[], appropriationId = payroll) => ({
    budgetUnit: unit,
    appropriationId,
    method: 'direct',
    lines,
  });
  let fund: string;
  const request = (input: unknown) => gf.call('payments.requestBatch', input, fund);
  const committed = async (id: string) =>
    Number(
      (
        await gf.db
          .selectFrom('appropriation')
          .select('committed')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).committed,
    );
  const die = (residentId: string, id = newEventId()) =>
    gf.db.transaction().execute((trx) =>
      deathRecordedHandler.handle(trx as never, { residentId, diedOn: '2026-11-03' }, {
        id,
        name: 'golden-shield.death.recorded.v1',
        producer: 'golden-shield',
        occurredAt: new Date().toISOString(),
        payload: { residentId, diedOn: '2026-11-03' },
      } as never),
    );
  const outbox = async () => {
    const { rows } = await sql<{ name: string; payload: unknown }>`select name, payload from ${sql.table(
      `${gf.app.database.schema}.outbox`,
    )} order by seq`.execute(gf.db);
    return rows.map((r) => ({
      name: r.name,
      payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    }));
  };

  beforeAll(async () => {
    gf = await bootGoldenFinance(target);
    unit = await gf.unit('社会保险基金');
    payroll = await gf.appropriation(unit, 10_000_000_000, '303');
    fund = await gf.service('social-security', perm.requestPayment, perm.readPayment);
  });
  afterAll(() => gf.close());

  it('requests every line in one call, reserving their sum, each answered with its payment', async () => {
    const lines = Array.from({ length: 25 }, () => line());
    const before = await committed(payroll);
    const r = await request(batch(lines));
    expect(r.status).toBe(200);
    const data = r.data as {
      lines: { reference: string; paymentId: string; status: string }[];
      newlyRequested: number;
    };
    expect(data.newlyRequested).toBe(25);
    expect(data.lines.map((l) => l.reference)).toEqual(lines.map((l) => l.reference));
    expect(new Set(data.lines.map((l) => l.status))).toEqual(new Set(['requested']));
    expect(await committed(payroll)).toBe(before + 25 * 350_000);
    const one = await gf.ok<{ status: string; payee: { account: string } }>(
      'payments.get',
      { id: data.lines[3]!.paymentId },
      gf.as.accountant,
      'query',
    );
    expect(one.status).toBe('requested');
    expect(one.payee.account).not.toBe(PAYEE_CARD); // masked
  });

  it('answers a repeated batch with the first payments and reserves nothing again', async () => {
    const lines = Array.from({ length: 5 }, () => line());
    const first = (await request(batch(lines))).data as { lines: { paymentId: string }[] };
    const before = await gf.counts();
    const again = await request(batch([...lines, line()]));
    expect(again.status).toBe(200);
    const data = again.data as { lines: { paymentId: string }[]; newlyRequested: number };
    expect(data.newlyRequested).toBe(1);
    expect(data.lines.slice(0, 5).map((l) => l.paymentId)).toEqual(first.lines.map((l) => l.paymentId));
    const after = await gf.counts();
    expect(after.payment).toBe(before.payment! + 1);
    expect(after.committed).toBe(before.committed! + 350_000);
  });

  it.each([
    [
      'over the line limit',
      () => Array.from({ length: MAX_BATCH_LINES + 1 }, () => line()),
      'lines',
      'too_big',
    ],
    ['with no line', () => [], 'lines', 'too_small'],
    ['with a reference twice', () => [line('dup-1'), line('dup-1')], 'lines.1.reference', 'duplicate'],
    [
      'with a bad resident ID',
      () => [{ ...line(), payee: { ...line().payee, residentId: '110105195503010011' } }],
      'lines.0.payee.residentId',
      'check_digit',
    ],
    ['with a zero amount', () => [line(undefined, undefined, 0)], 'lines.0.amountFen', 'positive'],
    ['with an unknown field', () => [{ ...line(), extra: 1 }], 'lines.0', 'unknown_field'],
  ])(
    'refuses a batch %s with 400 naming the field and rule, writing nothing',
    async (_, lines, path, rule) => {
      const before = await gf.counts();
      const r = await request(batch(lines()));
      expect(r.status).toBe(400);
      expect(r.error?.data.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path, rule })]));
      expect(await gf.counts()).toEqual(before);
    },
  );

  it('takes exactly the limit of lines', async () => {
    const r = await request(batch(Array.from({ length: MAX_BATCH_LINES }, () => line())));
    expect(r.status).toBe(200);
    expect((r.data as { newlyRequested: number }).newlyRequested).toBe(MAX_BATCH_LINES);
  });

  it('refuses several batch requests in one tRPC batch before any runs', async () => {
    const before = await gf.counts();
    const inputs = [batch([line()]), batch([line()])];
    const res = await gf.app.hono.request(
      `/trpc/${inputs.map(() => 'payments.requestBatch').join(',')}?batch=1`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
          authorization: `Bearer ${fund}`,
        },
        body: JSON.stringify(Object.fromEntries(inputs.map((input, i) => [i, input]))),
      },
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('max_calls');
    expect(await gf.counts()).toEqual(before);
  });

  it('holds the line limit and the appropriation under parallel batches', async () => {
    const small = await gf.appropriation(unit, 10 * 350_000, '307');
    const over = await Promise.all(
      Array.from({ length: 4 }, () =>
        request(
          batch(
            Array.from({ length: MAX_BATCH_LINES + 1 }, () => line()),
            small,
          ),
        ),
      ),
    );
    expect(over.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    const racing = await Promise.all(
      Array.from({ length: 5 }, () =>
        request(
          batch(
            Array.from({ length: 4 }, () => line()),
            small,
          ),
        ),
      ),
    );
    // 10 lines fit: two batches of four, never a third; the rest refused whole, naming the remainder.
    expect(racing.filter((r) => r.status === 200)).toHaveLength(2);
    for (const refused of racing.filter((r) => r.status !== 200)) {
      expect(refused.status).toBe(409);
      expect(refused.error?.data.issues?.[0]).toMatchObject({
        path: 'amountFen',
        rule: 'exceeds_appropriation',
      });
    }
    expect(await committed(small)).toBe(8 * 350_000);
    expect(
      Number(
        (
          await gf.db
            .selectFrom('payment')
            .select(sql<number>`count(*)::int`.as('n'))
            .where('appropriation_id', '=', small)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(8);
  });

  it('refuses a reference reused with another amount (409), writing nothing', async () => {
    const first = line();
    await request(batch([first]));
    const before = await gf.counts();
    const r = await request(batch([{ ...first, amountFen: 1 }]));
    expect(r.status).toBe(409);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'lines.0.reference', rule: 'reference_reused' });
    expect(await gf.counts()).toEqual(before);
  });

  it('needs the payment.request permission', async () => {
    expect(
      (
        await gf.call(
          'payments.requestBatch',
          batch([line()]),
          await gf.service('social-security', perm.readPayment),
        )
      ).status,
    ).toBe(403);
    expect((await gf.call('payments.requestBatch', batch([line()]))).status).toBe(401);
  });

  it('cancels what is unpaid to a person who died, gives the reservation back and tells the requester; paid stays paid', async () => {
    const residentId = person();
    const [november, december] = [line(undefined, residentId), line(undefined, residentId)];
    const requested = (await request(batch([november, december]))).data as { lines: { paymentId: string }[] };
    // November is approved and paid before the death is reported; December is still only requested.
    await gf.ok('payments.approve', { paymentId: requested.lines[0]!.paymentId }, gf.as.reviewer);
    await gf.ok('payments.execute', { paymentId: requested.lines[0]!.paymentId }, gf.as.clerk);
    const before = await committed(payroll);
    const eventId = newEventId();
    await die(residentId, eventId);
    const status = async (i: number) =>
      (
        await gf.ok<{ status: string }>(
          'payments.get',
          { id: requested.lines[i]!.paymentId },
          gf.as.accountant,
          'query',
        )
      ).status;
    expect(await status(0)).toBe('executed');
    expect(await status(1)).toBe('cancelled');
    expect(await committed(payroll)).toBe(before - 350_000);
    const cancelled = (await outbox()).filter((e) => e.name === 'golden-finance.payment.cancelled.v1');
    expect(cancelled.map((e) => e.payload)).toEqual([
      expect.objectContaining({
        paymentId: requested.lines[1]!.paymentId,
        source: 'service:social-security',
        sourceReference: december.reference,
        payeeResidentId: residentId,
        amountFen: 350_000,
        reason: 'payee_deceased',
      }),
    ]);
    // The same death again (a redelivery under another id): nothing left to cancel, nothing published.
    await die(residentId);
    expect((await outbox()).filter((e) => e.name === 'golden-finance.payment.cancelled.v1')).toHaveLength(1);
    expect(await committed(payroll)).toBe(before - 350_000);
    // A cancelled payment can be neither approved nor paid.
    const refused = await gf.call(
      'payments.approve',
      { paymentId: requested.lines[1]!.paymentId },
      gf.as.reviewer,
    );
    expect(refused.status).toBe(409);
  });

  it('cancels at once a line for a payee already reported dead (the requester learnt of the death late)', async () => {
    const residentId = person();
    await die(residentId);
    const before = await committed(payroll);
    const r = await request(batch([line(undefined, residentId), line()]));
    const data = r.data as { lines: { status: string }[]; cancelled: number; reservedFen: number };
    expect(data.lines.map((l) => l.status)).toEqual(['cancelled', 'requested']);
    expect(data.cancelled).toBe(1);
    expect(await committed(payroll)).toBe(before + 350_000);
  });
});
