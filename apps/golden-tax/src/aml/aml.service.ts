import { sql } from 'kysely';
import type { GoldenTaxDb } from '../database.ts';

/** What golden-tax tells a case about a company's invoices over a period: counts and totals, no invoice lines. */
export interface InvoiceFindings {
  registered: boolean;
  issued: number;
  issuedTotalFen: string;
  voided: number;
  received: number;
  receivedTotalFen: string;
  counterparties: number;
  largestInvoiceFen: string;
}

/**
 * The company's e-invoices issued (as seller) and received (as buyer) with
 * an issue date in the period: counts, totals (fen, exact, as strings),
 * voided invoices and distinct counterparties.
 *
 * @example
 * await invoiceFindings(db, '91350100M000100Y43', '2025-01-01', '2025-06-30')
 */
export async function invoiceFindings(
  db: GoldenTaxDb,
  creditCode: string,
  from: string,
  to: string,
): Promise<InvoiceFindings> {
  const taxpayer = await db
    .selectFrom('taxpayer')
    .select('id')
    .where('credit_code', '=', creditCode)
    .executeTakeFirst();
  const row = await db
    .selectFrom('invoice')
    .select([
      sql<number>`count(*) filter (where seller_credit_code = ${creditCode} and status = 'issued')::int`.as(
        'issued',
      ),
      sql<string>`coalesce(sum(total_fen) filter (where seller_credit_code = ${creditCode} and status = 'issued'), 0)::text`.as(
        'issued_total',
      ),
      sql<number>`count(*) filter (where seller_credit_code = ${creditCode} and status = 'voided')::int`.as(
        'voided',
      ),
      sql<number>`count(*) filter (where buyer_credit_code = ${creditCode} and status = 'issued')::int`.as(
        'received',
      ),
      sql<string>`coalesce(sum(total_fen) filter (where buyer_credit_code = ${creditCode} and status = 'issued'), 0)::text`.as(
        'received_total',
      ),
      sql<number>`count(distinct case when seller_credit_code = ${creditCode} then coalesce(buyer_credit_code, buyer_name) else seller_credit_code end)::int`.as(
        'counterparties',
      ),
      sql<string>`coalesce(max(total_fen) filter (where status = 'issued'), 0)::text`.as('largest'),
    ])
    .where((eb) =>
      eb.or([eb('seller_credit_code', '=', creditCode), eb('buyer_credit_code', '=', creditCode)]),
    )
    .where('issued_on', '>=', from)
    .where('issued_on', '<=', to)
    .executeTakeFirstOrThrow();
  return {
    registered: taxpayer !== undefined,
    issued: row.issued,
    issuedTotalFen: row.issued_total,
    voided: row.voided,
    received: row.received,
    receivedTotalFen: row.received_total,
    counterparties: row.counterparties,
    largestInvoiceFen: row.largest,
  };
}

/** One line for the case file. */
export function summarise(creditCode: string, from: string, to: string, f: InvoiceFindings): string {
  if (!f.registered) return `${creditCode} is not a registered taxpayer; no invoices on file`;
  return `${creditCode}, ${from} to ${to}: ${f.issued} invoices issued (${f.issuedTotalFen} fen, ${f.voided} voided), ${f.received} received (${f.receivedTotalFen} fen), ${f.counterparties} counterparties`;
}
