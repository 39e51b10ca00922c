import { randomUUID } from 'node:crypto';
import { isoDate } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import { sql } from 'kysely';
import type { OfficeResourcesDb } from '../database.ts';
import type { Classification, Urgency } from '../documents/document.rules.ts';
import { dueOn, handlingDays, receiptNumber, workingDaysOverdue } from './incoming.rules.ts';

export interface IncomingDocument {
  id: string;
  receiptNumber: string;
  sender: { code: string; name: string };
  senderNumber: string;
  title: string;
  classification: Classification;
  urgency: Urgency;
  copies: number;
  status: 'received' | 'assigned' | 'replied' | 'closed';
  receivedBy: string;
  receivedAt: string;
  handlingOffice: string | null;
  dueOn: string | null;
  reply: string | null;
  closedAt: string | null;
  circulation: { reader: string; readAt: string | null }[];
  urgings: number;
}

const conflict = (message: string, rule: string, field = 'id') =>
  new DomainError('CONFLICT', message, { field, rule });

/** The incoming document with `id`, with its circulation and how often it was urged; NOT_FOUND otherwise. */
export async function getIncoming(db: OfficeResourcesDb, id: string): Promise<IncomingDocument> {
  const r = await db
    .selectFrom('incoming_document')
    .selectAll()
    .select(isoDate('due_on').as('due'))
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw new DomainError('NOT_FOUND', `no incoming document ${id}`, { field: 'id' });
  const circulation = await db
    .selectFrom('incoming_circulation')
    .select(['reader', 'read_at'])
    .where('incoming_id', '=', id)
    .orderBy('reader')
    .execute();
  const urged = await db
    .selectFrom('incoming_urging')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('incoming_id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: r.id,
    receiptNumber: r.receipt_number,
    sender: { code: r.sender_code, name: r.sender_name },
    senderNumber: r.sender_number,
    title: r.title,
    classification: r.classification,
    urgency: r.urgency,
    copies: r.copies,
    status: r.status,
    receivedBy: r.received_by,
    receivedAt: r.received_at.toISOString(),
    handlingOffice: r.handling_office,
    dueOn: r.due,
    reply: r.reply,
    closedAt: r.closed_at?.toISOString() ?? null,
    circulation: circulation.map((c) => ({ reader: c.reader, readAt: c.read_at?.toISOString() ?? null })),
    urgings: Number(urged.n),
  };
}

/**
 * 签收 and 登记: signs for a document from another agency and gives it the next receipt number of the
 * year (gapless, as outgoing numbers). The same sender's number is signed for once.
 */
export async function receiveIncoming(
  db: OfficeResourcesDb,
  input: {
    sender: { code: string; name: string };
    senderNumber: string;
    title: string;
    classification: Classification;
    urgency: Urgency;
    copies: number;
  },
  recorder: Recorder,
): Promise<IncomingDocument> {
  const twice = await db
    .selectFrom('incoming_document')
    .select('receipt_number')
    .where('sender_code', '=', input.sender.code)
    .where('sender_number', '=', input.senderNumber)
    .executeTakeFirst();
  if (twice)
    throw conflict(
      `${input.senderNumber} was signed for as ${twice.receipt_number}`,
      'already_received',
      'senderNumber',
    );
  const year = Number(chinaDate(recorder.at).slice(0, 4));
  const { last_serial } = await db
    .insertInto('incoming_sequence')
    .values({ year, last_serial: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ last_serial: sql`incoming_sequence.last_serial + 1` }),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  await db
    .insertInto('incoming_document')
    .values({
      id,
      receipt_number: receiptNumber(year, last_serial),
      sender_code: input.sender.code,
      sender_name: input.sender.name,
      sender_number: input.senderNumber,
      title: input.title,
      classification: input.classification,
      urgency: input.urgency,
      copies: input.copies,
      status: 'received',
      received_by: recorder.by,
      received_at: recorder.at,
    })
    .onConflict((oc) => oc.columns(['sender_code', 'sender_number']).doNothing())
    .returning('id')
    .executeTakeFirst()
    .then((row) => {
      // A concurrent 签收 of the same document won; this one rolls back with its receipt number.
      if (!row)
        throw conflict(`${input.senderNumber} was signed for already`, 'already_received', 'senderNumber');
    });
  return getIncoming(db, id);
}

async function lockIncoming(db: OfficeResourcesDb, id: string) {
  const row = await db
    .selectFrom('incoming_document')
    .select(['id', 'status', 'urgency'])
    .select(isoDate('due_on').as('due'))
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no incoming document ${id}`, { field: 'id' });
  return row;
}

/** 承办: assigns the document to a handling office, due in working days (by urgency unless given). */
export async function assignIncoming(
  db: OfficeResourcesDb,
  input: { id: string; office: string; workingDays?: number | undefined },
  recorder: Recorder,
) {
  const row = await lockIncoming(db, input.id);
  if (row.status !== 'received')
    throw conflict(`an incoming document ${row.status} is not assigned again`, 'wrong_status');
  const today = chinaDate(recorder.at);
  const days = input.workingDays ?? handlingDays(row.urgency, today);
  await db
    .updateTable('incoming_document')
    .set({
      status: 'assigned',
      handling_office: input.office,
      assigned_by: recorder.by,
      assigned_at: recorder.at,
      due_on: dueOn(today, days),
    })
    .where('id', '=', input.id)
    .execute();
  return getIncoming(db, input.id);
}

/** 传阅: sends the document to officials to read; each reader marks it read themselves. */
export async function circulateIncoming(
  db: OfficeResourcesDb,
  input: { id: string; readers: string[] },
  recorder: Recorder,
) {
  const row = await lockIncoming(db, input.id);
  if (row.status === 'closed') throw conflict('a closed document is not circulated', 'wrong_status');
  await db
    .insertInto('incoming_circulation')
    .values(
      input.readers.map((reader) => ({
        incoming_id: input.id,
        reader,
        sent_by: recorder.by,
        sent_at: recorder.at,
      })),
    )
    .onConflict((oc) => oc.columns(['incoming_id', 'reader']).doNothing())
    .execute();
  return getIncoming(db, input.id);
}

/** The reader (the caller) marks a circulated document read; FORBIDDEN if it was not sent to them. */
export async function markRead(db: OfficeResourcesDb, id: string, recorder: Recorder) {
  const r = await db
    .updateTable('incoming_circulation')
    .set({ read_at: recorder.at })
    .where('incoming_id', '=', id)
    .where('reader', '=', recorder.by)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0)
    throw new DomainError('FORBIDDEN', 'this document was not circulated to you, or you read it already', {
      field: 'id',
      rule: 'not_circulated',
    });
  return getIncoming(db, id);
}

/** 催办: urges the handling office; recorded with how many working days past the deadline it is. */
export async function urgeIncoming(
  db: OfficeResourcesDb,
  input: { id: string; note: string },
  recorder: Recorder,
) {
  const row = await lockIncoming(db, input.id);
  if (row.status !== 'assigned' || !row.due)
    throw conflict('only a document being handled is urged', 'wrong_status');
  const overdue = workingDaysOverdue(row.due, chinaDate(recorder.at));
  await db
    .insertInto('incoming_urging')
    .values({
      incoming_id: input.id,
      note: input.note,
      working_days_overdue: overdue,
      urged_by: recorder.by,
      urged_at: recorder.at,
    })
    .execute();
  return { ...(await getIncoming(db, input.id)), workingDaysOverdue: overdue };
}

/** 答复: the handling office's answer. */
export async function replyIncoming(
  db: OfficeResourcesDb,
  input: { id: string; reply: string },
  recorder: Recorder,
) {
  const row = await lockIncoming(db, input.id);
  if (row.status !== 'assigned') throw conflict('only an assigned document is answered', 'wrong_status');
  await db
    .updateTable('incoming_document')
    .set({ status: 'replied', reply: input.reply, replied_by: recorder.by, replied_at: recorder.at })
    .where('id', '=', input.id)
    .execute();
  return getIncoming(db, input.id);
}

/** 办结: closes an answered document. */
export async function closeIncoming(db: OfficeResourcesDb, id: string, recorder: Recorder) {
  const row = await lockIncoming(db, id);
  if (row.status !== 'replied') throw conflict('a document is closed once answered', 'wrong_status');
  await db
    .updateTable('incoming_document')
    .set({ status: 'closed', closed_by: recorder.by, closed_at: recorder.at })
    .where('id', '=', id)
    .execute();
  return getIncoming(db, id);
}

/** Documents being handled past their due day on `asOf`, most overdue first. */
export async function overdueIncoming(db: OfficeResourcesDb, asOf: string) {
  const rows = await db
    .selectFrom('incoming_document')
    .select(['id', 'receipt_number', 'title', 'handling_office', isoDate('due_on').as('due')])
    .where('status', '=', 'assigned')
    .where('due_on', '<', asOf)
    .orderBy('due_on')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    receiptNumber: r.receipt_number,
    title: r.title,
    handlingOffice: r.handling_office!,
    dueOn: r.due!,
    workingDaysOverdue: workingDaysOverdue(r.due!, asOf),
  }));
}

/** 督办: opens a supervised task with its deadline in working days. */
export async function openSupervision(
  db: OfficeResourcesDb,
  input: { subject: string; office: string; workingDays: number; incomingId?: string | undefined },
  recorder: Recorder,
) {
  if (input.incomingId)
    await getIncoming(db, input.incomingId).catch(() => {
      throw new DomainError('INVALID', `no incoming document ${input.incomingId}`, {
        field: 'incomingId',
        rule: 'unknown',
      });
    });
  const row = await db
    .insertInto('supervision_task')
    .values({
      subject: input.subject,
      incoming_id: input.incomingId ?? null,
      responsible_office: input.office,
      due_on: dueOn(chinaDate(recorder.at), input.workingDays),
      status: 'open',
      opened_by: recorder.by,
      opened_at: recorder.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getSupervision(db, Number(row.id));
}

export async function getSupervision(db: OfficeResourcesDb, id: number) {
  const r = await db
    .selectFrom('supervision_task')
    .selectAll()
    .select(isoDate('due_on').as('due'))
    .where('id', '=', String(id))
    .executeTakeFirst();
  if (!r) throw new DomainError('NOT_FOUND', `no supervised task ${id}`, { field: 'id' });
  return {
    id: Number(r.id),
    subject: r.subject,
    incomingId: r.incoming_id,
    office: r.responsible_office,
    dueOn: r.due,
    status: r.status,
    result: r.result,
  };
}

/** Completes a supervised task with its result. */
export async function completeSupervision(
  db: OfficeResourcesDb,
  input: { id: number; result: string },
  recorder: Recorder,
) {
  const r = await db
    .updateTable('supervision_task')
    .set({ status: 'done', result: input.result, completed_by: recorder.by, completed_at: recorder.at })
    .where('id', '=', String(input.id))
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    await getSupervision(db, input.id);
    throw conflict('this task is done already', 'wrong_status');
  }
  return getSupervision(db, input.id);
}

/** Open supervised tasks past their due day on `asOf`, most overdue first. */
export async function overdueSupervision(db: OfficeResourcesDb, asOf: string) {
  const rows = await db
    .selectFrom('supervision_task')
    .select(['id', 'subject', 'responsible_office', isoDate('due_on').as('due')])
    .where('status', '=', 'open')
    .where('due_on', '<', asOf)
    .orderBy('due_on')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    subject: r.subject,
    office: r.responsible_office,
    dueOn: r.due,
    workingDaysOverdue: workingDaysOverdue(r.due, asOf),
  }));
}
