import type { GoldenCustomsRouter } from '@egov/golden-customs/router';
import type { GoldenFinanceRouter } from '@egov/golden-finance/router';
import type { GoldenQualityRouter } from '@egov/golden-quality/router';
import { asOfficial, login } from './officials.ts';
import { createTRPCClient, httpLink } from '@trpc/client';
import { type OpenBusinessUrls, openBusiness } from './open-business.ts';

export interface QualityEnforcementUrls extends OpenBusinessUrls {
  'golden-customs': string;
  'golden-finance': string;
}

export interface QualityEnforcementResult {
  importer: string;
  /** golden-customs' refusal while golden-quality knew no certificate (its rule), or null if it released. */
  refusedWithoutCertificate: string | null;
  certificateNo: string;
  releasedWithCertificate: boolean;
  recallOrdered: boolean;
  fine: { amountFen: number; paid: boolean; receiptStatus: string | null; treasuryStatus: string | null };
  published: boolean;
}

const yuan = (fen: number) => (fen / 100).toLocaleString('en', { minimumFractionDigits: 2 });

/**
 * Flow 5 of DOMAIN.md, quality enforcement: laptops (a tariff line that needs
 * CCC) are held at golden-customs until golden-quality confirms a valid CCC
 * certificate (customs calls `certificates.check`), and refused release
 * without one; then a failed market sample of the importer's goods orders a
 * recall and a fine, which golden-finance expects and receives as non-tax
 * revenue, and the failure is published for the portal. The importer is
 * opened first as in flow 2. Each hop is told to `say`.
 */
export async function qualityEnforcement(
  urls: QualityEnforcementUrls,
  say: (line: string) => void,
): Promise<QualityEnforcementResult> {
  const opened = await openBusiness(urls, say, {
    name: '厦门鹭岛电子进出口有限公司',
    taxpayerKind: 'general',
  });
  const importer = opened.creditCode;
  const customs = asOfficial<GoldenCustomsRouter>(
    urls['golden-customs'],
    await login(urls.platform, 'customs-officer'),
  );
  const quality = asOfficial<GoldenQualityRouter>(
    urls['golden-quality'],
    await login(urls.platform, 'quality-officer'),
  );

  await customs.importers.register.mutate({ creditCode: importer, name: '厦门鹭岛电子进出口有限公司' });
  say(`customs-officer -> golden-customs importers.register ${importer} (VAT standing read at golden-tax)`);
  const declared = await customs.declarations.submit.mutate({
    importerCreditCode: importer,
    lines: [
      {
        commodityCode: '8471300000',
        description: '笔记本电脑',
        quantity: '200',
        unit: 'unit',
        value: '600000.00',
        currency: 'CNY',
        incoterm: 'CIF',
      },
    ],
  } as never);
  say(
    `customs-officer -> golden-customs declarations.submit: ${declared.declarationNo}, laptops 8471300000 (CCC), lane ${declared.lane}`,
  );
  if (declared.lane === 'red' || declared.lane === 'yellow') {
    await customs.inspections.record.mutate({
      declarationId: declared.id,
      result: 'pass',
      notes: '货证相符',
    });
    say(`customs-officer -> golden-customs inspections.record: pass (${declared.lane} lane)`);
  }
  await customs.declarations.pay.mutate({ declarationId: declared.id });
  say(
    'customs-officer -> golden-customs declarations.pay (golden-finance treasury.expect, treasury.receive)',
  );

  let refusedWithoutCertificate: string | null = null;
  try {
    await customs.declarations.release.mutate({ declarationId: declared.id });
  } catch (error) {
    const e = error as { message: string; data?: { issues?: { rule: string }[] } };
    refusedWithoutCertificate = e.data?.issues?.[0]?.rule ?? e.message;
    say(`customs-officer -> golden-customs declarations.release: refused (${e.message})`);
  }
  say('  golden-customs -> golden-quality certificates.check: no valid certificate, the goods are held');

  const applied = await quality.certificates.applyFor.mutate({
    holderCreditCode: importer,
    productName: '笔记本电脑',
    model: 'LD-14',
    commodityCode: '8471300000',
  });
  for (const step of ['documents_reviewed', 'type_tested', 'factory_inspected'] as const)
    await quality.certificates.assess.mutate({
      number: applied.number,
      step,
      result: 'pass',
      note: `${step}: 合格`,
    });
  const certificate = await quality.certificates.get.query({ number: applied.number });
  say(
    `quality-officer -> golden-quality certificates.applyFor, assess x3: ${certificate.number} ${certificate.validity}, ${certificate.validFrom} to ${certificate.validUntil}`,
  );
  const released = await customs.declarations.release.mutate({ declarationId: declared.id });
  say(
    `customs-officer -> golden-customs declarations.release: ${released.status} (golden-quality confirmed ${certificate.number})`,
  );

  const sample = await quality.samples.record.mutate({
    planCode: 'SC-2026-Q4-IT',
    productName: '笔记本电脑 LD-14',
    producerCreditCode: importer,
    batchNo: declared.declarationNo,
    sampledOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
  });
  const failed = await quality.samples.recordResult.mutate({
    number: sample.number,
    result: 'fail',
    findings: '电源适配器温升超过 GB 4943.1 限值',
  });
  say(
    `quality-officer -> golden-quality samples.record, recordResult ${sample.number}: ${failed.result}, recall ordered: ${failed.recallOrdered}`,
  );
  const fined = await quality.fines.impose.mutate({ number: sample.number, amountFen: 2_000_000 });
  say(
    `quality-officer -> golden-quality fines.impose ${yuan(2_000_000)}: golden-finance expects ${fined.fine?.sourceReference} (non-tax), due ${fined.fine?.dueOn}`,
  );
  const paid = await quality.fines.pay.mutate({ number: sample.number });
  say(
    `quality-officer -> golden-quality fines.pay: golden-finance receipt ${paid.fine?.receiptId} (${paid.fine?.receiptStatus})`,
  );
  const finance = asOfficial<GoldenFinanceRouter>(
    urls['golden-finance'],
    await login(urls.platform, 'treasurer'),
  );
  const receipt = paid.fine?.receiptId
    ? await finance.treasury.getReceipt.query({ id: paid.fine.receiptId })
    : null;
  if (receipt)
    say(
      `treasurer -> golden-finance treasury.getReceipt: ${receipt.status}, ${yuan(receipt.amountFen)} from ${receipt.payer}`,
    );

  // The portal's view: no token at all.
  const anyone = createTRPCClient<GoldenQualityRouter>({
    links: [httpLink<any>({ url: `${urls['golden-quality']}/trpc` })],
  });
  const notice = await anyone.publications.failedSamples.query({});
  const published = notice.some(
    (n) => n.batchNo === declared.declarationNo && n.producerCreditCode === importer,
  );
  say(
    `anyone -> golden-quality publications.failedSamples: ${published ? 'the failure is published' : 'NOT PUBLISHED'}`,
  );

  return {
    importer,
    refusedWithoutCertificate,
    certificateNo: certificate.number,
    releasedWithCertificate: released.status === 'released',
    recallOrdered: failed.recallOrdered,
    fine: {
      amountFen: paid.fine?.amountFen ?? 0,
      paid: paid.fine?.paid ?? false,
      receiptStatus: paid.fine?.receiptStatus ?? null,
      treasuryStatus: receipt?.status ?? null,
    },
    published,
  };
}
