import { type AgencyApp, createAgencyApp, defineAgencyApp } from '@egov/kernel/app';
import type { AppDatabase } from '@egov/kernel/db';
import { createInProcessTransport, type MessagingTables, type Transport } from '@egov/kernel/messaging';
import { kernelTRPC } from '@egov/kernel/trpc';
import {
  databaseTargets,
  dropFresh,
  freshDatabase,
  silentLogger,
  type TestIdentity,
  testIdentity,
  trpcHttp,
} from '@egov/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { goldenTax } from '../app.ts';
import type { GoldenTaxDatabase } from '../database.ts';
import { importVatCertified } from '../events.ts';
import { freshCreditCode } from '../test.fixture.ts';

/** A stand-in for golden-customs: one mutation that publishes the certificate event, as customs will. */
const { appRouter, procedure } = kernelTRPC<unknown>();
const fakeCustoms = defineAgencyApp({
  name: 'golden-customs',
  zone: 'internal',
  migrations: {},
  router: appRouter({
    certify: procedure
      .requires('golden-customs.certificate.issue')
      .input(z.unknown())
      .mutation(async ({ ctx, input }) => {
        await ctx.publish(importVatCertified, input as z.input<typeof importVatCertified.schema>);
        return 'published';
      }),
  }),
});

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(databaseTargets())('customs certificates through the kernel’s messaging on $name', (target) => {
  let identity: TestIdentity;
  let transport: Transport;
  let tax: AgencyApp<GoldenTaxDatabase>;
  let customs: AgencyApp<unknown>;
  let keeper: AppDatabase<unknown>;
  const importer = freshCreditCode('440100');
  const certificates = () =>
    tax.database.db
      .selectFrom('input_credit')
      .select(['certificate_no', 'credit_code', 'tax_fen', 'period', 'recorded_by'])
      .where('source', '=', 'customs')
      .execute();
  const certify = async (payload: unknown) => {
    const token = await identity.officialToken({ permissions: ['golden-customs.certificate.issue'] });
    return trpcHttp(customs.hono, 'certify', { type: 'mutation', input: payload, token });
  };

  beforeAll(async () => {
    identity = await testIdentity('golden-tax');
    transport = createInProcessTransport();
    // Holds the engine open after both apps close, so their schemas can still be dropped.
    keeper = await freshDatabase(target, 'golden-tax');
    const runtime = {
      verifyToken: identity.verifyToken,
      logger: silentLogger(),
      transport,
      messaging: { relay: { pollMs: 20 }, worker: { pollMs: 20 } },
    };
    tax = await createAgencyApp(goldenTax, {
      ...runtime,
      database: await freshDatabase(target, 'golden-tax'),
    });
    customs = await createAgencyApp(fakeCustoms, {
      ...runtime,
      database: await freshDatabase(target, 'golden-tax'),
    });
  });
  afterAll(async () => {
    for (const app of [tax, customs]) {
      await app.close();
      await app.database.dropSchema();
    }
    await transport.close();
    await dropFresh(keeper);
  });

  it('records a certificate customs publishes as the importer’s deductible input, once', async () => {
    const payload = {
      certificateNo: '440120250000654321',
      declarationId: '530120251000054321',
      importerCreditCode: importer,
      vatFen: 1_588_889,
      paidOn: '2025-05-20',
    };
    expect((await certify(payload)).status).toBe(200);
    expect((await certify(payload)).status).toBe(200); // customs sends it twice: two events, one certificate
    const rows = await eventually(certificates, (r) => r.length > 0);
    expect(rows).toEqual([
      {
        certificate_no: '440120250000654321',
        credit_code: importer,
        tax_fen: expect.anything(),
        period: '2025-05',
        recorded_by: 'event:golden-customs',
      },
    ]);
    expect(Number(rows[0]!.tax_fen)).toBe(1_588_889);
    // Both events were processed (done), and the second changed nothing.
    const inbox = await eventually(
      () =>
        (tax.database.db as unknown as Kysely<MessagingTables>)
          .selectFrom('inbox')
          .select('status')
          .execute(),
      (r) => r.length === 2 && r.every((e) => e.status === 'done'),
    );
    expect(inbox).toEqual([{ status: 'done' }, { status: 'done' }]);
    expect(await certificates()).toHaveLength(1);
  });
});
