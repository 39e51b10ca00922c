import { createHash } from 'node:crypto';

/**
 * The data golden-audit reads from other agencies, each a resource of the
 * platform's catalog that its owner registers and serves, and that the
 * National Audit Office may use only under the owner's grant. `served` says
 * whether the owner app serves it today; a source not served yet is listed
 * (its rule is built over its data shape) and a pull of it is refused.
 */
export const SOURCES = {
  appropriations: {
    resourceId: 'GF-APR-0001',
    ownerApp: 'golden-finance',
    procedure: 'appropriations.list',
    served: true,
  },
  'treasury-ledger': {
    resourceId: 'GF-LED-0001',
    ownerApp: 'golden-finance',
    procedure: 'ledger.trialBalance',
    served: true,
  },
  'import-vat-deductions': {
    resourceId: 'GT-INP-0001',
    ownerApp: 'golden-tax',
    procedure: 'inputs.list',
    served: true,
  },
  payments: {
    resourceId: 'GF-PAY-0001',
    ownerApp: 'golden-finance',
    procedure: 'payments.list',
    served: true,
  },
  deaths: { resourceId: 'GS-DTH-0001', ownerApp: 'golden-shield', procedure: 'deaths.list', served: false },
  'pension-payments': {
    resourceId: 'SS-PEN-0001',
    ownerApp: 'social-security',
    procedure: 'pensions.payments',
    served: false,
  },
  'customs-certificates': {
    resourceId: 'GC-VAT-0001',
    ownerApp: 'golden-customs',
    procedure: 'declarations.certificates',
    served: false,
  },
} as const;

export type SourceName = keyof typeof SOURCES;
export const SOURCE_NAMES = Object.keys(SOURCES) as [SourceName, ...SourceName[]];

/**
 * JSON with object keys sorted, so equal data has one text and one digest
 * whatever order the owner sent its fields in.
 *
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** SHA-256 of the canonical JSON of `records`, hex: what a pull's digest and a report cite. */
export const recordsDigest = (records: unknown) =>
  createHash('sha256').update(canonicalJson(records)).digest('hex');
