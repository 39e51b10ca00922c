import { issueCreditCode } from '@egov/standards';
import { bootApp, type DatabaseTarget } from '@egov/testing';
import { goldenTax } from './app.ts';

/** Every permission golden-tax declares, by what tests call them. */
export const perm = {
  register: 'golden-tax.taxpayer.register',
  readTaxpayer: 'golden-tax.taxpayer.read',
  setQuota: 'golden-tax.quota.set',
  issue: 'golden-tax.invoice.issue',
  readInvoice: 'golden-tax.invoice.read',
  void: 'golden-tax.invoice.void',
  recordInput: 'golden-tax.input.record',
  readInput: 'golden-tax.input.read',
  file: 'golden-tax.return.file',
  readReturn: 'golden-tax.return.read',
  pay: 'golden-tax.return.pay',
} as const;

/** The app's tables and the kernel's outbox: a refused call must change none of them. */
const tables = [
  'taxpayer',
  'invoice',
  'invoice_line',
  'invoice_serial',
  'quota_usage',
  'input_credit',
  'vat_return',
  'payment',
  'outbox',
] as const;

let issued = 0;

/**
 * A valid credit code no other test uses, registered in `division`'s city.
 *
 * @example
 * freshCreditCode('350100') // '91350100T0000001…'
 */
export function freshCreditCode(division = '350100'): string {
  issued += 1;
  return issueCreditCode({ division, organisationBody: `T${String(issued).padStart(7, '0')}` });
}

/**
 * Boots golden-tax on a fresh schema of `target` with helpers the suites
 * share: HTTP calls, tokens by permission, row counts of every table (to
 * prove a refused call wrote nothing) and shortcuts that register and issue.
 *
 * @example
 * const gt = await bootGoldenTax(target);
 * const r = await gt.call('taxpayers.register', input, await gt.token(perm.register));
 */
export async function bootGoldenTax(target: DatabaseTarget) {
  const booted = await bootApp(goldenTax, target);
  const db = booted.app.database.db;
  const all = await booted.identity.officialToken({ permissions: ['golden-tax.*'] });
  const { call } = booted;
  const must = async (path: string, input: unknown, type: 'query' | 'mutation' = 'mutation') => {
    const r = await call(path, input, all, type);
    if (r.status !== 200) throw new Error(`${path} refused: ${JSON.stringify(r.error)}`);
    return r.data as any;
  };
  return {
    ...booted,
    db,
    counts: () => booted.counts(tables),
    /** Registers a fresh taxpayer (every permission) and returns its credit code. */
    registered: async (
      options: { kind?: 'general' | 'small-scale'; division?: string; name?: string } = {},
    ): Promise<string> => {
      const division = options.division ?? '350102';
      const creditCode = freshCreditCode(`${division.slice(0, 4)}00`);
      await must('taxpayers.register', {
        creditCode,
        name: options.name ?? `测试纳税人${creditCode.slice(-6)}`,
        kind: options.kind ?? 'general',
        division,
      });
      return creditCode;
    },
    /** Issues an invoice with every permission; returns the invoice view. */
    issue: (input: unknown) => must('invoices.issue', input),
    /** Any call with every permission, refusing on failure. */
    must,
  };
}

export type GoldenTaxTestApp = Awaited<ReturnType<typeof bootGoldenTax>>;

/**
 * One invoice line; goods at 13 % by default.
 *
 * @example
 * line({ unitPriceFen: 100_00 }) // 1 × 100.00 of goods at 0.13
 */
export function line(change: Record<string, unknown> = {}) {
  return {
    description: '钢材',
    category: 'goods',
    quantity: '1',
    unitPriceFen: 100_000,
    rate: '0.13',
    ...change,
  };
}
