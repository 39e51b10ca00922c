import { isoDate, sql, toSafeInteger } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { addWorkingDays, chinaDate } from '@egov/standards';
import type { FinancialSupervisionDb } from '../database.ts';
import { requireReporting } from '../institutions/institution.service.ts';
import { table } from '../shared/tables.ts';
import {
  type Category,
  type Currency,
  FileError,
  isLargeValue,
  LARGE_VALUE_THRESHOLDS,
  parseTransactionFile,
  REPORT_DUE_WORKING_DAYS,
  type RowError,
  type TransactionRow,
} from './transaction.rules.ts';

export interface BatchResult {
  batchId: number;
  rowsRead: number;
  rowsAccepted: number;
  rowsRefused: number;
  errors: RowError[];
  largeValueReports: number;
}

const keyOf = (r: {
  customerId: string;
  bookedOn: string;
  category: string;
  currency: string;
  direction: string;
}) => `${r.customerId}|${r.bookedOn}|${r.category}|${r.currency}|${r.direction}`;

/**
 * Takes a file of transactions from an institution: every row is validated
 * (a bad row is reported with its line, field and rule; the good rows are
 * kept), kept rows are added to each customer's one-sided daily totals, and a
 * large-value report is produced for each total that reaches its threshold,
 * once, due 5 working days after the day, flagged overdue when the rows
 * arrived later than that. A file-level fault (header, size, no rows, unknown
 * or revoked institution) refuses the whole file and writes nothing.
 * One institution's files are taken one at a time (a row lock), so totals
 * never race.
 *
 * @example
 * await submitBatch(trx, { institution, format: 'csv', content }, recorderOf(ctx));
 */
export async function submitBatch(
  db: FinancialSupervisionDb,
  input: { institution: string; format: 'csv' | 'jsonl'; content: string },
  recorder: Recorder,
): Promise<BatchResult> {
  const today = chinaDate(recorder.at);
  let parsed: ReturnType<typeof parseTransactionFile>;
  try {
    parsed = parseTransactionFile(input.format, input.content, today);
  } catch (e) {
    if (e instanceof FileError)
      throw new DomainError('INVALID', e.message, { field: 'content', rule: e.rule });
    throw e;
  }
  await requireReporting(db, input.institution);
  await db
    .selectFrom('institution')
    .select('credit_code')
    .where('credit_code', '=', input.institution)
    .forUpdate()
    .execute();

  const batch = await db
    .insertInto('transaction_batch')
    .values({
      institution: input.institution,
      format: input.format,
      rows_read: parsed.lines,
      rows_accepted: 0,
      rows_refused: 0,
      submitted_by: recorder.by,
      submitted_at: recorder.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const batchId = toSafeInteger(batch.id);
  const errors = [...parsed.errors];
  const accepted = await insertRows(db, input.institution, batchId, parsed.rows);
  for (const row of parsed.rows)
    if (!accepted.has(row.txnId))
      errors.push({
        line: row.line,
        field: 'txn_id',
        rule: 'duplicate',
        message: `transaction ${row.txnId} was reported in an earlier file`,
      });
  errors.sort((a, b) => a.line - b.line);
  const kept = parsed.rows.filter((r) => accepted.has(r.txnId));
  const reports = kept.length > 0 ? await produceReports(db, input.institution, batchId, kept, recorder) : 0;
  await db
    .updateTable('transaction_batch')
    .set({ rows_accepted: kept.length, rows_refused: errors.length })
    .where('id', '=', String(batchId))
    .execute();
  return {
    batchId,
    rowsRead: parsed.lines,
    rowsAccepted: kept.length,
    rowsRefused: errors.length,
    errors,
    largeValueReports: reports,
  };
}

/** One statement for the whole file (arrays unnested), duplicates of earlier files skipped; the ids kept. */
async function insertRows(
  db: FinancialSupervisionDb,
  institution: string,
  batchId: number,
  rows: TransactionRow[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const col = <T>(f: (r: TransactionRow) => T) => rows.map(f);
  const result = await sql<{ txn_id: string }>`
    insert into ${table(db, 'transaction_record')} (institution, txn_id, batch_id, customer_type, customer_id, customer_name,
      kind, direction, cross_border, currency, amount_minor, booked_on, category)
    select ${institution}, u.txn_id, ${batchId}::bigint, u.customer_type, u.customer_id, u.customer_name,
      u.kind, u.direction, u.cross_border, u.currency, u.amount_minor, u.booked_on, u.category
    from unnest(
      ${col((r) => r.txnId)}::text[], ${col((r) => r.customerType)}::text[], ${col((r) => r.customerId)}::text[],
      ${col((r) => r.customerName)}::text[], ${col((r) => r.kind)}::text[], ${col((r) => r.direction)}::text[],
      ${col((r) => r.crossBorder)}::boolean[], ${col((r) => r.currency)}::text[],
      ${col((r) => String(r.amountMinor))}::bigint[], ${col((r) => r.bookedOn)}::date[], ${col((r) => r.category)}::text[]
    ) as u(txn_id, customer_type, customer_id, customer_name, kind, direction, cross_border, currency,
           amount_minor, booked_on, category)
    on conflict (institution, txn_id) do nothing
    returning txn_id`.execute(db);
  return new Set(result.rows.map((r) => r.txn_id));
}

/**
 * Adds the kept rows to the daily totals (one upsert that returns each
 * touched total) and inserts a report for every total at or over its
 * threshold that has none yet.
 */
async function produceReports(
  db: FinancialSupervisionDb,
  institution: string,
  batchId: number,
  kept: TransactionRow[],
  recorder: Recorder,
): Promise<number> {
  const { rows: totals } = await sql<{
    customer_id: string;
    booked_on: string;
    category: Category;
    currency: Currency;
    direction: 'in' | 'out';
    total_minor: string;
  }>`
    insert into ${table(db, 'daily_total')} (institution, customer_id, booked_on, category, currency, direction, total_minor, txn_count)
    select institution, customer_id, booked_on, category, currency, direction, sum(amount_minor), count(*)
      from ${table(db, 'transaction_record')} where batch_id = ${batchId}
      group by institution, customer_id, booked_on, category, currency, direction
      order by customer_id, booked_on, category, currency, direction
    on conflict (institution, customer_id, booked_on, category, currency, direction) do update
      set total_minor = daily_total.total_minor + excluded.total_minor,
          txn_count = daily_total.txn_count + excluded.txn_count
    returning customer_id, to_char(booked_on, 'YYYY-MM-DD') as booked_on, category, currency, direction,
      total_minor::text`.execute(db);
  const over = totals.filter((t) => isLargeValue(t.category, t.currency, BigInt(t.total_minor)));
  if (over.length === 0) return 0;
  const first = new Map<string, TransactionRow>();
  for (const r of kept) if (!first.has(keyOf(r))) first.set(keyOf(r), r);
  const received = chinaDate(recorder.at);
  const due = new Map<string, string>();
  const dueOn = (day: string) => {
    let d = due.get(day);
    if (!d) {
      d = addWorkingDays(day, REPORT_DUE_WORKING_DAYS);
      due.set(day, d);
    }
    return d;
  };
  const values = over.map((t) => {
    const row = first.get(keyOf({ customerId: t.customer_id, bookedOn: t.booked_on, ...t }))!;
    const dueDay = dueOn(t.booked_on);
    return {
      institution,
      customer_id: t.customer_id,
      customer_type: row.customerType,
      customer_name: row.customerName,
      booked_on: t.booked_on,
      category: t.category,
      currency: t.currency,
      direction: t.direction,
      threshold_minor: LARGE_VALUE_THRESHOLDS[t.category][t.currency],
      batch_id: batchId,
      due_on: dueDay,
      received_on: received,
      overdue: received > dueDay,
      produced_at: recorder.at,
    };
  });
  let produced = 0;
  for (let i = 0; i < values.length; i += 1000) {
    const r = await db
      .insertInto('large_value_report')
      .values(values.slice(i, i + 1000))
      .onConflict((oc) =>
        oc
          .columns(['institution', 'customer_id', 'booked_on', 'category', 'currency', 'direction'])
          .doNothing(),
      )
      .executeTakeFirst();
    produced += Number(r.numInsertedOrUpdatedRows ?? 0n);
  }
  return produced;
}

export interface LargeValueReport {
  id: number;
  institution: string;
  customerType: 'individual' | 'organisation';
  customerId: string;
  customerName: string;
  bookedOn: string;
  category: Category;
  currency: Currency;
  direction: 'in' | 'out';
  totalMinor: string;
  transactions: number;
  thresholdMinor: number;
  dueOn: string;
  receivedOn: string;
  overdue: boolean;
}

/** Large-value reports with their current totals, newest day first. */
export async function listLargeValueReports(
  db: FinancialSupervisionDb,
  filter: {
    institution?: string | undefined;
    overdue?: boolean | undefined;
    bookedOn?: string | undefined;
    limit: number;
  },
): Promise<LargeValueReport[]> {
  let q = db
    .selectFrom('large_value_report as r')
    .innerJoin('daily_total as d', (j) =>
      j
        .onRef('d.institution', '=', 'r.institution')
        .onRef('d.customer_id', '=', 'r.customer_id')
        .onRef('d.booked_on', '=', 'r.booked_on')
        .onRef('d.category', '=', 'r.category')
        .onRef('d.currency', '=', 'r.currency')
        .onRef('d.direction', '=', 'r.direction'),
    )
    .select([
      'r.id',
      'r.institution',
      'r.customer_type',
      'r.customer_id',
      'r.customer_name',
      isoDate('r.booked_on').as('booked_on'),
      'r.category',
      'r.currency',
      'r.direction',
      sql<string>`d.total_minor::text`.as('total_minor'),
      'd.txn_count',
      'r.threshold_minor',
      isoDate('r.due_on').as('due_on'),
      isoDate('r.received_on').as('received_on'),
      'r.overdue',
    ])
    .orderBy('r.booked_on', 'desc')
    .orderBy('r.id')
    .limit(filter.limit);
  if (filter.institution) q = q.where('r.institution', '=', filter.institution);
  if (filter.overdue !== undefined) q = q.where('r.overdue', '=', filter.overdue);
  if (filter.bookedOn) q = q.where('r.booked_on', '=', filter.bookedOn);
  return (await q.execute()).map((r) => ({
    id: toSafeInteger(r.id),
    institution: r.institution,
    customerType: r.customer_type,
    customerId: r.customer_id,
    customerName: r.customer_name,
    bookedOn: r.booked_on,
    category: r.category,
    currency: r.currency,
    direction: r.direction,
    totalMinor: r.total_minor,
    transactions: r.txn_count,
    thresholdMinor: toSafeInteger(r.threshold_minor),
    dueOn: r.due_on,
    receivedOn: r.received_on,
    overdue: r.overdue,
  }));
}
