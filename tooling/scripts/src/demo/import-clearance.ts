import { join } from 'node:path';
import type { GoldenCustomsRouter } from '@egov/golden-customs/router';
import type { GoldenFinanceRouter } from '@egov/golden-finance/router';
import type { GoldenTaxRouter } from '@egov/golden-tax/router';
import { issueCreditCode } from '@egov/standards';
import { asOfficial, login, loginWithTotp } from './officials.ts';

export interface FlowUrls {
  platform: string;
  'golden-customs': string;
  'golden-tax': string;
  'golden-finance': string;
}

export interface FlowResult {
  declarationNo: string;
  taxes: { dutyFen: number; consumptionTaxFen: number; vatFen: number };
  receipts: { tax: string; receiptId: string; amountFen: number; status: string }[];
  secondPayReturnedSameReceipts: boolean;
  inputVatFen: number;
  auditRecords: Record<
    string,
    { procedure: string; actor: string; kind: string; objectIds: string[] }[]
  > | null;
}

const yuan = (fen: number) => (fen / 100).toLocaleString('en', { minimumFractionDigits: 2 });
const chinaMonth = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 7);

type Customs = ReturnType<typeof asOfficial<GoldenCustomsRouter>>;
type Tax = ReturnType<typeof asOfficial<GoldenTaxRouter>>;

/**
 * The flow's first steps: a new importer registered at tax and at customs,
 * and its declaration of a sailing yacht (DOMAIN.md's worked example)
 * submitted, and inspected when its lane asks for it; ready to pay.
 */
export async function declareYacht(
  customs: Customs,
  tax: Tax,
  say: (line: string) => void = () => undefined,
) {
  const importer = issueCreditCode({
    division: '350102',
    organisationBody: `D${String(Date.now()).slice(-7)}`,
  });
  say(`tax-officer -> golden-tax taxpayers.register ${importer}`);
  await tax.taxpayers.register.mutate({
    creditCode: importer,
    name: 'Fuzhou Marine Trading Co.',
    kind: 'general',
    division: '350102',
  });
  say(`customs-officer -> golden-customs importers.register ${importer}`);
  await customs.importers.register.mutate({ creditCode: importer, name: 'Fuzhou Marine Trading Co.' });

  const declared = await customs.declarations.submit.mutate({
    importerCreditCode: importer,
    lines: [
      {
        commodityCode: '8903320000',
        description: 'sailing yacht',
        quantity: '1',
        unit: 'vessel',
        value: '100000.00',
        currency: 'CNY',
        incoterm: 'CIF',
      },
    ],
  } as never);
  const { totals } = declared;
  say(
    `customs-officer -> golden-customs declarations.submit: ${declared.declarationNo}, lane ${declared.lane}, CIF ${yuan(totals.customsValueFen)}`,
  );
  say(
    `  duty ${yuan(totals.dutyFen)}, consumption tax ${yuan(totals.consumptionTaxFen)}, import VAT ${yuan(totals.vatFen)}`,
  );
  if (declared.lane === 'red' || declared.lane === 'yellow') {
    say(`customs-officer -> golden-customs inspections.record: pass (${declared.lane} lane)`);
    await customs.inspections.record.mutate({
      declarationId: declared.id,
      result: 'pass',
      notes: 'documents in order',
    });
  }
  return { importer, declared };
}

/**
 * Flow 1 of DOMAIN.md: a declaration at customs becomes duty, consumption tax
 * and import VAT, paid into the treasury (customs calls golden-finance over
 * the network client), released, and counted as deductible input VAT at tax
 * (an event through the outbox). Each hop is told to `say`.
 */
export async function importClearance(
  urls: FlowUrls,
  say: (line: string) => void,
  options: { dataDir: string },
): Promise<FlowResult> {
  const officer = await login(urls.platform, 'customs-officer');
  const taxOfficer = await login(urls.platform, 'tax-officer');
  const treasurer = await login(urls.platform, 'treasurer');
  const customs = asOfficial<GoldenCustomsRouter>(urls['golden-customs'], officer);
  const tax = asOfficial<GoldenTaxRouter>(urls['golden-tax'], taxOfficer);
  const finance = asOfficial<GoldenFinanceRouter>(urls['golden-finance'], treasurer);

  const { importer, declared } = await declareYacht(customs, tax, say);
  const { totals } = declared;

  say('customs-officer -> golden-customs declarations.pay');
  const paid = await customs.declarations.pay.mutate({ declarationId: declared.id });
  for (const r of paid.receipts)
    say(
      `  golden-customs -> golden-finance treasury.receive ${r.sourceReference}: ${yuan(r.amountFen)}, receipt ${r.receiptId} (${r.status})`,
    );
  const again = await customs.declarations.pay.mutate({ declarationId: declared.id });
  const same = JSON.stringify(again.receipts) === JSON.stringify(paid.receipts);
  say(
    `customs-officer -> golden-customs declarations.pay again: ${same ? 'the first receipts, nothing paid twice' : 'DIFFERENT receipts'}`,
  );

  const released = await customs.declarations.release.mutate({ declarationId: declared.id });
  say(
    `customs-officer -> golden-customs declarations.release: ${released.status}, VAT certificate ${released.vatCertificateNo}`,
  );
  say('  golden-customs => golden-customs.import-vat.certified.v1 (outbox) => golden-tax inbox');

  const period = chinaMonth(released.paidAt ?? released.releasedAt ?? new Date().toISOString());
  let inputVatFen = 0;
  for (let waited = 0; waited < 30_000 && inputVatFen === 0; waited += 200) {
    const inputs = await tax.inputs.list.query({ creditCode: importer, period });
    inputVatFen = inputs
      .filter((i) => i.source === 'customs' && i.declarationId === declared.id)
      .reduce((n, i) => n + i.taxFen, 0);
    if (inputVatFen === 0) await new Promise((r) => setTimeout(r, 200));
  }
  say(`tax-officer -> golden-tax inputs.list ${period}: deductible import VAT ${yuan(inputVatFen)}`);

  for (const r of paid.receipts) {
    const receipt = await finance.treasury.getReceipt.query({ id: r.receiptId });
    say(
      `treasurer -> golden-finance treasury.getReceipt ${r.receiptId}: ${receipt.status}, ${yuan(receipt.amountFen)} from ${receipt.payer}`,
    );
  }

  const auditRecords = await auditTrail(urls, options.dataDir, say);
  return {
    declarationNo: declared.declarationNo,
    taxes: { dutyFen: totals.dutyFen, consumptionTaxFen: totals.consumptionTaxFen, vatFen: totals.vatFen },
    receipts: paid.receipts.map((r) => ({
      tax: r.tax,
      receiptId: r.receiptId,
      amountFen: r.amountFen,
      status: r.status,
    })),
    secondPayReturnedSameReceipts: same,
    inputVatFen,
    auditRecords,
  };
}

/** What each app's audit log says about the flow, read by the audit administrator (TOTP second factor). */
async function auditTrail(urls: FlowUrls, dataDir: string, say: (line: string) => void) {
  const token = await loginWithTotp(urls.platform, 'auditadmin', join(dataDir, 'demo', 'auditadmin.totp'));
  if (!token) {
    say('audit: auditadmin already has a second factor this demo does not know; audit records not shown');
    return null;
  }
  const trail: NonNullable<FlowResult['auditRecords']> = {};
  for (const app of ['golden-customs', 'golden-finance', 'golden-tax'] as const) {
    const auditApi = asOfficial<GoldenCustomsRouter>(urls[app], token).audit as any;
    const records = (await auditApi.records.query({ limit: 1000 })) as {
      procedure: string;
      actor: string;
      kind: string;
      objectIds: string[];
    }[];
    trail[app] = records.slice(-6);
    say(`audit at ${app}: ${records.length} records; the latest:`);
    for (const r of trail[app]!)
      say(
        `  ${r.kind.padEnd(9)} ${r.procedure.padEnd(28)} by ${r.actor}  ${r.objectIds.slice(0, 3).join(' ')}`,
      );
  }
  return trail;
}
