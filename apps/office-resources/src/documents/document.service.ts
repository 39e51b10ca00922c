import { randomUUID } from 'node:crypto';
import { isoDate } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import { sql } from 'kysely';
import type { OfficeResourcesDb } from '../database.ts';
import {
  type Check,
  type Classification,
  checkLayout,
  classificationRank,
  type DocumentStatus,
  documentNumber,
  isClassified,
  NEXT_STEP,
  parseDocumentNumber,
} from './document.rules.ts';
import type { DraftInput } from './document.schemas.ts';
import type { Party } from './document.table.ts';

export interface OfficialDocument {
  id: string;
  kind: string;
  direction: 'upward' | 'parallel' | 'downward';
  classification: Classification;
  secrecyTermYears: number | null;
  copyNumber: string | null;
  urgency: 'normal' | 'urgent' | 'extra-urgent';
  documentCode: string;
  issuer: string;
  signatories: string[];
  title: string;
  addressees: Party[];
  body: string;
  attachments: string[];
  notes: string | null;
  copiesTo: Party[];
  printingOffice: string;
  corrects: string | null;
  status: DocumentStatus;
  draftedBy: string;
  reviewedBy: string | null;
  reviewComment: string | null;
  signedBy: string | null;
  signedAt: string | null;
  /** 成文日期: the day of sign-off, China time. */
  datedOn: string | null;
  number: string | null;
  registeredAt: string | null;
  /** 印发日期. */
  printedOn: string | null;
  sealedAt: string | null;
  distributedAt: string | null;
}

const invalid = (c: Extract<Check<unknown>, { ok: false }>) =>
  new DomainError('INVALID', c.message, { field: c.field, rule: c.part });

function select(db: OfficeResourcesDb) {
  return db
    .selectFrom('document as d')
    .leftJoin('document as c', 'c.id', 'd.corrects_id')
    .select([
      'd.id',
      'd.kind',
      'd.direction',
      'd.classification',
      'd.secrecy_term_years',
      'd.copy_number',
      'd.urgency',
      'd.document_code',
      'd.issuer',
      'd.signatories',
      'd.title',
      'd.addressees',
      'd.body',
      'd.attachments',
      'd.notes',
      'd.copies_to',
      'd.printing_office',
      'c.number as corrects',
      'd.status',
      'd.drafted_by',
      'd.reviewed_by',
      'd.review_comment',
      'd.signed_by',
      'd.signed_at',
      isoDate('d.dated_on').as('dated_on'),
      'd.number',
      'd.registered_at',
      isoDate('d.printed_on').as('printed_on'),
      'd.sealed_at',
      'd.distributed_at',
    ]);
}
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirst']>>>;
const toDocument = (r: Row): OfficialDocument => ({
  id: r.id,
  kind: r.kind,
  direction: r.direction,
  classification: r.classification,
  secrecyTermYears: r.secrecy_term_years,
  copyNumber: r.copy_number,
  urgency: r.urgency,
  documentCode: r.document_code,
  issuer: r.issuer,
  signatories: r.signatories,
  title: r.title,
  addressees: r.addressees,
  body: r.body,
  attachments: r.attachments,
  notes: r.notes,
  copiesTo: r.copies_to,
  printingOffice: r.printing_office,
  corrects: r.corrects,
  status: r.status as DocumentStatus,
  draftedBy: r.drafted_by,
  reviewedBy: r.reviewed_by,
  reviewComment: r.review_comment,
  signedBy: r.signed_by,
  signedAt: r.signed_at?.toISOString() ?? null,
  datedOn: r.dated_on,
  number: r.number,
  registeredAt: r.registered_at?.toISOString() ?? null,
  printedOn: r.printed_on,
  sealedAt: r.sealed_at?.toISOString() ?? null,
  distributedAt: r.distributed_at?.toISOString() ?? null,
});

/** The document with `id`, or NOT_FOUND naming `field`. */
export async function getDocument(
  db: OfficeResourcesDb,
  id: string,
  field = 'id',
): Promise<OfficialDocument> {
  const row = await select(db).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no document ${id}`, { field });
  return toDocument(row);
}

/** The document registered under `number` (e.g. 国办发〔2026〕17号), or NOT_FOUND. */
export async function findByNumber(db: OfficeResourcesDb, number: string, field = 'number') {
  const parsed = parseDocumentNumber(number);
  if (!parsed.ok) throw new DomainError('INVALID', parsed.message, { field, rule: parsed.part });
  const row = await select(db).where('d.number', '=', number).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no document registered as ${number}`, { field });
  return toDocument(row);
}

/**
 * Every addressee and copy recipient must be in the recipient directory, and a classified document
 * goes to none whose receiving system is in the external zone (S1.2: secret and above exist only in
 * the internal zone). The kernel refuses any cross-zone call; this is the second check, here.
 */
export async function checkRecipients(
  db: OfficeResourcesDb,
  doc: { classification: Classification; addressees: Party[]; copiesTo: Party[] },
): Promise<void> {
  const lists = [
    ['addressees', doc.addressees],
    ['copiesTo', doc.copiesTo],
  ] as const;
  const codes = [...doc.addressees, ...doc.copiesTo].map((p) => p.code);
  const seen = new Set<string>();
  const known = codes.length
    ? await db
        .selectFrom('recipient')
        .select(['agency_code', 'zone'])
        .where('agency_code', 'in', codes)
        .execute()
    : [];
  const zoneOf = new Map(known.map((r) => [r.agency_code, r.zone]));
  for (const [field, list] of lists)
    for (const [i, party] of list.entries()) {
      const path = `${field}.${i}.code`;
      if (seen.has(party.code))
        throw new DomainError('INVALID', `${party.code} is named twice`, {
          field: path,
          rule: 'duplicate_recipient',
        });
      seen.add(party.code);
      const zone = zoneOf.get(party.code);
      if (!zone)
        throw new DomainError('INVALID', `${party.code} is not in the recipient directory`, {
          field: path,
          rule: 'unknown_recipient',
        });
      if (zone === 'external' && isClassified(doc.classification))
        throw new DomainError(
          'FORBIDDEN',
          `a classified document is never sent to ${party.code}, whose system is in the external zone`,
          { field: path, rule: 'classified_to_external_zone' },
        );
    }
}

/**
 * Writes a draft (拟稿). A correction names a registered document; the original is left as it is.
 *
 * @example
 * await draftDocument(trx, { kind: '通知', direction: 'downward', … }, recorderOf(ctx));
 */
export async function draftDocument(
  db: OfficeResourcesDb,
  input: DraftInput,
  recorder: Recorder,
): Promise<OfficialDocument> {
  const layout = checkLayout(input);
  if (!layout.ok) throw invalid(layout);
  if (input.addressees.length === 0 && !['公告', '通告', '公报', '纪要', '命令'].includes(input.kind))
    throw new DomainError('INVALID', `a ${input.kind} names its addressee (主送机关)`, {
      field: 'addressees',
      rule: 'addressee_required',
    });
  await checkRecipients(db, input);
  let correctsId: string | null = null;
  if (input.corrects !== undefined) {
    const original = await findByNumber(db, input.corrects, 'corrects');
    correctsId = original.id;
  }
  const id = randomUUID();
  await db
    .insertInto('document')
    .values({
      id,
      kind: input.kind,
      direction: input.direction,
      classification: input.classification,
      secrecy_term_years: input.secrecyTermYears ?? null,
      copy_number: input.copyNumber ?? null,
      urgency: input.urgency,
      document_code: input.documentCode,
      issuer: input.issuer,
      signatories: input.signatories,
      title: input.title,
      addressees: JSON.stringify(input.addressees),
      body: input.body,
      attachments: input.attachments,
      notes: input.notes ?? null,
      copies_to: JSON.stringify(input.copiesTo),
      printing_office: input.printingOffice,
      corrects_id: correctsId,
      status: 'draft',
      drafted_by: recorder.by,
      drafted_at: recorder.at,
    })
    .execute();
  return getDocument(db, id);
}

/** Locks the document and checks it is where `step` starts; CONFLICT naming the status otherwise. */
async function lockFor(db: OfficeResourcesDb, id: string, step: keyof typeof NEXT_STEP) {
  const row = await db
    .selectFrom('document')
    .select(['id', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no document ${id}`, { field: 'id' });
  const rule = NEXT_STEP[step]!;
  if (!rule.from.includes(row.status as DocumentStatus))
    throw new DomainError(
      'CONFLICT',
      `a document ${row.status} cannot be ${step}ed; it must be ${rule.from.join(' or ')}`,
      {
        field: 'id',
        rule: 'wrong_status',
      },
    );
  return getDocument(db, id);
}

/** Sends a draft to review (送审). */
export async function submitDocument(db: OfficeResourcesDb, id: string, recorder: Recorder) {
  const doc = await lockFor(db, id, 'submit');
  if (doc.draftedBy !== recorder.by)
    throw new DomainError('FORBIDDEN', 'only the drafter submits a draft', {
      field: 'id',
      rule: 'not_drafter',
    });
  await db.updateTable('document').set({ status: 'in-review' }).where('id', '=', id).execute();
  return getDocument(db, id);
}

/**
 * Review (审核/复核) by someone other than the drafter: approve, or return to draft with a comment.
 */
export async function reviewDocument(
  db: OfficeResourcesDb,
  input: { id: string; decision: 'approve' | 'return'; comment?: string | undefined },
  recorder: Recorder,
) {
  const doc = await lockFor(db, input.id, 'review');
  if (doc.draftedBy === recorder.by)
    throw new DomainError('FORBIDDEN', 'a drafter does not review their own draft', {
      field: 'id',
      rule: 'reviewer_is_drafter',
    });
  if (input.decision === 'return' && !input.comment)
    throw new DomainError('INVALID', 'a returned draft says why', {
      field: 'comment',
      rule: 'comment_required',
    });
  await db
    .updateTable('document')
    .set({
      status: input.decision === 'approve' ? 'reviewed' : 'draft',
      reviewed_by: recorder.by,
      reviewed_at: recorder.at,
      review_comment: input.comment ?? null,
    })
    .where('id', '=', input.id)
    .execute();
  return getDocument(db, input.id);
}

/** Grants an official the authority to sign off (签发) kinds of documents under a code, up to a classification. */
export async function grantSigningAuthority(
  db: OfficeResourcesDb,
  input: { official: string; documentCode: string; kinds: string[]; maxClassification: Classification },
  recorder: Recorder,
) {
  const row = await db
    .insertInto('signing_authority')
    .values({
      official: input.official,
      document_code: input.documentCode,
      kinds: input.kinds,
      max_classification: input.maxClassification,
      granted_by: recorder.by,
      granted_at: recorder.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), ...input, grantedAt: recorder.at.toISOString() };
}

/**
 * Sign-off (签发) by an official holding the authority for this code, kind and classification. From
 * here on the document's content never changes (a database trigger refuses it too).
 */
export async function signDocument(db: OfficeResourcesDb, id: string, recorder: Recorder) {
  const doc = await lockFor(db, id, 'sign');
  const grants = await db
    .selectFrom('signing_authority')
    .select(['kinds', 'max_classification'])
    .where('official', '=', recorder.by)
    .where('document_code', '=', doc.documentCode)
    .where('revoked_at', 'is', null)
    .execute();
  const covers = grants.some(
    (g) =>
      (g.kinds.length === 0 || g.kinds.includes(doc.kind)) &&
      classificationRank(g.max_classification as Classification) >= classificationRank(doc.classification),
  );
  if (!covers)
    throw new DomainError(
      'FORBIDDEN',
      `${recorder.by} has no authority to sign off a ${doc.kind} under ${doc.documentCode} at this classification`,
      { field: 'signer', rule: 'no_signing_authority' },
    );
  await db
    .updateTable('document')
    .set({
      status: 'signed',
      signed_by: recorder.by,
      signed_at: recorder.at,
      dated_on: chinaDate(recorder.at),
    })
    .where('id', '=', id)
    .execute();
  return getDocument(db, id);
}

/**
 * Registration (登记, 条例 art. 24): the next serial of the document's code and year. The sequence row
 * is updated in the request's transaction, so concurrent registrations queue on its lock, and one that
 * rolls back gives its serial back: numbers are unique and gapless. `expectedSerial` (a registrar's
 * paper ledger) must be the next one, or nothing is written.
 */
export async function registerDocument(
  db: OfficeResourcesDb,
  input: { id: string; expectedSerial?: number | undefined },
  recorder: Recorder,
) {
  const doc = await lockFor(db, input.id, 'register');
  const day = chinaDate(recorder.at);
  const year = Number(day.slice(0, 4));
  const { last_serial: serial } = await db
    .insertInto('document_number_sequence')
    .values({ document_code: doc.documentCode, year, last_serial: 1 })
    .onConflict((oc) =>
      oc
        .columns(['document_code', 'year'])
        .doUpdateSet({ last_serial: sql`document_number_sequence.last_serial + 1` }),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  if (input.expectedSerial !== undefined && input.expectedSerial !== serial)
    throw new DomainError(
      'CONFLICT',
      `the next number of ${doc.documentCode} in ${year} is ${documentNumber(doc.documentCode, year, serial)}, not serial ${input.expectedSerial}`,
      { field: 'expectedSerial', rule: 'out_of_sequence' },
    );
  await db
    .updateTable('document')
    .set({
      status: 'registered',
      year,
      serial,
      number: documentNumber(doc.documentCode, year, serial),
      registered_at: recorder.at,
      printed_on: day,
    })
    .where('id', '=', input.id)
    .execute();
  return getDocument(db, input.id);
}

/** Stores the rendered PDF and its detached seal (用印); both never change afterwards. */
export async function storeSealed(
  db: OfficeResourcesDb,
  input: { id: string; pdf: Uint8Array; seal: unknown },
  recorder: Recorder,
) {
  await lockFor(db, input.id, 'seal');
  await db
    .updateTable('document')
    .set({ status: 'sealed', pdf: input.pdf, seal: JSON.stringify(input.seal), sealed_at: recorder.at })
    .where('id', '=', input.id)
    .execute();
  return getDocument(db, input.id);
}

/** Prepares sealing: the document, locked, in the state sealing starts from. */
export async function documentToSeal(db: OfficeResourcesDb, id: string) {
  return lockFor(db, id, 'seal');
}

/** The sealed PDF and its detached seal, or CONFLICT before sealing. */
export async function sealedCopy(db: OfficeResourcesDb, id: string) {
  const row = await db.selectFrom('document').select(['pdf', 'seal']).where('id', '=', id).executeTakeFirst();
  if (!row?.pdf || !row.seal) return undefined;
  return { pdf: row.pdf, seal: row.seal };
}

/**
 * Distribution (核发): one row per addressee and copy recipient, checked again against the directory
 * and zones at this moment.
 */
export async function distributeDocument(db: OfficeResourcesDb, id: string, recorder: Recorder) {
  const doc = await lockFor(db, id, 'distribute');
  await checkRecipients(db, doc);
  const rows = [
    ...doc.addressees.map((p) => ({ agency_code: p.code, role: 'addressee' as const })),
    ...doc.copiesTo.map((p) => ({ agency_code: p.code, role: 'copy' as const })),
  ].map((r) => ({ ...r, document_id: id, distributed_at: recorder.at }));
  if (rows.length) await db.insertInto('distribution').values(rows).execute();
  await db
    .updateTable('document')
    .set({ status: 'distributed', distributed_at: recorder.at })
    .where('id', '=', id)
    .execute();
  return getDocument(db, id);
}

/** Registers (or updates) an agency in the recipient directory with its receiving system's zone. */
export async function registerRecipient(
  db: OfficeResourcesDb,
  input: { agencyCode: string; name: string; app?: string | undefined; zone: 'internal' | 'external' },
  recorder: Recorder,
) {
  await db
    .insertInto('recipient')
    .values({
      agency_code: input.agencyCode,
      name: input.name,
      app: input.app ?? null,
      zone: input.zone,
      registered_by: recorder.by,
      registered_at: recorder.at,
    })
    .onConflict((oc) =>
      oc.column('agency_code').doUpdateSet({ name: input.name, app: input.app ?? null, zone: input.zone }),
    )
    .execute();
  return { agencyCode: input.agencyCode, name: input.name, app: input.app ?? null, zone: input.zone };
}

/** 阅文登记: records that `reader` read a classified document through `procedure`. */
export async function recordReading(
  db: OfficeResourcesDb,
  doc: { id: string; classification: Classification },
  reader: string,
  procedure: string,
  at: Date,
) {
  if (!isClassified(doc.classification)) return;
  await db
    .insertInto('classified_reading')
    .values({ document_id: doc.id, reader, procedure, read_at: at })
    .execute();
}

/** Everyone who read a classified document, oldest first. */
export async function readingsOf(db: OfficeResourcesDb, id: string) {
  const rows = await db
    .selectFrom('classified_reading')
    .select(['reader', 'procedure', 'read_at'])
    .where('document_id', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ reader: r.reader, procedure: r.procedure, readAt: r.read_at.toISOString() }));
}

/**
 * A receipt (回执) came back for a document this agency sent: the addressee's distribution row is
 * marked signed for. Receipts for other agencies' documents, for unknown numbers or already marked
 * ones change nothing, so a redelivered event has no second effect.
 */
export async function recordReceipt(
  db: OfficeResourcesDb,
  receipt: { senderAgency: string; senderNumber: string; receiverAgency: string; receivedAt: string },
  ownAgency: string,
): Promise<boolean> {
  if (receipt.senderAgency !== ownAgency) return false;
  const r = await db
    .updateTable('distribution')
    .set({ receipted_at: new Date(receipt.receivedAt) })
    .where('agency_code', '=', receipt.receiverAgency)
    .where('receipted_at', 'is', null)
    .where('document_id', '=', (eb) =>
      eb.selectFrom('document').select('id').where('number', '=', receipt.senderNumber),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Where a document went and whether each recipient signed for it. */
export async function distributionsOf(db: OfficeResourcesDb, id: string) {
  const rows = await db
    .selectFrom('distribution')
    .select(['agency_code', 'role', 'distributed_at', 'receipted_at'])
    .where('document_id', '=', id)
    .orderBy('role')
    .orderBy('agency_code')
    .execute();
  return rows.map((r) => ({
    agencyCode: r.agency_code,
    role: r.role,
    distributedAt: r.distributed_at.toISOString(),
    receiptedAt: r.receipted_at?.toISOString() ?? null,
  }));
}
