import { DomainError } from '@egov/kernel/errors';
import type { GoldenFinanceDb } from '../database.ts';
import { expenditureAccount, unitZbaAccount } from '../ledger/ledger.rules.ts';
import type { Recorder } from '@egov/kernel/trpc';

export interface BudgetUnitRegistration {
  code: string;
  name: string;
  creditCode: string;
  division: string;
}

export interface BudgetUnit extends BudgetUnitRegistration {
  id: string;
  accounts: { zeroBalance: string; expenditure: string };
}

const columns = ['id', 'code', 'name', 'credit_code as creditCode', 'division'] as const;

function withAccounts(row: Omit<BudgetUnit, 'accounts'>): BudgetUnit {
  return {
    ...row,
    accounts: { zeroBalance: unitZbaAccount(row.code), expenditure: expenditureAccount(row.code) },
  };
}

/**
 * Registers a budget unit and opens its accounts: its zero-balance account
 * (authorised payments go out through it) and its expenditure account. A code
 * or credit code already registered is a CONFLICT naming the field.
 *
 * @example
 * await registerBudgetUnit(trx, { code: '201001', name: '北京市教育委员会', creditCode, division: '110000' }, recorder);
 */
export async function registerBudgetUnit(
  trx: GoldenFinanceDb,
  unit: BudgetUnitRegistration,
  recorder: Recorder,
): Promise<BudgetUnit> {
  const taken = await trx
    .selectFrom('budget_unit')
    .select(['code', 'credit_code'])
    .where((eb) => eb.or([eb('code', '=', unit.code), eb('credit_code', '=', unit.creditCode)]))
    .executeTakeFirst();
  if (taken) {
    const field = taken.code === unit.code ? 'code' : 'creditCode';
    throw new DomainError('CONFLICT', `a budget unit with this ${field} is already registered`, {
      field,
      rule: 'already_registered',
    });
  }
  // A concurrent registration of the same code loses on the unique constraint: no row comes back.
  const row = await trx
    .insertInto('budget_unit')
    .values({
      code: unit.code,
      name: unit.name,
      credit_code: unit.creditCode,
      division: unit.division,
      created_at: recorder.at,
      created_by: recorder.by,
    })
    .onConflict((oc) => oc.doNothing())
    .returning(columns)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('CONFLICT', 'a budget unit with this code or credit code is already registered', {
      field: 'code',
      rule: 'already_registered',
    });
  }
  await trx
    .insertInto('account')
    .values([
      {
        code: unitZbaAccount(row.code),
        name: `${row.name} 零余额账户`,
        type: 'asset',
        budget_unit_id: row.id,
      },
      {
        code: expenditureAccount(row.code),
        name: `${row.name} 支出`,
        type: 'expenditure',
        budget_unit_id: row.id,
      },
    ])
    .execute();
  return withAccounts(row);
}

/**
 * Finds a budget unit by code.
 *
 * @example
 * await findBudgetUnit(db, '201001') // BudgetUnit | undefined
 */
export async function findBudgetUnit(db: GoldenFinanceDb, code: string): Promise<BudgetUnit | undefined> {
  const row = await db.selectFrom('budget_unit').select(columns).where('code', '=', code).executeTakeFirst();
  return row && withAccounts(row);
}

/**
 * The budget unit an input names. An unknown code in an input that refers to
 * a unit is bad input (400), naming the field: nothing can be booked to it.
 *
 * @example
 * const unit = await unitOfInput(trx, input.budgetUnit); // throws INVALID unknown_budget_unit
 */
export async function unitOfInput(
  db: GoldenFinanceDb,
  code: string,
  field = 'budgetUnit',
): Promise<BudgetUnit> {
  const unit = await findBudgetUnit(db, code);
  if (!unit) {
    throw new DomainError('INVALID', `no budget unit is registered with code ${code}`, {
      field,
      rule: 'unknown_budget_unit',
    });
  }
  return unit;
}
