import type { GoldenFinanceRouter } from '@egov/golden-finance/router';
import type { TRPCClient } from '@trpc/client';
import type { TaxSource } from './payment.table.ts';

/** An item customs expects the treasury to receive: one tax of one declaration. */
export interface ExpectedTax {
  source: TaxSource;
  sourceReference: string;
  /** The importer's credit code. */
  payer: string;
  amountFen: number;
  /** `YYYY-MM-DD`: the last day to pay. */
  dueDate: string;
}

/** The money itself arriving in the treasury single account. */
export interface ReceivedTax extends Omit<ExpectedTax, 'dueDate'> {
  /** ISO 8601 instant. */
  receivedAt: string;
}

/** What customs keeps of a treasury receipt. */
export interface TreasuryReceipt {
  id: string;
  sourceReference: string;
  amountFen: number;
  status: 'matched' | 'suspense';
  businessDate: string;
}

/**
 * The part of golden-finance's treasury that customs uses. Both calls are
 * idempotent at the treasury by (source, sourceReference), so a retried
 * payment registers and receives nothing twice.
 */
export interface TreasuryClient {
  expect(item: ExpectedTax): Promise<unknown>;
  receive(item: ReceivedTax): Promise<TreasuryReceipt>;
}

/**
 * The treasury over the unified network client, connected on first use: a
 * declaration already paid is answered without touching the network.
 *
 * @example
 * const treasury = treasuryOverNetwork(() => ctx.connect<GoldenFinanceRouter>('golden-finance'));
 */
export function treasuryOverNetwork(connect: () => TRPCClient<GoldenFinanceRouter>): TreasuryClient {
  let client: TRPCClient<GoldenFinanceRouter> | undefined;
  const finance = () => {
    client ??= connect();
    return client;
  };
  return {
    expect: (item) => finance().treasury.expect.mutate(item),
    receive: (item) => finance().treasury.receive.mutate(item),
  };
}
