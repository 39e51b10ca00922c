import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import { type EventContract, publishEvent } from '@egov/kernel/messaging';
import { issueCreditCode } from '@egov/standards';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { GoldenCustomsDatabase, GoldenCustomsDb } from './database.ts';
import { SubmitDeclarationInput } from './declarations/declaration.schemas.ts';
import { findByReference } from './declarations/declaration-read.service.ts';
import { submitDeclaration } from './declarations/declaration.service.ts';
import { declarationInspected, declarationSubmitted, inspectedPayload, submittedPayload } from './events.ts';
import { findImporter, registerImporter } from './importers/importer.service.ts';
import { recordInspection } from './inspections/inspection.service.ts';
import type { InspectionResult } from './inspections/inspection.table.ts';
import type { AeoClass } from './risk/rules.ts';
import { inTransaction } from '@egov/kernel/db';

const code = (division: string, organisationBody: string) => issueCreditCode({ division, organisationBody });

/** Demo importers, all registered with customs (a declaration needs that): one AEO advanced, one general, one uncertified. */
export const demoImporters: {
  creditCode: string;
  name: string;
  aeoClass: AeoClass | null;
  registered: boolean;
}[] = [
  {
    creditCode: code('310115', 'MA1G7K2B'),
    name: '上海外高桥国际贸易有限公司',
    aeoClass: 'advanced',
    registered: true,
  },
  {
    creditCode: code('440300', 'MA5F8Q3C'),
    name: '深圳前海电子科技有限公司',
    aeoClass: 'general',
    registered: true,
  },
  { creditCode: code('350203', 'MA2Y4D6E'), name: '厦门海港游艇有限公司', aeoClass: null, registered: true },
];

const [waigaoqiao, qianhai, xiamen] = demoImporters.map((i) => i.creditCode) as [string, string, string];

interface DemoDeclaration {
  input: z.input<typeof SubmitDeclarationInput> & { declarantReference: string };
  inspection?: { result: InspectionResult; notes: string };
}

/*
 * Declarations in different states, in filing order (lanes depend on an
 * importer's earlier filings). Rates are stated, so the seed does not depend
 * on the month it runs in. Payment and release cross into golden-finance,
 * which the seed cannot reach (it runs before the network is attached), so
 * demo declarations stop before payment: pay and release them live.
 */
export const demoDeclarations: DemoDeclaration[] = [
  {
    // First filing of an AEO importer: yellow; its document check passed, ready to pay.
    input: {
      importerCreditCode: waigaoqiao,
      declarantReference: 'DEMO-WINE-001',
      lines: [
        {
          commodityCode: '2204210000',
          description: '法国波尔多红葡萄酒 750ml×12',
          quantity: '9000',
          unit: 'L',
          value: '86400.00',
          currency: 'EUR',
          incoterm: 'CIF',
        },
      ],
      exchangeRates: [{ currency: 'EUR', cny: '8.2756' }],
    },
    inspection: { result: 'pass', notes: '单证审核：合同、发票、原产地证书相符' },
  },
  {
    // Second filing of the AEO importer: blue, FOB with freight, insurance derived at 3‰.
    input: {
      importerCreditCode: waigaoqiao,
      declarantReference: 'DEMO-COPPER-002',
      lines: [
        {
          commodityCode: '7403110000',
          description: '智利电解铜 A级',
          quantity: '100000',
          unit: 'kg',
          value: '905000.00',
          currency: 'USD',
          incoterm: 'FOB',
          freight: '6500.00',
        },
      ],
      exchangeRates: [{ currency: 'USD', cny: '7.1094' }],
    },
  },
  {
    // First filing, laptops without a CCC certificate: red, examination pending.
    input: {
      importerCreditCode: qianhai,
      declarantReference: 'DEMO-LAPTOP-001',
      lines: [
        {
          commodityCode: '8471300000',
          description: '笔记本电脑 14英寸',
          quantity: '500',
          unit: 'unit',
          valueMinor: 32_500_000,
          currency: 'USD',
          incoterm: 'CIF',
        },
      ],
      exchangeRates: [{ currency: 'USD', cny: '7.1094' }],
    },
  },
  {
    // Second filing, smartphones with their certificate, CFR in yen: green.
    input: {
      importerCreditCode: qianhai,
      declarantReference: 'DEMO-PHONE-002',
      lines: [
        {
          commodityCode: '8517130000',
          description: '智能手机 5G',
          quantity: '1200',
          unit: 'unit',
          value: '96000000',
          currency: 'JPY',
          incoterm: 'CFR',
          cccCertificateNo: '2024011606000123',
        },
      ],
      exchangeRates: [{ currency: 'JPY', cny: '4.7918', per: 100 }],
    },
  },
  {
    // The DOMAIN.md worked example: CIF 100,000.00 yuan at 10% / 10% / 13%, first filing: yellow.
    input: {
      importerCreditCode: xiamen,
      declarantReference: 'DEMO-YACHT-001',
      lines: [
        {
          commodityCode: '8903320000',
          description: '游艇 长12米',
          quantity: '1',
          unit: 'vessel',
          value: '100000.00',
          currency: 'CNY',
          incoterm: 'CIF',
        },
      ],
    },
  },
];

const seedBy = () => ({ by: 'seed:golden-customs', at: new Date() });

function publish<S extends z.ZodType>(trx: GoldenCustomsDb, contract: EventContract<S>, payload: z.input<S>) {
  return publishEvent(trx as Transaction<any>, contract, payload, { producer: 'golden-customs' });
}

/**
 * Loads the demo importers and declarations through the same services and
 * events the procedures use. Idempotent: importers are looked up by credit
 * code, declarations by their declarant reference, inspections by declaration.
 *
 * @example
 * await seedGoldenCustoms(app.database, log);
 */
export async function seedGoldenCustoms(
  database: AppDatabase<GoldenCustomsDatabase>,
  log: Logger,
): Promise<void> {
  let writes = 0;
  for (const importer of demoImporters.filter((i) => i.registered)) {
    await inTransaction(database.db, async (trx) => {
      if (await findImporter(trx, importer.creditCode)) return;
      await registerImporter(trx, importer, seedBy());
      writes += 1;
    });
  }
  for (const demo of demoDeclarations) {
    await inTransaction(database.db, async (trx) => {
      const { importerCreditCode, declarantReference } = demo.input;
      let declaration = await findByReference(trx, importerCreditCode, declarantReference);
      if (!declaration) {
        // Through the input schema, so a typo in the demo data fails loudly.
        declaration = await submitDeclaration(trx, SubmitDeclarationInput.parse(demo.input), seedBy());
        await publish(trx, declarationSubmitted, submittedPayload(declaration));
        writes += 1;
      }
      if (demo.inspection && !declaration.inspection) {
        const inspected = await recordInspection(
          trx,
          { declarationId: declaration.id, ...demo.inspection },
          seedBy(),
        );
        await publish(trx, declarationInspected, inspectedPayload(inspected));
        writes += 1;
      }
    });
  }
  log.info({ writes }, writes > 0 ? 'golden-customs demo data seeded' : 'golden-customs demo data present');
}
