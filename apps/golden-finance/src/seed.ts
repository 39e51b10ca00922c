import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import { type Fen, fen, issueCreditCode } from '@egov/standards';
import { allocate } from './appropriations/appropriation.service.ts';
import type { EconomicClass } from './appropriations/economic-classes.ts';
import { RegisterBudgetUnitInput } from './budget-units/budget-unit.router.ts';
import { findBudgetUnit, registerBudgetUnit } from './budget-units/budget-unit.service.ts';
import type { GoldenFinanceDatabase, GoldenFinanceDb } from './database.ts';
import { RequestPaymentInput } from './payments/payment.router.ts';
import { approvePayment, executePayment, requestPayment } from './payments/payment.service.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { inTransaction } from '@egov/kernel/db';
import { ExpectInput, ReceiveInput } from './treasury/treasury.router.ts';
import { expectReceipt, receiveReceipt } from './treasury/treasury.service.ts';

/** The demo budget year. Fixed, so a later run (in another year) seeds the same lines, not new ones. */
export const DEMO_FISCAL_YEAR = 2026;

/** Public bodies get credit codes from the 机构编制 authority (1): 1 = government organ (机关). */
const organ = (division: string, body: string) =>
  issueCreditCode({ authority: '1', entityType: '1', division, organisationBody: body });

export const demoUnits = [
  { code: '201001', name: '北京市教育委员会', creditCode: organ('110000', '00002010'), division: '110000' },
  {
    code: '202001',
    name: '北京市卫生健康委员会',
    creditCode: organ('110000', '00002020'),
    division: '110000',
  },
  {
    code: '350102001',
    name: '福州市鼓楼区民政局',
    creditCode: organ('350102', '00350102'),
    division: '350102',
  },
] as const;

const yuan = (amount: number): Fen => fen(amount * 100);

export const demoAppropriations: { budgetUnit: string; economicClass: EconomicClass; amountFen: Fen }[] = [
  { budgetUnit: '201001', economicClass: '301', amountFen: yuan(120_000_000) },
  { budgetUnit: '201001', economicClass: '302', amountFen: yuan(8_000_000) },
  { budgetUnit: '202001', economicClass: '302', amountFen: yuan(5_000_000) },
  { budgetUnit: '202001', economicClass: '303', amountFen: yuan(2_000_000) },
  { budgetUnit: '350102001', economicClass: '303', amountFen: yuan(1_500_000) }, // relief for households
];

/** Demo payments, found again by (appropriation, purpose): one executed, one waiting for review. */
export const demoPayments = [
  {
    budgetUnit: '201001',
    economicClass: '302',
    method: 'direct',
    payee: {
      name: '北京华教教学设备有限公司',
      account: '6222 0210 0112 3456 789',
      bank: '中国工商银行北京分行',
    },
    amountFen: 35_680_000,
    purpose: '采购中小学实验室教学设备 lab equipment for schools',
    execute: true,
  },
  {
    budgetUnit: '350102001',
    economicClass: '303',
    method: 'authorised',
    payee: {
      name: '鼓楼区东街街道办事处',
      account: '6217 0012 3456 7890 122',
      bank: '中国建设银行福州鼓楼支行',
    },
    amountFen: 12_000_000,
    purpose: '冬季困难群众临时救助 winter relief for households in need',
    execute: false,
  },
] as const;

/** An importer (the standards' example code) and a fined company. */
const importer = '91350100M000100Y43';
const finedCompany = issueCreditCode({ division: '110105', organisationBody: 'MA01B2C3' });

/** Customs expects the duty of a declaration, then the money arrives: matched. */
export const demoExpected = {
  source: 'customs-duty',
  sourceReference: '350120261000012345',
  payer: importer,
  amountFen: 1_000_000,
  dueDate: '2026-11-30',
} as const;

export const demoReceipts = [
  {
    source: demoExpected.source,
    sourceReference: demoExpected.sourceReference,
    payer: importer,
    amountFen: demoExpected.amountFen,
    receivedAt: '2026-11-20T10:15:00+08:00',
  },
  // A fine paid with a notice number nobody registered: parked in suspense.
  {
    source: 'non-tax',
    sourceReference: 'FK-110105-2026-0042',
    payer: finedCompany,
    amountFen: 5_000_000,
    receivedAt: '2026-11-21T15:40:00+08:00',
  },
] as const;

const seedBy = (role: string): Recorder => ({ by: `seed:golden-finance:${role}`, at: new Date() });

async function appropriationId(db: GoldenFinanceDb, unitCode: string, economicClass: string) {
  const row = await db
    .selectFrom('appropriation')
    .innerJoin('budget_unit', 'budget_unit.id', 'appropriation.budget_unit_id')
    .select('appropriation.id')
    .where('budget_unit.code', '=', unitCode)
    .where('appropriation.fiscal_year', '=', DEMO_FISCAL_YEAR)
    .where('appropriation.economic_class', '=', economicClass)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Loads demo units, appropriations, payments and receipts through the same
 * services the procedures use, each demo input through its procedure's input
 * schema (a typo in the data fails loudly). Idempotent: every item is looked
 * up first (receipts and expected items are idempotent on their reference
 * anyway), so a second run writes nothing.
 *
 * @example
 * await seedGoldenFinance(app.database, log);
 */
export async function seedGoldenFinance(
  database: AppDatabase<GoldenFinanceDatabase>,
  log: Logger,
): Promise<void> {
  const { db } = database;
  let writes = 0;
  for (const unit of demoUnits) {
    if (await findBudgetUnit(db, unit.code)) continue;
    await inTransaction(db, (trx) =>
      registerBudgetUnit(trx, RegisterBudgetUnitInput.parse(unit), seedBy('budget')),
    );
    writes += 1;
  }
  for (const a of demoAppropriations) {
    if (await appropriationId(db, a.budgetUnit, a.economicClass)) continue;
    await inTransaction(db, (trx) => allocate(trx, { ...a, fiscalYear: DEMO_FISCAL_YEAR }, seedBy('budget')));
    writes += 1;
  }
  for (const p of demoPayments) {
    const appropriation = (await appropriationId(db, p.budgetUnit, p.economicClass))!;
    const present = await db
      .selectFrom('payment')
      .select('id')
      .where('appropriation_id', '=', appropriation)
      .where('purpose', '=', p.purpose)
      .executeTakeFirst();
    if (present) continue;
    const { economicClass: _class, execute, ...request } = p;
    await inTransaction(db, async (trx) => {
      const input = RequestPaymentInput.parse({ ...request, appropriationId: appropriation });
      const payment = await requestPayment(trx, input, seedBy('unit-accountant'));
      if (!execute) return;
      await approvePayment(trx, payment.id, 'demo', seedBy('reviewer'));
      await executePayment(trx, payment.id, seedBy('payment-clerk'));
    });
    writes += 1;
  }
  const known = await db.selectFrom('receipt').select('source_reference').execute();
  const seen = new Set(known.map((r) => r.source_reference));
  const expected = await db
    .selectFrom('expected_item')
    .select('id')
    .where('source_reference', '=', demoExpected.sourceReference)
    .executeTakeFirst();
  if (!expected) {
    await inTransaction(db, (trx) => expectReceipt(trx, ExpectInput.parse(demoExpected), seedBy('customs')));
    writes += 1;
  }
  for (const r of demoReceipts) {
    if (seen.has(r.sourceReference)) continue;
    await inTransaction(db, (trx) => receiveReceipt(trx, ReceiveInput.parse(r), seedBy(r.source)));
    writes += 1;
  }
  log.info({ writes }, writes > 0 ? 'golden-finance demo data seeded' : 'golden-finance demo data present');
}
