import type { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import type { MacroeconomicsDb } from './database.ts';
import type { DefineIndicatorInput } from './indicators/indicator.schemas.ts';
import { defineIndicator } from './indicators/indicator.service.ts';
import { shiftDecimal } from './indicators/unit.rules.ts';
import type { SourceClient } from './shared/exchange.ts';
import type { PublicationId } from './sources/source.rules.ts';
import { pull, subscribe } from './sources/source.service.ts';

/** Every permission macroeconomics declares, by what tests call them. */
export const perm = {
  define: 'macroeconomics.indicator.define',
  readIndicator: 'macroeconomics.indicator.read',
  manage: 'macroeconomics.source.manage',
  pull: 'macroeconomics.source.pull',
  announce: 'macroeconomics.release.announce',
  read: 'macroeconomics.figure.read',
  compute: 'macroeconomics.derived.compute',
} as const;

/** The app's own tables: what a refused call must leave as it was. */
export const domainTables = [
  'indicator',
  'subscription',
  'dataset',
  'observation',
  'observation_head',
  'derived_figure',
  'release',
] as const;

/** A treasury publication for `period`: values in yuan per measure, sent in fen as the treasury does. */
export function treasuryPublication(
  period: string,
  yuan: Record<string, string>,
  extra: { industry?: string; measure: string; value: string }[] = [],
) {
  return {
    resourceId: 'GF-REC-0001',
    period,
    unit: 'fen',
    asOf: new Date().toISOString(),
    rows: [
      ...Object.entries(yuan).map(([measure, v]) => ({
        measure,
        region: '100000',
        value: shiftDecimal(v, 2),
      })),
      ...extra.map((e) => ({ region: '100000', ...e })),
    ],
  };
}

/**
 * An exchange that serves what the test puts in `served` (by `resourceId/period`), and records the
 * grants it was asked for; the real one is `sourcesOverNetwork`.
 */
export function fakeExchange() {
  const served = new Map<string, unknown>();
  const asked: string[] = [];
  const client: SourceClient = {
    grantToken: async (grantId) => {
      asked.push(grantId);
      return `token-for-${grantId}`;
    },
    publication: async (resourceId, period) => {
      const found = served.get(`${resourceId}/${period}`);
      if (found === undefined) throw new Error(`nothing served for ${resourceId}/${period}`);
      return structuredClone(found);
    },
  };
  return { client, served, asked };
}

/** The treasury's indicators as the tests define them: the total with a fixed base at 2025-01. */
export const treasuryIndicators: DefineIndicatorInput[] = [
  {
    code: 'FIN-REC-TOTAL',
    nameZh: '国库收入合计',
    nameEn: 'Treasury receipts, total',
    unit: '元',
    frequency: 'monthly',
    source: { resourceId: 'GF-REC-0001', measure: 'total' },
    indexBase: '2025-01',
  },
  {
    code: 'FIN-REC-DUTY',
    nameZh: '关税收入',
    nameEn: 'Customs duty received',
    unit: '元',
    frequency: 'monthly',
    source: { resourceId: 'GF-REC-0001', measure: 'customs-duty' },
    parent: 'FIN-REC-TOTAL',
  },
];

/** Defines the treasury indicators and registers a grant for the treasury's publication. */
export async function prepare(db: MacroeconomicsDb, recorder: Recorder): Promise<void> {
  for (const indicator of treasuryIndicators) await defineIndicator(db, indicator, recorder);
  await subscribe(db, { resourceId: 'GF-REC-0001', grantId: 'G-test-treasury' }, recorder);
}

/** Pulls one period through the fake exchange in its own transaction, as the procedure would. */
export function pullOnce(
  db: MacroeconomicsDb,
  exchange: ReturnType<typeof fakeExchange>,
  resourceId: PublicationId,
  period: string,
  at = new Date('2026-12-03T02:00:00Z'),
) {
  return db
    .transaction()
    .execute((trx) =>
      pull(
        trx,
        { resourceId, period },
        exchange.client,
        { requestId: `req-${period}`, traceId: 'trace-test' },
        { by: 'official:tester', at },
      ),
    );
}

/** The field and rule a refusal named. */
export const named = (e: unknown) => ({
  field: (e as DomainError).details?.field,
  rule: (e as DomainError).details?.rule,
});
