import { randomUUID } from 'node:crypto';
import type { MessagingTables } from '@egov/kernel/messaging';
import { chinaDate, issueCreditCode } from '@egov/standards';
import { type AgencyAppDefinition, serveAgencyApp } from '@egov/kernel/app';
import { createNetwork, type RegistryClient } from '@egov/kernel/network';
import { type BootedApp, bootApp, type DatabaseTarget } from '@egov/testing';
import { type Kysely, sql } from 'kysely';
import { goldenCustoms } from './app.ts';
import type { DeclarationViewData } from './declarations/declaration.view.ts';
import { payDeclaration } from './payments/payment.service.ts';
import type {
  ExpectedTax,
  ReceivedTax,
  TreasuryClient,
  TreasuryReceipt,
} from './payments/treasury-client.ts';
import { inTransaction } from '@egov/kernel/db';

/** Every permission golden-customs declares, by what tests call them. */
export const perm = {
  registerImporter: 'golden-customs.importer.register',
  readImporter: 'golden-customs.importer.read',
  submit: 'golden-customs.declaration.submit',
  read: 'golden-customs.declaration.read',
  pay: 'golden-customs.declaration.pay',
  release: 'golden-customs.declaration.release',
  inspect: 'golden-customs.inspection.record',
  tariff: 'golden-customs.tariff.read',
} as const;

const tables = [
  'importer',
  'declaration',
  'declaration_line',
  'declaration_sequence',
  'declaration_payment',
  'inspection',
  'outbox',
] as const;

let issued = 0;
const fresh = new Set<string>();
/** Who registers the suites' fresh importers; `counts()` leaves those rows out (set-up, not the call's writes). */
const FIXTURE = 'test-fixture';

/**
 * A valid credit code nobody else in this worker got, so every test has its own (first-time) importer.
 * Customs takes declarations only from registered importers: `call` registers a fresh code (with no
 * AEO class) before the first `declarations.submit` that names it, unless the test registered it itself.
 *
 * @example
 * freshCreditCode('310115') // '91310115T0000001…'
 */
export function freshCreditCode(division = '310115'): string {
  issued += 1;
  const code = issueCreditCode({ division, organisationBody: `T${String(issued).padStart(7, '0')}` });
  fresh.add(code);
  return code;
}

/** The DOMAIN.md worked example as one declaration line: CIF 100,000.00 yuan at 10% / 10% / 13%. */
export const workedExampleLine = {
  commodityCode: '8903320000',
  description: '游艇 长12米',
  quantity: '1',
  unit: 'vessel',
  value: '100000.00',
  currency: 'CNY',
  incoterm: 'CIF',
} as const;

/**
 * A treasury that keeps receipts in memory, idempotent by (source, reference)
 * like golden-finance's, and records calls; `refuse` makes a call fail.
 *
 * @example
 * const treasury = fakeTreasury();
 * await payDeclaration(trx, { declarationId }, treasury.client, recorder);
 */
export function fakeTreasury(
  options: {
    refuse?: (call: 'expect' | 'receive', item: ExpectedTax) => Error | undefined;
    /** The treasury's books, shared to play a retry against what an earlier attempt left. */
    receipts?: Map<string, TreasuryReceipt>;
  } = {},
) {
  const calls: string[] = [];
  const receipts = options.receipts ?? new Map<string, TreasuryReceipt>();
  const client: TreasuryClient = {
    expect: async (item) => {
      calls.push(`expect ${item.sourceReference} ${item.amountFen}`);
      const refusal = options.refuse?.('expect', item);
      if (refusal) throw refusal;
      return { id: randomUUID(), status: 'open' };
    },
    receive: async (item: ReceivedTax) => {
      calls.push(`receive ${item.sourceReference} ${item.amountFen}`);
      const refusal = options.refuse?.('receive', { ...item, dueDate: '' });
      if (refusal) throw refusal;
      const first = receipts.get(`${item.source}/${item.sourceReference}`);
      if (first) return first;
      const receipt: TreasuryReceipt = {
        id: randomUUID(),
        sourceReference: item.sourceReference,
        amountFen: item.amountFen,
        status: 'matched',
        businessDate: chinaDate(new Date(item.receivedAt)),
      };
      receipts.set(`${item.source}/${item.sourceReference}`, receipt);
      return receipt;
    },
  };
  return { client, calls, receipts };
}

/**
 * Boots golden-customs on a fresh schema of `target` with helpers the suites
 * share: HTTP calls, tokens by permission, row counts of every table
 * including the outbox (to prove a refused call wrote nothing), the events
 * written, and shortcuts to submit and to pay.
 *
 * @example
 * const cs = await bootGoldenCustoms(target);
 * const r = await cs.call('declarations.submit', input, await cs.token(perm.submit));
 */
export async function bootGoldenCustoms(target: DatabaseTarget) {
  const booted = await bootApp(goldenCustoms, target);
  const db = booted.app.database.db;
  const messaging = db as unknown as Kysely<MessagingTables>;
  const registerFresh = async (input: unknown) => {
    const code = (input as { importerCreditCode?: unknown } | undefined)?.importerCreditCode;
    if (typeof code !== 'string' || !fresh.has(code)) return;
    await db
      .insertInto('importer')
      .values({
        credit_code: code,
        name: '测试进口企业',
        aeo_class: null,
        registered_at: new Date(),
        registered_by: FIXTURE,
      })
      .onConflict((oc) => oc.column('credit_code').doNothing())
      .execute();
  };
  const call = async (
    path: string,
    input: unknown,
    token?: string,
    type: 'query' | 'mutation' = 'mutation',
  ) => {
    if (path === 'declarations.submit') await registerFresh(input);
    return booted.call(path, input, token, type);
  };
  const { token } = booted;
  return {
    ...booted,
    db,
    call,
    token,
    counts: async () => {
      const out: Record<string, number> = {};
      for (const table of tables) {
        let query = messaging.selectFrom(table as 'outbox').select(sql<number>`count(*)::int`.as('n'));
        if (table === 'importer') query = query.where(sql<boolean>`registered_by <> ${FIXTURE}`);
        const row = await query.executeTakeFirstOrThrow();
        out[table] = row.n;
      }
      return out;
    },
    /** Events in the outbox, oldest first, optionally of one name. */
    events: async (name?: string) => {
      let query = messaging.selectFrom('outbox').select(['name', 'payload', 'producer']).orderBy('seq');
      if (name) query = query.where('name', '=', name);
      const rows = await query.execute();
      return rows.map((r) => ({
        name: r.name,
        producer: r.producer,
        payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<
          string,
          unknown
        >,
      }));
    },
    /** Submits with every permission; throws on refusal. */
    submit: async (input: unknown): Promise<DeclarationViewData> => {
      const r = await call('declarations.submit', input, await token(perm.submit));
      if (r.status !== 200) throw new Error(`submit refused: ${JSON.stringify(r.error)}`);
      return r.data as DeclarationViewData;
    },
    /** Pays through the service with a fake treasury (a bare app has no network to reach golden-finance). */
    pay: async (declarationId: string, treasury = fakeTreasury()) =>
      inTransaction(db, (trx) =>
        payDeclaration(trx, { declarationId }, treasury.client, { by: 'official:cashier', at: new Date() }),
      ),
  };
}

export type GoldenCustomsTestApp = Awaited<ReturnType<typeof bootGoldenCustoms>>;

/** Another agency's app, stood in for by a test definition, serving over real HTTP to golden-customs. */
export interface StandIn {
  booted: BootedApp<unknown>;
  close(): Promise<void>;
}

/**
 * Boots `definition` (a stand-in for another agency's app: apps may not
 * import each other), serves it over HTTP and gives `cs` a network client
 * that resolves every name to it, as golden-customs holding a service token
 * with `permissions` there.
 *
 * @example
 * const tax = await standIn(cs, fakeTax, target, ['golden-tax.taxpayer.read']);
 */
export async function standIn(
  cs: GoldenCustomsTestApp,
  definition: AgencyAppDefinition<unknown>,
  target: DatabaseTarget,
  permissions: string[],
): Promise<StandIn> {
  const booted = await bootApp(definition, target);
  const serving = await serveAgencyApp(booted.app, { port: 0 });
  const registry = {
    resolve: async (name: string) => ({
      name,
      zone: 'internal' as const,
      baseUrl: serving.url,
      version: 'test',
    }),
  } as RegistryClient;
  const token = booted.identity.serviceToken({ app: 'golden-customs', permissions });
  cs.app.attachNetwork(
    createNetwork({
      self: { name: 'golden-customs', zone: 'internal' },
      registry,
      tokens: { get: () => token },
      retryBaseMs: 1,
    }),
  );
  return {
    booted,
    close: async () => {
      await booted.app.database.dropSchema();
      await serving.stop();
    },
  };
}
