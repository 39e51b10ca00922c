import { DomainError } from '@egov/kernel/errors';
import { chinaDate } from '@egov/standards';
import { sql } from 'kysely';
import type { SocialSecurityDb } from '../database.ts';

/** Lines per payment request to golden-finance: its `MAX_BATCH_LINES`. */
export const PAYROLL_CHUNK = 1000;

/** Payment requests in flight at once: golden-finance parses and answers one while the database writes another. */
export const PAYROLL_IN_FLIGHT = 3;

/** The bank the pension is paid to: the financial account of the person's social-security card. */
export const CARD_ACCOUNT_BANK = '社会保障卡金融账户 social-security card account';

/** A pensioner to pay in a month: the pension, its amount and the card account it is paid to. */
export interface PayrollCandidate {
  pensionUuid: string;
  residentId: string;
  name: string;
  bankCard: string | null;
  amountFen: number;
}

/** The caller's reference of a pension line at golden-finance: one per pension and month. */
export function payrollReference(month: string, pensionUuid: string): string {
  return `pension:${month}:${pensionUuid}`;
}

/**
 * Refuses a run for a month in the future (China time), or for a month run
 * already (409 `already_run`). The advisory lock queues two runs of one month:
 * the second sees the first's row once it commits.
 *
 * @example
 * await checkRunnable(trx, '2026-11', new Date());
 */
export async function checkRunnable(trx: SocialSecurityDb, month: string, now: Date): Promise<void> {
  const current = chinaDate(now).slice(0, 7);
  if (month > current)
    throw new DomainError('INVALID', `${month} is in the future: the current month is ${current}`, {
      field: 'month',
      rule: 'in_future',
    });
  await sql`select pg_advisory_xact_lock(hashtextextended(${`social-security payroll ${month}`}, 0))`.execute(
    trx,
  );
  const run = await trx
    .selectFrom('payroll_run')
    .select('month')
    .where('month', '=', month)
    .executeTakeFirst();
  if (run)
    throw new DomainError('CONFLICT', `the payroll of ${month} has run already`, {
      field: 'month',
      rule: 'already_run',
    });
}

/**
 * Every living pensioner of `month`: awarded from that month or before, and
 * not dead before it (a pension is paid to the end of the month of death), in
 * a stable order so a resumed run sends the same batches.
 *
 * @example
 * const due = await pensionersDue(trx, '2026-11');
 */
export async function pensionersDue(db: SocialSecurityDb, month: string): Promise<PayrollCandidate[]> {
  const rows = await db
    .selectFrom('pension')
    .innerJoin('insured_person', 'insured_person.uuid', 'pension.insured_uuid')
    .leftJoin('card', (j) =>
      j.onRef('card.insured_uuid', '=', 'pension.insured_uuid').on('card.status', '=', 'active'),
    )
    .select([
      'pension.uuid as pensionUuid',
      'insured_person.resident_id as residentId',
      'insured_person.name',
      'card.bank_card as bankCard',
      'pension.monthly_fen',
    ])
    .where('pension.first_month', '<=', month)
    .where((eb) =>
      eb.or([eb('pension.died_on', 'is', null), eb(sql`to_char(pension.died_on, 'YYYY-MM')`, '>=', month)]),
    )
    .orderBy('pension.uuid')
    .execute();
  return rows.map(({ monthly_fen, ...r }) => ({ ...r, amountFen: Number(monthly_fen) }));
}

/** What golden-finance answered for one line. */
export interface RequestedLine {
  pensionUuid: string;
  amountFen: number;
  paymentId: string;
  status: 'requested' | 'cancelled';
}

/** Writes the lines golden-finance answered, in one insert per chunk. */
export async function recordLines(
  trx: SocialSecurityDb,
  month: string,
  lines: readonly RequestedLine[],
): Promise<void> {
  if (lines.length === 0) return;
  await trx
    .insertInto('payroll_line')
    .values(
      lines.map((l) => ({
        month,
        pension_uuid: l.pensionUuid,
        amount_fen: l.amountFen,
        payment_id: l.paymentId,
        status: l.status,
      })),
    )
    .execute();
}

export interface PayrollRun {
  month: string;
  budgetUnit: string;
  appropriationId: string;
  pensioners: number;
  totalFen: number;
  cancelled: number;
  runBy: string;
  runAt: Date;
}

/** The run of `month`, or NOT_FOUND naming `month`. */
export async function getPayrollRun(db: SocialSecurityDb, month: string): Promise<PayrollRun> {
  const row = await db.selectFrom('payroll_run').selectAll().where('month', '=', month).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `the payroll of ${month} has not run`, { field: 'month' });
  return {
    month: row.month,
    budgetUnit: row.budget_unit,
    appropriationId: row.appropriation_id,
    pensioners: row.pensioners,
    totalFen: Number(row.total_fen),
    cancelled: row.cancelled,
    runBy: row.run_by,
    runAt: row.run_at,
  };
}
