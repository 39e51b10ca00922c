import { toFen, toSafeInteger } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { chinaDate, type Fen, fen, fenTotal } from '@egov/standards';
import { sql } from 'kysely';
import type { SocialSecurityDb } from '../database.ts';
import { requireEmployer, requireInsured } from '../employers/employer.service.ts';
import {
  baseBounds,
  checkDeclarationPeriod,
  contributionFor,
  DEFAULT_ANNUAL_AVERAGE_WAGE_FEN,
  dueOn,
  lateFee,
  ratesOn,
} from './contribution.rules.ts';

export interface AverageWage {
  year: number;
  annualFen: Fen;
  monthlyAverageFen: Fen;
  floorFen: Fen;
  capFen: Fen;
  /** `local` when the province set it, `national-default` when the stated default applies. */
  source: 'local' | 'national-default';
}

/**
 * Sets the local average wage of a year (R: set locally), replacing an earlier figure for that year.
 *
 * @example
 * await setAverageWage(trx, { year: 2026, annualFen: 13_000_000 }, recorderOf(ctx));
 */
export async function setAverageWage(
  db: SocialSecurityDb,
  input: { year: number; annualFen: number },
  recorder: Recorder,
): Promise<AverageWage> {
  await db
    .insertInto('average_wage')
    .values({ year: input.year, annual_fen: input.annualFen, set_by: recorder.by, set_at: recorder.at })
    .onConflict((oc) =>
      oc
        .column('year')
        .doUpdateSet({ annual_fen: input.annualFen, set_by: recorder.by, set_at: recorder.at }),
    )
    .execute();
  const wage = await averageWageFor(db, input.year);
  if (!wage) throw new Error('an average wage just written cannot be read back');
  return wage;
}

/** The average wage that bounds bases in `year`: the local figure, else the stated default, else undefined. */
export async function averageWageFor(db: SocialSecurityDb, year: number): Promise<AverageWage | undefined> {
  const row = await db
    .selectFrom('average_wage')
    .select('annual_fen')
    .where('year', '=', year)
    .executeTakeFirst();
  const stated = DEFAULT_ANNUAL_AVERAGE_WAGE_FEN[year];
  const annualFen = row ? toFen(row.annual_fen) : stated === undefined ? undefined : fen(stated);
  if (annualFen === undefined) return undefined;
  return { year, annualFen, ...baseBounds(annualFen), source: row ? 'local' : 'national-default' };
}

export interface DeclarationLineInput {
  residentId: string;
  wageFen: number;
}

export interface Declaration {
  id: number;
  creditCode: string;
  period: string;
  averageWage: { annualFen: number; source: 'local' | 'national-default' };
  rates: { employer: string; employee: string };
  employerFen: number;
  employeeFen: number;
  lines: {
    residentId: string;
    insuredUuid: string;
    name: string;
    wageFen: number;
    baseFen: number;
    employerFen: number;
    employeeFen: number;
  }[];
}

const lineField = (i: number, name: string) => `lines.${i}.${name}`;

/**
 * Files an employer's declaration for a month: each line an insured person
 * employed there in that month, the base and amounts computed by the rules,
 * the employee's part credited to the personal account. Once per employer
 * and month (409). Everything is checked before anything is written.
 *
 * @example
 * await fileDeclaration(trx, { creditCode, period: '2026-11', lines: [{ residentId, wageFen: 800_000 }] }, recorderOf(ctx));
 */
export async function fileDeclaration(
  db: SocialSecurityDb,
  input: { creditCode: string; period: string; lines: DeclarationLineInput[] },
  recorder: Recorder,
): Promise<Declaration> {
  const period = checkDeclarationPeriod(input.period, chinaDate(recorder.at));
  if (!period.ok) throw new DomainError('INVALID', period.message, { field: 'period', rule: period.part });
  const employer = await requireEmployer(db, input.creditCode);
  const wage = await averageWageFor(db, Number(input.period.slice(0, 4)));
  if (!wage)
    throw new DomainError(
      'INVALID',
      `no average wage is set for ${input.period.slice(0, 4)} and no default is stated`,
      {
        field: 'period',
        rule: 'no_average_wage',
      },
    );
  const rates = ratesOn(`${input.period}-01`);
  if (!rates.ok) throw new DomainError('INVALID', rates.message, { field: 'period', rule: rates.part });
  const seen = new Set<string>();
  const lines: Declaration['lines'] = [];
  for (const [i, line] of input.lines.entries()) {
    if (seen.has(line.residentId))
      throw new DomainError('INVALID', 'a person appears twice in one declaration', {
        field: lineField(i, 'residentId'),
        rule: 'duplicate',
      });
    seen.add(line.residentId);
    const person = await requireInsured(db, line.residentId, lineField(i, 'residentId'));
    const employed = await db
      .selectFrom('employment')
      .select('id')
      .where('employer_code', '=', employer.creditCode)
      .where('insured_uuid', '=', person.uuid)
      .where(
        sql<boolean>`daterange(start_on, end_on, '[]') && daterange(${`${input.period}-01`}::date, (${`${input.period}-01`}::date + interval '1 month')::date, '[)')`,
      )
      .executeTakeFirst();
    if (!employed)
      throw new DomainError('INVALID', `this person was not employed by the employer in ${input.period}`, {
        field: lineField(i, 'residentId'),
        rule: 'not_employed',
      });
    const c = contributionFor(line.wageFen, wage, rates.value);
    lines.push({
      residentId: person.residentId,
      insuredUuid: person.uuid,
      name: person.name,
      wageFen: line.wageFen,
      baseFen: c.baseFen,
      employerFen: c.employerFen,
      employeeFen: c.employeeFen,
    });
  }
  const employerFen = lines.reduce((s, l) => s + l.employerFen, 0);
  const employeeFen = lines.reduce((s, l) => s + l.employeeFen, 0);
  const row = await db
    .insertInto('declaration')
    .values({
      employer_code: employer.creditCode,
      period: input.period,
      annual_average_fen: wage.annualFen,
      average_source: wage.source,
      employer_rate: rates.value.employer,
      employee_rate: rates.value.employee,
      employer_fen: employerFen,
      employee_fen: employeeFen,
      filed_by: recorder.by,
      filed_at: recorder.at,
    })
    .onConflict((oc) => oc.constraint('declaration_once_a_month').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row)
    throw new DomainError('CONFLICT', `the employer has filed its declaration for ${input.period} already`, {
      field: 'period',
      rule: 'already_declared',
    });
  const id = toSafeInteger(row.id);
  if (lines.length > 0) {
    await db
      .insertInto('declaration_line')
      .values(
        lines.map((l) => ({
          declaration_id: id,
          insured_uuid: l.insuredUuid,
          wage_fen: l.wageFen,
          base_fen: l.baseFen,
          employer_fen: l.employerFen,
          employee_fen: l.employeeFen,
        })),
      )
      .execute();
    await db
      .insertInto('personal_account_entry')
      .values(
        lines.map((l) => ({
          insured_uuid: l.insuredUuid,
          period: input.period,
          amount_fen: l.employeeFen,
          declaration_id: id,
          credited_at: recorder.at,
        })),
      )
      .execute();
  }
  return {
    id,
    creditCode: employer.creditCode,
    period: input.period,
    averageWage: { annualFen: wage.annualFen, source: wage.source },
    rates: { employer: rates.value.employer, employee: rates.value.employee },
    employerFen,
    employeeFen,
    lines,
  };
}

/** The declaration of an employer for a month, or NOT_FOUND. */
export async function getDeclaration(
  db: SocialSecurityDb,
  creditCode: string,
  period: string,
): Promise<Declaration> {
  const d = await db
    .selectFrom('declaration')
    .selectAll()
    .where('employer_code', '=', creditCode)
    .where('period', '=', period)
    .executeTakeFirst();
  if (!d)
    throw new DomainError('NOT_FOUND', `no declaration of this employer for ${period}`, { field: 'period' });
  const id = toSafeInteger(d.id);
  const rows = await db
    .selectFrom('declaration_line as l')
    .innerJoin('insured_person as p', 'p.uuid', 'l.insured_uuid')
    .select([
      'p.resident_id',
      'p.uuid',
      'p.name',
      'l.wage_fen',
      'l.base_fen',
      'l.employer_fen',
      'l.employee_fen',
    ])
    .where('l.declaration_id', '=', id)
    .orderBy('p.resident_id')
    .execute();
  return {
    id,
    creditCode: d.employer_code,
    period: d.period,
    averageWage: { annualFen: toFen(d.annual_average_fen), source: d.average_source },
    rates: { employer: d.employer_rate, employee: d.employee_rate },
    employerFen: toFen(d.employer_fen),
    employeeFen: toFen(d.employee_fen),
    lines: rows.map((r) => ({
      residentId: r.resident_id,
      insuredUuid: r.uuid,
      name: r.name,
      wageFen: toFen(r.wage_fen),
      baseFen: toFen(r.base_fen),
      employerFen: toFen(r.employer_fen),
      employeeFen: toFen(r.employee_fen),
    })),
  };
}

/** An insured person's personal account: the balance (a decimal fen string) and its credits, oldest first. */
export async function personalAccount(
  db: SocialSecurityDb,
  insuredUuid: string,
): Promise<{ balanceFen: string; entries: { period: string; amountFen: number; declarationId: number }[] }> {
  const rows = await db
    .selectFrom('personal_account_entry')
    .select(['period', 'amount_fen', 'declaration_id'])
    .where('insured_uuid', '=', insuredUuid)
    .orderBy('period')
    .orderBy('id')
    .execute();
  const balance = rows.reduce((s, r) => s + fenTotal(r.amount_fen), 0n);
  return {
    balanceFen: balance.toString(),
    entries: rows.map((r) => ({
      period: r.period,
      amountFen: toFen(r.amount_fen),
      declarationId: toSafeInteger(r.declaration_id),
    })),
  };
}

export interface Payment {
  declarationId: number;
  period: string;
  contributionFen: number;
  lateFeeFen: number;
  daysLate: number;
  dueOn: string;
  paidOn: string;
}

/**
 * Records the payment of an employer's declaration for a month, paid on
 * `paidOn` (the bank's value date), with the late fee owed for every day after
 * the due day. Once (409 `already_paid`); `paidOn` is not in the future nor
 * before the month declared.
 *
 * @example
 * await payDeclaration(trx, { creditCode, period: '2026-10', paidOn: '2026-11-20' }, recorderOf(ctx));
 */
export async function payDeclaration(
  db: SocialSecurityDb,
  input: { creditCode: string; period: string; paidOn: string },
  recorder: Recorder,
): Promise<Payment> {
  const today = chinaDate(recorder.at);
  if (input.paidOn > today)
    throw new DomainError('INVALID', `a payment cannot be dated after today (${today})`, {
      field: 'paidOn',
      rule: 'in_future',
    });
  if (input.paidOn < `${input.period}-01`)
    throw new DomainError(
      'INVALID',
      `a payment for ${input.period} cannot be dated before the month begins`,
      {
        field: 'paidOn',
        rule: 'before_period',
      },
    );
  const d = await db
    .selectFrom('declaration')
    .select(['id', 'employer_fen', 'employee_fen'])
    .where('employer_code', '=', input.creditCode)
    .where('period', '=', input.period)
    .forUpdate()
    .executeTakeFirst();
  if (!d)
    throw new DomainError('INVALID', `the employer has no declaration for ${input.period}`, {
      field: 'period',
      rule: 'not_declared',
    });
  const id = toSafeInteger(d.id);
  const contributionFen = toFen(d.employer_fen) + toFen(d.employee_fen);
  const due = dueOn(input.period);
  const fee = lateFee(contributionFen, due, input.paidOn);
  const row = await db
    .insertInto('declaration_payment')
    .values({
      declaration_id: id,
      contribution_fen: contributionFen,
      late_fee_fen: fee.feeFen,
      days_late: fee.daysLate,
      due_on: due,
      paid_on: input.paidOn,
      recorded_by: recorder.by,
      recorded_at: recorder.at,
    })
    .onConflict((oc) => oc.column('declaration_id').doNothing())
    .returning('declaration_id')
    .executeTakeFirst();
  if (!row)
    throw new DomainError('CONFLICT', `the declaration for ${input.period} is paid already`, {
      field: 'period',
      rule: 'already_paid',
    });
  return {
    declarationId: id,
    period: input.period,
    contributionFen,
    lateFeeFen: fee.feeFen,
    daysLate: fee.daysLate,
    dueOn: due,
    paidOn: input.paidOn,
  };
}

/**
 * An employer's unpaid declarations as of `asOf`, oldest first: what is owed
 * and the late fee accrued so far (none before the due day).
 */
export async function arrearsOf(
  db: SocialSecurityDb,
  creditCode: string,
  asOf: string,
): Promise<
  { period: string; contributionFen: number; dueOn: string; daysLate: number; lateFeeFen: number }[]
> {
  const rows = await db
    .selectFrom('declaration as d')
    .leftJoin('declaration_payment as p', 'p.declaration_id', 'd.id')
    .select(['d.period', 'd.employer_fen', 'd.employee_fen'])
    .where('d.employer_code', '=', creditCode)
    .where('p.declaration_id', 'is', null)
    .orderBy('d.period')
    .execute();
  return rows.map((r) => {
    const contributionFen = toFen(r.employer_fen) + toFen(r.employee_fen);
    const due = dueOn(r.period);
    const fee = lateFee(contributionFen, due, asOf);
    return { period: r.period, contributionFen, dueOn: due, daysLate: fee.daysLate, lateFeeFen: fee.feeFen };
  });
}
