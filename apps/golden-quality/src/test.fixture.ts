import { type AgencyAppDefinition, defineAgencyApp, serveAgencyApp } from '@egov/kernel/app';
import type { DomainError } from '@egov/kernel/errors';
import { createNetwork, type RegistryClient } from '@egov/kernel/network';
import { kernelTRPC } from '@egov/kernel/trpc';
import { issueResidentId } from '@egov/standards';
import { type BootedApp, bootApp, type DatabaseTarget } from '@egov/testing';
import { sql } from 'kysely';
import { z } from 'zod';
import { goldenQuality } from './app.ts';
import type { GoldenQualityDatabase } from './database.ts';
import type { GoldenQualityRouter } from './router.ts';

/** Every permission golden-quality declares, by what tests call them. */
export const perm = {
  register: 'golden-quality.entity.register',
  read: 'golden-quality.entity.read',
  reveal: 'golden-quality.entity.reveal',
  status: 'golden-quality.entity.status',
  lookup: 'golden-quality.entity.lookup',
  submit: 'golden-quality.application.submit',
  readApplication: 'golden-quality.application.read',
  apply: 'golden-quality.certificate.apply',
  assess: 'golden-quality.certificate.assess',
  readCertificate: 'golden-quality.certificate.read',
  check: 'golden-quality.certificate.check',
  issueCodes: 'golden-quality.anticounterfeit.issue',
  recordSample: 'golden-quality.sample.record',
  readSample: 'golden-quality.sample.read',
  impose: 'golden-quality.fine.impose',
  collect: 'golden-quality.fine.collect',
} as const;

/**
 * A stand-in for golden-shield (apps may not import each other's code), serving
 * `identity.verify` as catalog resource GS-POP-0001 (conditional), so the
 * kernel really refuses a call without a grant: the residents it knows, what
 * it was asked, and an outage switch.
 */
export function fakeShield() {
  const residents = new Map<string, string>();
  const asked: { residentId: string; purpose: string; grant: string | undefined }[] = [];
  const state: { outage?: DomainError } = {};
  const { appRouter, router, procedure } = kernelTRPC<unknown>();
  const definition = defineAgencyApp({
    name: 'golden-shield',
    zone: 'internal',
    migrations: {},
    router: appRouter({
      identity: router({
        verify: procedure
          .requires('golden-shield.identity.verify', {
            resource: { id: 'GS-POP-0001', sharing: 'conditional' },
          })
          .input(
            z.strictObject({
              name: z.string(),
              residentId: z.string(),
              purpose: z.string().min(10).max(200),
            }),
          )
          .output(z.strictObject({ result: z.enum(['match', 'mismatch', 'not_on_file']) }))
          .mutation(({ ctx, input }) => {
            const p = ctx.principal;
            asked.push({
              residentId: input.residentId,
              purpose: input.purpose,
              grant: p?.kind === 'service' ? p.grant?.id : undefined,
            });
            if (state.outage) throw state.outage;
            const name = residents.get(input.residentId);
            if (!name) return { result: 'not_on_file' as const };
            return { result: name === input.name ? ('match' as const) : ('mismatch' as const) };
          }),
      }),
    }),
  });
  return { definition, residents, asked, state };
}

/**
 * A stand-in for the platform's catalog: golden-quality's grants for GS-POP-0001
 * (none while `granted` is false) and grant tokens signed the way golden-shield's
 * stand-in trusts.
 */
function fakeCatalog(grantToken: () => Promise<string>) {
  const state = { granted: true };
  const { appRouter, router, procedure } = kernelTRPC<unknown>();
  const grantId = '0190a1b2-0000-7000-8000-000000000001';
  const definition = defineAgencyApp({
    name: 'platform',
    zone: 'internal',
    migrations: {},
    router: appRouter({
      catalog: router({
        grants: procedure
          .requires('platform.catalog.read')
          .input(z.strictObject({ resourceId: z.string().optional(), active: z.boolean().optional() }))
          .output(
            z.array(z.object({ id: z.string(), consumerApp: z.string(), procedures: z.array(z.string()) })),
          )
          .query(() =>
            state.granted
              ? [{ id: grantId, consumerApp: 'golden-quality', procedures: ['identity.verify'] }]
              : [],
          ),
        grantToken: procedure
          .requires('platform.exchange.token')
          .input(z.strictObject({ grantId: z.string() }))
          .output(z.object({ token: z.string() }))
          .query(async () => ({ token: await grantToken() })),
      }),
    }),
  });
  return { definition, state };
}

/**
 * A stand-in for golden-finance's treasury: what it was told to expect and what
 * it received, each once per (source, reference) as the real treasury keeps it.
 */
function fakeTreasury() {
  const expected = new Map<string, { payer: string; amountFen: number; dueDate: string }>();
  const received = new Map<string, { id: string; amountFen: number; payer: string }>();
  const state: { down?: boolean } = {};
  const { appRouter, router, procedure } = kernelTRPC<unknown>();
  const item = {
    source: z.string(),
    sourceReference: z.string(),
    payer: z.string(),
    amountFen: z.number().int(),
  };
  const definition = defineAgencyApp({
    name: 'golden-finance',
    zone: 'internal',
    migrations: {},
    router: appRouter({
      treasury: router({
        expect: procedure
          .requires('golden-finance.treasury.expect')
          .input(z.strictObject({ ...item, dueDate: z.string() }))
          .output(z.object({ sourceReference: z.string() }))
          .mutation(({ input }) => {
            if (state.down) throw new Error('treasury down');
            if (!expected.has(input.sourceReference))
              expected.set(input.sourceReference, {
                payer: input.payer,
                amountFen: input.amountFen,
                dueDate: input.dueDate,
              });
            return { sourceReference: input.sourceReference };
          }),
        receive: procedure
          .requires('golden-finance.treasury.receive')
          .input(z.strictObject({ ...item, receivedAt: z.string() }))
          .output(z.object({ id: z.string(), status: z.string() }))
          .mutation(({ input }) => {
            if (state.down) throw new Error('treasury down');
            const first = received.get(input.sourceReference) ?? {
              id: crypto.randomUUID(),
              amountFen: input.amountFen,
              payer: input.payer,
            };
            received.set(input.sourceReference, first);
            return { id: first.id, status: expected.has(input.sourceReference) ? 'matched' : 'suspense' };
          }),
      }),
    }),
  });
  return { definition, expected, received, state };
}

let issued = 0;
/**
 * A valid resident ID nobody else in this worker got, known to `shield` as `name` (unless `known` is false).
 *
 * @example
 * const id = freshResident(shield, '张伟');
 */
export function freshResident(
  shield: ReturnType<typeof fakeShield>,
  name: string,
  options: { known?: boolean } = {},
): string {
  issued += 1;
  const id = issueResidentId({ division: '110105', birthDate: '1980-03-09', sequence: 2 * issued + 1 });
  if (options.known !== false) shield.residents.set(id, name);
  return id;
}

/**
 * Boots golden-quality on a fresh schema of `target`, with stand-ins for
 * golden-shield and the platform's catalog served over real HTTP and reached
 * through the kernel's network client, with service tokens as the platform
 * would issue them.
 */
export async function bootGoldenQuality(target: DatabaseTarget) {
  const booted: BootedApp<GoldenQualityDatabase, GoldenQualityRouter> = await bootApp(goldenQuality, target);
  const shield = fakeShield();
  const shieldApp: BootedApp<unknown> = await bootApp(
    shield.definition as AgencyAppDefinition<unknown>,
    target,
  );
  const catalog = fakeCatalog(() =>
    shieldApp.identity.grantToken({
      consumer: 'golden-quality',
      owner: 'golden-shield',
      resource: 'GS-POP-0001',
      procedures: ['identity.verify'],
    }),
  );
  const catalogApp: BootedApp<unknown> = await bootApp(
    catalog.definition as AgencyAppDefinition<unknown>,
    target,
  );
  const treasury = fakeTreasury();
  const treasuryApp: BootedApp<unknown> = await bootApp(
    treasury.definition as AgencyAppDefinition<unknown>,
    target,
  );
  const servingTreasury = await serveAgencyApp(treasuryApp.app, { port: 0 });
  const servingShield = await serveAgencyApp(shieldApp.app, { port: 0 });
  const servingCatalog = await serveAgencyApp(catalogApp.app, { port: 0 });
  const urls: Record<string, string> = {
    'golden-shield': servingShield.url,
    platform: servingCatalog.url,
    'golden-finance': servingTreasury.url,
  };
  const registry = {
    resolve: async (name: string) => ({
      name,
      zone: 'internal' as const,
      baseUrl: urls[name]!,
      version: 'test',
    }),
  } as RegistryClient;
  const tokens: Record<string, Promise<string>> = {
    'golden-shield': shieldApp.identity.serviceToken({
      app: 'golden-quality',
      permissions: ['golden-shield.identity.verify'],
    }),
    'golden-finance': treasuryApp.identity.serviceToken({
      app: 'golden-quality',
      permissions: ['golden-finance.treasury.expect', 'golden-finance.treasury.receive'],
    }),
    platform: catalogApp.identity.serviceToken({
      app: 'golden-quality',
      permissions: ['platform.catalog.read', 'platform.exchange.token'],
    }),
  };
  booted.app.attachNetwork(
    createNetwork({
      self: { name: 'golden-quality', zone: 'internal' },
      registry,
      tokens: { get: (audience: string) => tokens[audience]! },
      retryBaseMs: 1,
    }),
  );
  const db = booted.app.database.db;
  return {
    ...booted,
    db,
    shield,
    catalog,
    treasury,
    /** Audit records of `procedure` in golden-quality's log (or golden-shield's with `side`). */
    audit: async (procedure: string, side: 'ours' | 'theirs' = 'ours') => {
      const database = side === 'ours' ? booted.app.database : shieldApp.app.database;
      const { rows } = await sql<{
        kind: string;
        actor: string;
        outcome: string;
        object_ids: string[];
      }>`select * from ${sql.table(`${database.schema}.audit_record`)} where procedure = ${procedure} order by seq`.execute(
        database.db,
      );
      return rows;
    },
    close: async () => {
      await servingShield.stop();
      await servingCatalog.stop();
      await servingTreasury.stop();
      await treasuryApp.close();
      await shieldApp.close();
      await catalogApp.close();
      await booted.close();
    },
  };
}

export type GoldenQualityTestApp = Awaited<ReturnType<typeof bootGoldenQuality>>;

let names = 0;
/**
 * A registration of an enterprise whose legal representative `shield` knows, under a name nobody else in this worker got.
 *
 * @example
 * const input = enterprise(gq.shield);
 */
export function enterprise(shield: ReturnType<typeof fakeShield>, patch: Record<string, unknown> = {}) {
  names += 1;
  const residentId = freshResident(shield, '王芳');
  return {
    authority: '9',
    entityType: '1',
    name: `北京示例${names}科技有限公司 ${process.pid}`,
    division: '110105',
    address: '北京市朝阳区建国路 88 号',
    legalRepresentative: { name: '王芳', residentId },
    registeredCapitalFen: 100_000_000,
    businessScope: '技术开发、技术咨询、技术服务',
    ...patch,
  } as const;
}
