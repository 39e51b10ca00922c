import { isoDate } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import { sql } from 'kysely';
import type { OfficeResourcesDb } from '../database.ts';
import { archiveNumber, keepUntil, type Retention } from './archive.rules.ts';

export interface ArchiveItem {
  archiveNumber: string;
  year: number;
  retention: Retention;
  reference: string;
  title: string;
  classification: string;
  formedOn: string;
  keepUntil: string | null;
  source: 'outgoing' | 'incoming';
}

/** The source of an item: an outgoing document once distributed, an incoming one once closed. */
async function sourceOf(
  db: OfficeResourcesDb,
  input: { documentId?: string | undefined; incomingId?: string | undefined },
) {
  if (input.documentId) {
    const d = await db
      .selectFrom('document')
      .select(['id', 'status', 'title', 'number', 'classification', isoDate('dated_on').as('formed')])
      .where('id', '=', input.documentId)
      .executeTakeFirst();
    if (!d) throw new DomainError('NOT_FOUND', `no document ${input.documentId}`, { field: 'documentId' });
    if (d.status !== 'distributed')
      throw new DomainError('CONFLICT', 'a document is archived once distributed', {
        field: 'documentId',
        rule: 'not_closed',
      });
    return {
      document_id: d.id,
      incoming_id: null,
      title: d.title,
      reference: d.number!,
      classification: d.classification,
      formed: d.formed!,
    };
  }
  const i = await db
    .selectFrom('incoming_document')
    .select(['id', 'status', 'title', 'receipt_number', 'classification', 'received_at'])
    .where('id', '=', input.incomingId!)
    .executeTakeFirst();
  if (!i)
    throw new DomainError('NOT_FOUND', `no incoming document ${input.incomingId}`, { field: 'incomingId' });
  if (i.status !== 'closed')
    throw new DomainError('CONFLICT', 'an incoming document is archived once closed', {
      field: 'incomingId',
      rule: 'not_closed',
    });
  return {
    document_id: null,
    incoming_id: i.id,
    title: i.title,
    reference: i.receipt_number,
    classification: i.classification,
    formed: chinaDate(i.received_at),
  };
}

/**
 * Files a closed document in the archive with its retention period; the archive number's item is the
 * next of its year and period (gapless, as document numbers). A document is filed once.
 */
export async function archiveItem(
  db: OfficeResourcesDb,
  input: { documentId?: string | undefined; incomingId?: string | undefined; retention: Retention },
  recorder: Recorder,
): Promise<ArchiveItem> {
  const source = await sourceOf(db, input);
  const filed = await db
    .selectFrom('archive_item')
    .select('archive_number')
    .where(
      source.document_id ? 'document_id' : 'incoming_id',
      '=',
      (source.document_id ?? source.incoming_id)!,
    )
    .executeTakeFirst();
  if (filed)
    throw new DomainError('CONFLICT', `filed already as ${filed.archive_number}`, {
      field: source.document_id ? 'documentId' : 'incomingId',
      rule: 'archived',
    });
  const year = Number(source.formed.slice(0, 4));
  const { last_item: item } = await db
    .insertInto('archive_sequence')
    .values({ year, retention: input.retention, last_item: 1 })
    .onConflict((oc) =>
      oc.columns(['year', 'retention']).doUpdateSet({ last_item: sql`archive_sequence.last_item + 1` }),
    )
    .returning('last_item')
    .executeTakeFirstOrThrow();
  const number = archiveNumber(year, input.retention, item);
  const inserted = await db
    .insertInto('archive_item')
    .values({
      archive_number: number,
      year,
      retention: input.retention,
      item,
      document_id: source.document_id,
      incoming_id: source.incoming_id,
      title: source.title,
      reference: source.reference,
      classification: source.classification,
      formed_on: source.formed,
      keep_until: keepUntil(source.formed, input.retention),
      archived_by: recorder.by,
      archived_at: recorder.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('archive_number')
    .executeTakeFirst();
  if (!inserted)
    throw new DomainError('CONFLICT', 'filed already by a concurrent request', {
      field: 'documentId',
      rule: 'archived',
    });
  return (await catalogue(db, { year, number }))[0]!;
}

/** The catalogue (案卷目录) of a year, by retention period and item; optionally one period or one number. */
export async function catalogue(
  db: OfficeResourcesDb,
  input: { year: number; retention?: Retention | undefined; number?: string | undefined },
): Promise<ArchiveItem[]> {
  let q = db
    .selectFrom('archive_item')
    .select([
      'archive_number',
      'year',
      'retention',
      'reference',
      'title',
      'classification',
      'document_id',
      isoDate('formed_on').as('formed'),
      isoDate('keep_until').as('until'),
    ])
    .where('year', '=', input.year);
  if (input.retention) q = q.where('retention', '=', input.retention);
  if (input.number) q = q.where('archive_number', '=', input.number);
  const rows = await q.orderBy('retention').orderBy('item').limit(5000).execute();
  return rows.map((r) => ({
    archiveNumber: r.archive_number,
    year: r.year,
    retention: r.retention,
    reference: r.reference,
    title: r.title,
    classification: r.classification,
    formedOn: r.formed,
    keepUntil: r.until,
    source: r.document_id ? 'outgoing' : 'incoming',
  }));
}
