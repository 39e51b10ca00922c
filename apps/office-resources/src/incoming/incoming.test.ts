import { addWorkingDays, chinaDate } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootOffice, perm } from '../test.fixture.ts';
import { dueOn, handlingDays } from './incoming.rules.ts';

type Office = Awaited<ReturnType<typeof bootOffice>>;

let sent = 0;
const fromWater = (patch: Record<string, unknown> = {}) => {
  sent += 1;
  return {
    sender: { code: 'mwr', name: '水利部' },
    senderNumber: `水防〔2026〕${sent}号`,
    title: '水利部关于长江流域汛情的报告',
    classification: 'none' as const,
    urgency: 'urgent' as const,
    copies: 2,
    ...patch,
  };
};

describe('incoming deadlines (working days)', () => {
  it('counts a deadline in working days over the National Day holiday', () => {
    expect(dueOn('2026-09-30', 1)).toBe('2026-10-08');
    expect(handlingDays('extra-urgent', '2026-12-03')).toBe(3);
  });
});

describe.each(databaseTargets())('office-resources incoming documents and supervision on $name', (target) => {
  let o: Office;
  let handler: Awaited<ReturnType<Office['as']>>;
  let registrar: Awaited<ReturnType<Office['as']>>;
  const today = chinaDate(new Date());
  beforeAll(async () => {
    o = await bootOffice(target);
    handler = await o.as('handler', perm.handle, perm.readIncoming);
    registrar = await o.as('registrar', perm.receive, perm.readIncoming);
  }, 60_000);
  afterAll(() => o.app.close());

  it('signs for a document with a receipt back, assigns, circulates, urges, answers and closes it', async () => {
    const doc = await registrar.incoming.receive.mutate(fromWater());
    expect(doc.receiptNumber).toMatch(/^国办收〔\d{4}〕\d+号$/);
    const { rows } = await sql<{
      payload: { receiptNumber: string; senderAgency: string };
    }>`select payload from ${sql.table(
      `${o.app.app.database.schema}.outbox`,
    )} where name = 'office-resources.incoming.receipted.v1'`.execute(o.app.app.database.db);
    expect(rows.map((r) => r.payload)).toContainEqual(
      expect.objectContaining({ receiptNumber: doc.receiptNumber, senderAgency: 'mwr' }),
    );
    const assigned = await handler.incoming.assign.mutate({ id: doc.id, office: '秘书一局' });
    expect(assigned).toMatchObject({ status: 'assigned', dueOn: addWorkingDays(today, 5) });
    await handler.incoming.circulate.mutate({
      id: doc.id,
      readers: ['official:reader1', 'official:reader2'],
    });
    const reader = await o.as('reader1', perm.readIncoming);
    const read = await reader.incoming.markRead.mutate({ id: doc.id });
    expect(read.circulation).toEqual([
      { reader: 'official:reader1', readAt: expect.any(String) },
      { reader: 'official:reader2', readAt: null },
    ]);
    const urged = await handler.incoming.urge.mutate({ id: doc.id, note: '请抓紧办理' });
    expect(urged).toMatchObject({ urgings: 1, workingDaysOverdue: 0 });
    await handler.incoming.reply.mutate({ id: doc.id, reply: '已会同有关部门研究办理。' });
    expect(await handler.incoming.close.mutate({ id: doc.id })).toMatchObject({ status: 'closed' });
  });

  it('lists documents and supervised tasks past their working-day deadline', async () => {
    const late = await registrar.incoming.receive.mutate(fromWater({ urgency: 'extra-urgent' }));
    await handler.incoming.assign.mutate({ id: late.id, office: '秘书二局', workingDays: 2 });
    const task = await handler.supervision.open.mutate({
      subject: '督办长江防汛物资调拨',
      office: '督查室',
      workingDays: 3,
    });
    const asOf = addWorkingDays(today, 10);
    const overdue = await handler.incoming.overdue.query({ asOf });
    expect(overdue).toContainEqual(
      expect.objectContaining({ id: late.id, dueOn: addWorkingDays(today, 2), workingDaysOverdue: 8 }),
    );
    expect(await handler.incoming.overdue.query({ asOf: today })).not.toContainEqual(
      expect.objectContaining({ id: late.id }),
    );
    expect(await handler.supervision.overdue.query({ asOf })).toContainEqual(
      expect.objectContaining({ id: task.id, workingDaysOverdue: 7 }),
    );
    await handler.supervision.complete.mutate({ id: task.id, result: '物资已调拨到位' });
    expect(await handler.supervision.overdue.query({ asOf })).not.toContainEqual(
      expect.objectContaining({ id: task.id }),
    );
  });

  it('gives parallel receipts distinct gapless numbers and signs for one sender number once', async () => {
    const docs = await Promise.all(
      Array.from({ length: 8 }, () => registrar.incoming.receive.mutate(fromWater())),
    );
    const serials = docs.map((d) => Number(/〕(\d+)号$/.exec(d.receiptNumber)![1])).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 8 }, (_, i) => serials[0]! + i));
    const same = fromWater();
    const token = await o.app.token(perm.receive);
    const twice = await Promise.all([1, 2, 3].map(() => o.app.call('incoming.receive', same, token)));
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(twice.filter((r) => r.status === 409).map((r) => r.error?.data.issues?.[0]?.rule)).toEqual([
      'already_received',
      'already_received',
    ]);
    const next = await registrar.incoming.receive.mutate(fromWater());
    const last = Number(/〕(\d+)号$/.exec(next.receiptNumber)![1]);
    expect(last).toBe(serials.at(-1)! + 2);
  });

  it.each([
    ['senderNumber', { senderNumber: '水防[2026]1号' }, 'number_format'],
    ['copies', { copies: 0 }, 'too_small'],
    ['urgency', { urgency: '平急' }, 'invalid_value'],
    ['sender.name', { sender: { code: 'mwr', name: '水利部\u0000' } }, 'nul'],
  ])(
    'refuses a receipt with a bad %s (400 naming the field and the rule), writing nothing',
    async (path, patch, rule) => {
      const before = await o.written();
      const r = await o.app.call('incoming.receive', fromWater(patch), await o.app.token(perm.receive));
      expect(r.status).toBe(400);
      expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
      expect(await o.written()).toEqual(before);
    },
  );

  it('refuses marking read a document not circulated to the caller, and closing before an answer', async () => {
    const doc = await registrar.incoming.receive.mutate(fromWater());
    await handler.incoming.assign.mutate({ id: doc.id, office: '秘书三局' });
    const stranger = await o.app.token(perm.readIncoming);
    expect((await o.app.call('incoming.markRead', { id: doc.id }, stranger)).error?.data.issues).toEqual([
      expect.objectContaining({ rule: 'not_circulated' }),
    ]);
    const closer = await o.app.token(perm.handle);
    expect((await o.app.call('incoming.close', { id: doc.id }, closer)).error?.data.issues).toEqual([
      expect.objectContaining({ rule: 'wrong_status' }),
    ]);
  });
});
