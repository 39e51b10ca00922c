import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import { publishEvent } from '@egov/kernel/messaging';
import { type CreditCode, issueCreditCode } from '@egov/standards';
import type { Transaction } from 'kysely';
import type { GoldenTaxDatabase, GoldenTaxDb } from './database.ts';
import { invoiceIssued, invoiceIssuedPayload, returnFiled, returnFiledPayload } from './events.ts';
import { claimInvoice } from './inputs/input.service.ts';
import type { InvoiceLineInput } from './invoices/invoice.rules.ts';
import { findInvoice, issueInvoice } from './invoices/invoice.service.ts';
import type { TaxpayerKind } from './rates/vat-rates.ts';
import { fileReturn, findReturn } from './returns/return.service.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { findTaxpayer, registerTaxpayer } from './taxpayers/taxpayer.service.ts';

interface DemoTaxpayer {
  creditCode: CreditCode;
  name: string;
  kind: TaxpayerKind;
  division: string;
  industry: string;
}

/** The demo taxpayers: three general ones (machinery, software, trade) and a small-scale café. */
export const demoTaxpayers = {
  machinery: {
    creditCode: issueCreditCode({ division: '350100', organisationBody: 'MA2Y7K01' }),
    name: '福州闽江机械制造有限公司',
    kind: 'general',
    division: '350102', // 福州鼓楼
    industry: 'C3421', // 金属切削机床制造
  },
  software: {
    creditCode: issueCreditCode({ division: '110108', organisationBody: 'MA01CL0D' }),
    name: '北京中关村云算科技有限公司',
    kind: 'general',
    division: '110108', // 北京海淀
    industry: 'I6513', // 应用软件开发
  },
  cafe: {
    creditCode: issueCreditCode({ division: '310101', organisationBody: 'MA1KF3E2' }),
    name: '上海黄浦晨光咖啡馆',
    kind: 'small-scale',
    division: '310101', // 上海黄浦
    industry: 'H6242', // 咖啡馆服务
  },
  trader: {
    creditCode: issueCreditCode({ division: '440100', organisationBody: 'MA59TR08' }),
    name: '广州天河粤通进出口贸易有限公司',
    kind: 'general',
    division: '440106', // 广州天河
    industry: 'F51', // 批发业
  },
} as const satisfies Record<string, DemoTaxpayer>;

type DemoName = keyof typeof demoTaxpayers;

interface DemoInvoice {
  seller: DemoName;
  buyer: DemoName | { name: string };
  issuedOn: string;
  lines: InvoiceLineInput[];
  /** Who claims it as input, in which period. */
  claimedIn?: string;
}

/** A month long over, so the demo return can be filed whatever today is. */
export const DEMO_PERIOD = '2025-03';

/** Four invoices of March 2025; the machinery maker claims two and files its return. */
export const demoInvoices: readonly DemoInvoice[] = [
  {
    seller: 'machinery',
    buyer: 'trader',
    issuedOn: '2025-03-05',
    lines: [
      {
        description: '数控车床 CK6150',
        category: 'goods',
        quantity: '2',
        unitPriceFen: 15_000_000,
        rate: '0.13',
      },
    ],
    claimedIn: DEMO_PERIOD,
  },
  {
    seller: 'software',
    buyer: 'machinery',
    issuedOn: '2025-03-10',
    lines: [
      {
        description: '生产管理软件年度服务',
        category: 'modern-services',
        quantity: '1',
        unitPriceFen: 8_000_000,
        rate: '0.06',
      },
    ],
    claimedIn: DEMO_PERIOD,
  },
  {
    seller: 'cafe',
    buyer: { name: '个人' },
    issuedOn: '2025-03-15',
    lines: [
      { description: '咖啡', category: 'life-services', quantity: '120', unitPriceFen: 3_800, rate: '0.03' },
    ],
  },
  {
    seller: 'trader',
    buyer: 'machinery',
    issuedOn: '2025-03-20',
    lines: [
      {
        description: '进口大豆',
        category: 'specified-goods',
        quantity: '10.5',
        unitPriceFen: 420_000,
        rate: '0.09',
      },
      { description: '润滑油', category: 'goods', quantity: '40', unitPriceFen: 12_500, rate: '0.13' },
    ],
    claimedIn: DEMO_PERIOD,
  },
];

/** The demo return: the machinery maker's, for March 2025. */
export const demoReturn = { taxpayer: 'machinery', period: DEMO_PERIOD } as const satisfies {
  taxpayer: DemoName;
  period: string;
};

const buyerOf = (invoice: DemoInvoice) => {
  if (typeof invoice.buyer !== 'string') return { name: invoice.buyer.name };
  const buyer = demoTaxpayers[invoice.buyer];
  return { creditCode: buyer.creditCode, name: buyer.name };
};

/*
 * Invoice numbers depend on what was issued before, so the seed cannot key on
 * them: a demo invoice counts as seeded when its seller has an invoice of that
 * day to that buyer name. Claims and the return are keyed on what they are
 * about. A second run writes nothing.
 */
async function findDemoInvoice(db: GoldenTaxDb, demo: DemoInvoice): Promise<string | undefined> {
  const row = await db
    .selectFrom('invoice')
    .select('number')
    .where('seller_credit_code', '=', demoTaxpayers[demo.seller].creditCode)
    .where('buyer_name', '=', buyerOf(demo).name)
    .where('issued_on', '=', demo.issuedOn)
    .orderBy('issued_at')
    .executeTakeFirst();
  return row?.number;
}

/**
 * The seeded demo invoices' numbers, in the order of {@link demoInvoices}.
 *
 * @example
 * const [first] = await demoInvoiceNumbers(app.database.db);
 */
export async function demoInvoiceNumbers(db: GoldenTaxDb): Promise<(string | undefined)[]> {
  return Promise.all(demoInvoices.map((demo) => findDemoInvoice(db, demo)));
}

/**
 * Loads the demo data through the same services the procedures use, and
 * publishes the same events. Idempotent (see above).
 *
 * @example
 * await seedGoldenTax(app.database, log);
 */
export async function seedGoldenTax(database: AppDatabase<GoldenTaxDatabase>, log: Logger): Promise<void> {
  let writes = 0;
  const recorder = (): Recorder => ({ by: 'seed:golden-tax', at: new Date() });
  const step = (work: (trx: Transaction<GoldenTaxDatabase>) => Promise<number>) =>
    database.db.transaction().execute(async (trx) => {
      writes += await work(trx);
    });
  const meta = { producer: 'golden-tax' };

  for (const demo of Object.values(demoTaxpayers)) {
    await step(async (trx) => {
      if (await findTaxpayer(trx, demo.creditCode)) return 0;
      await registerTaxpayer(trx, demo, recorder());
      return 1;
    });
  }
  for (const demo of demoInvoices) {
    await step(async (trx) => {
      let number = await findDemoInvoice(trx, demo);
      let wrote = 0;
      if (!number) {
        const invoice = await issueInvoice(
          trx,
          {
            sellerCreditCode: demoTaxpayers[demo.seller].creditCode,
            buyer: buyerOf(demo),
            lines: demo.lines,
            issuedOn: demo.issuedOn,
          },
          recorder(),
        );
        await publishEvent(trx, invoiceIssued, invoiceIssuedPayload(invoice), meta);
        number = invoice.number;
        wrote += 1;
      }
      const buyer = buyerOf(demo);
      if (demo.claimedIn && buyer.creditCode) {
        const invoice = (await findInvoice(trx, number))!;
        const claimed = await trx
          .selectFrom('input_credit')
          .select('id')
          .where('invoice_id', '=', invoice.id)
          .executeTakeFirst();
        if (!claimed) {
          await claimInvoice(
            trx,
            { creditCode: buyer.creditCode, number, period: demo.claimedIn },
            recorder(),
          );
          wrote += 1;
        }
      }
      return wrote;
    });
  }
  await step(async (trx) => {
    const { creditCode } = demoTaxpayers[demoReturn.taxpayer];
    if (await findReturn(trx, creditCode, demoReturn.period)) return 0;
    const filed = await fileReturn(trx, { creditCode, period: demoReturn.period }, recorder());
    await publishEvent(trx, returnFiled, returnFiledPayload(filed), meta);
    return 1;
  });
  log.info({ writes }, writes > 0 ? 'golden-tax demo data seeded' : 'golden-tax demo data present');
}
