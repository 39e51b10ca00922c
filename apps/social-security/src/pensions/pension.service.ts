import { randomUUID } from 'node:crypto';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { pensionEligibility, type RetirementCategory } from '@egov/standards';
import { sql } from 'kysely';
import { averageWageFor } from '../contributions/contribution.service.ts';
import type { SocialSecurityDb } from '../database.ts';
import { getInsured } from '../insured/insured.service.ts';
import { checkCategory } from '../insured/insured.rules.ts';
import { awardPension } from './pension.rules.ts';

export interface Pension {
  uuid: string;
  insuredUuid: string;
  residentId: string;
  name: string;
  category: RetirementCategory;
  firstMonth: string;
  contributionMonths: number;
  averageIndexBp: number;
  previousYearAnnualFen: number;
  accountBalanceFen: number;
  divisor: number;
  basicFen: number;
  accountFen: number;
  monthlyFen: number;
  diedOn: string | null;
  awardedAt: Date;
}

function select(db: SocialSecurityDb) {
  return db
    .selectFrom('pension')
    .innerJoin('insured_person', 'insured_person.uuid', 'pension.insured_uuid')
    .select([
      'pension.uuid',
      'pension.insured_uuid as insuredUuid',
      'insured_person.resident_id as residentId',
      'insured_person.name',
      'pension.category',
      'pension.first_month as firstMonth',
      'pension.contribution_months as contributionMonths',
      'pension.average_index_bp as averageIndexBp',
      'pension.previous_year_annual_fen',
      'pension.account_balance_fen',
      'pension.divisor',
      'pension.basic_fen',
      'pension.account_fen',
      'pension.monthly_fen',
      sql<string | null>`to_char(pension.died_on, 'YYYY-MM-DD')`.as('diedOn'),
      'pension.awarded_at as awardedAt',
    ]);
}

/** The pension of the person with this resident ID, or NOT_FOUND naming `residentId`. */
export async function getPension(db: SocialSecurityDb, residentId: string): Promise<Pension> {
  const row = await select(db).where('insured_person.resident_id', '=', residentId).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'no pension for this resident ID', { field: 'residentId' });
  const { previous_year_annual_fen, account_balance_fen, basic_fen, account_fen, monthly_fen, ...rest } = row;
  return {
    ...rest,
    previousYearAnnualFen: Number(previous_year_annual_fen),
    accountBalanceFen: Number(account_balance_fen),
    basicFen: Number(basic_fen),
    accountFen: Number(account_fen),
    monthlyFen: Number(monthly_fen),
  };
}

/**
 * Awards a monthly pension from `firstMonth` (国发〔2005〕38号): refused unless
 * the person is insured here, the category fits, the statutory age is reached
 * by that month and the minimum contribution period is met (`pensionEligibility`),
 * golden-shield has not reported the person dead, the person holds an active
 * social-security card (the pension is paid to its bank account), and the
 * previous year's average wage is known. Contribution months are the months
 * credited here, each with its base and the average wage it was declared against.
 *
 * @example
 * await awardPensionTo(trx, { residentId, category: 'male', firstMonth: '2025-02' }, recorderOf(ctx));
 */
export async function awardPensionTo(
  trx: SocialSecurityDb,
  input: { residentId: string; category: RetirementCategory; firstMonth: string },
  recorder: Recorder,
): Promise<Pension> {
  const person = await getInsured(trx, input.residentId);
  // One award per person even under a race: the row lock on the person queues a second award.
  await trx.selectFrom('insured_person').select('uuid').where('uuid', '=', person.uuid).forUpdate().execute();
  const category = checkCategory(person.sex, input.category);
  if (!category.ok)
    throw new DomainError('INVALID', category.message, { field: 'category', rule: category.part });
  const awarded = await trx
    .selectFrom('pension')
    .select('uuid')
    .where('insured_uuid', '=', person.uuid)
    .executeTakeFirst();
  if (awarded)
    throw new DomainError('CONFLICT', 'a pension is already awarded to this person', {
      field: 'residentId',
      rule: 'already_awarded',
    });
  const died = await trx
    .selectFrom('reported_death')
    .select('died_on')
    .where('resident_id', '=', input.residentId)
    .executeTakeFirst();
  if (died)
    throw new DomainError('CONFLICT', 'golden-shield reported this person dead', {
      field: 'residentId',
      rule: 'deceased',
    });
  const months = await trx
    .selectFrom('declaration_line')
    .innerJoin('declaration', 'declaration.id', 'declaration_line.declaration_id')
    .select(['declaration.period', 'declaration_line.base_fen', 'declaration.annual_average_fen'])
    .where('declaration_line.insured_uuid', '=', person.uuid)
    .orderBy('declaration.period')
    .execute();
  // One month counts once, whichever employer declared it (the higher base if two did).
  const byPeriod = new Map<string, { baseFen: number; annualAverageFen: number }>();
  for (const m of months) {
    const line = { baseFen: Number(m.base_fen), annualAverageFen: Number(m.annual_average_fen) };
    const seen = byPeriod.get(m.period);
    if (!seen || seen.baseFen < line.baseFen) byPeriod.set(m.period, line);
  }
  const verdict = pensionEligibility({
    birth: person.birthDate,
    category: category.value,
    contributionMonths: byPeriod.size,
    month: input.firstMonth,
  });
  if (!verdict.eligible)
    throw new DomainError('INVALID', verdict.message, {
      field: verdict.rule === 'before_statutory_age' ? 'firstMonth' : 'residentId',
      rule: verdict.rule,
    });
  const card = await trx
    .selectFrom('card')
    .select('id')
    .where('insured_uuid', '=', person.uuid)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!card)
    throw new DomainError(
      'CONFLICT',
      'the pension is paid to the social-security card: this person holds no active card',
      {
        field: 'residentId',
        rule: 'no_card',
      },
    );
  const previousYear = Number(input.firstMonth.slice(0, 4)) - 1;
  const wage = await averageWageFor(trx, previousYear);
  if (!wage)
    throw new DomainError('INVALID', `no average wage is known for ${previousYear}`, {
      field: 'firstMonth',
      rule: 'no_average_wage',
    });
  const balance = await trx
    .selectFrom('personal_account_entry')
    .select(sql<string>`coalesce(sum(amount_fen), 0)::text`.as('total'))
    .where('insured_uuid', '=', person.uuid)
    .executeTakeFirstOrThrow();
  const award = awardPension({
    birth: person.birthDate,
    firstMonth: input.firstMonth,
    months: [...byPeriod.values()],
    previousYearAnnualAverageFen: wage.annualFen,
    accountBalanceFen: BigInt(balance.total),
  });
  await trx
    .insertInto('pension')
    .values({
      uuid: randomUUID(),
      insured_uuid: person.uuid,
      category: category.value,
      first_month: input.firstMonth,
      contribution_months: byPeriod.size,
      average_index_bp: award.averageIndexBp,
      previous_year_annual_fen: wage.annualFen,
      account_balance_fen: balance.total,
      divisor: award.divisor,
      basic_fen: award.basicFen,
      account_fen: award.accountFen,
      monthly_fen: award.monthlyFen,
      awarded_by: recorder.by,
      awarded_at: recorder.at,
    })
    .execute();
  return getPension(trx, input.residentId);
}

export interface RecoveryClaim {
  month: string;
  amountFen: number;
  paymentId: string;
  status: 'open' | 'withdrawn';
  openedAt: Date;
  withdrawnAt: Date | null;
}

/** The recovery claims of a pension, by month: open (paid after the death) or withdrawn (the treasury cancelled it unpaid). */
export async function recoveryClaims(db: SocialSecurityDb, pensionUuid: string): Promise<RecoveryClaim[]> {
  const rows = await db
    .selectFrom('recovery_claim')
    .select(['month', 'amount_fen', 'payment_id', 'status', 'opened_at', 'withdrawn_at'])
    .where('pension_uuid', '=', pensionUuid)
    .orderBy('month')
    .execute();
  return rows.map((r) => ({
    month: r.month,
    amountFen: Number(r.amount_fen),
    paymentId: r.payment_id,
    status: r.status,
    openedAt: r.opened_at,
    withdrawnAt: r.withdrawn_at,
  }));
}
