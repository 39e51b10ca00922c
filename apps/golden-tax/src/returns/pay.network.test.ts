import { randomUUID } from 'node:crypto';
import { defineAgencyApp, serveAgencyApp } from '@egov/kernel/app';
import { createNetwork, type RegistryClient } from '@egov/kernel/network';
import { kernelTRPC } from '@egov/kernel/trpc';
import { bootApp, databaseTargets, trpcHttp } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bootGoldenTax, type GoldenTaxTestApp, line, perm } from '../test.fixture.ts';

/*
 * `returns.pay` as a durable step (ADR 11) through the kernel's network client, over real HTTP,
 * against a stand-in for golden-finance's `treasury.receive` (apps may not import each other's code),
 * idempotent by (source, reference) like the real one. The crash case: the stand-in commits the
 * receipt and then ends golden-tax's transaction (its connection terminated, as when the process is
 * killed) before golden-tax marks the payment paid; nobody retries, and the kernel's step recovery
 * marks it paid with the first receipt.
 */
process.env.EGOV_STEP_RECOVERY_MS = '200';

const received: { key: string | undefined; input: Record<string, unknown> }[] = [];
const books = new Map<string, Record<string, unknown>>();
/** Set by a test: what the stand-in does after it has kept a receipt. */
let afterReceipt: (() => Promise<void>) | undefined;

const { appRouter, router, procedure } = kernelTRPC<unknown>();
const fakeFinance = defineAgencyApp({
  name: 'golden-finance',
  zone: 'internal',
  migrations: {},
  router: appRouter({
    treasury: router({
      receive: procedure
        .requires('golden-finance.treasury.receive')
        .input(z.record(z.string(), z.unknown()))
        .mutation(async ({ ctx, input }) => {
          received.push({ key: ctx.idempotencyKey, input });
          const reference = `${input.source}/${input.sourceReference}`;
          const receipt = books.get(reference) ?? { id: randomUUID(), ...input, status: 'matched' };
          books.set(reference, receipt);
          await afterReceipt?.();
          return receipt;
        }),
    }),
  }),
});

describe.each(databaseTargets())('returns.pay as a durable step on $name', (target) => {
  let gt: GoldenTaxTestApp;
  let close: () => Promise<void>;
  let payer: string;
  const pay = (creditCode: string, period: string) =>
    trpcHttp(gt.app.hono, 'returns.pay', { type: 'mutation', input: { creditCode, period }, token: payer });
  /** A taxpayer with a filed March 2025 return that owes 13,000.00 of VAT. */
  const owing = async () => {
    const seller = await gt.registered();
    await gt.issue({
      sellerCreditCode: seller,
      buyer: { name: '买方' },
      lines: [line({ unitPriceFen: 10_000_000 })],
      issuedOn: '2025-03-05',
    });
    await gt.must('returns.file', { creditCode: seller, period: '2025-03' });
    return seller;
  };
  const paymentOf = (creditCode: string) =>
    gt.db
      .selectFrom('payment')
      .innerJoin('vat_return', 'vat_return.id', 'payment.return_id')
      .select(['payment.status', 'payment.treasury_receipt', 'payment.reference'])
      .where('vat_return.credit_code', '=', creditCode)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    gt = await bootGoldenTax(target);
    payer = await gt.token(perm.pay);
    const finance = await bootApp(fakeFinance, target);
    const serving = await serveAgencyApp(finance.app, { port: 0 });
    const registry = {
      resolve: async (name: string) => ({
        name,
        zone: 'internal' as const,
        baseUrl: serving.url,
        version: 'test',
      }),
    } as RegistryClient;
    const token = finance.identity.serviceToken({
      app: 'golden-tax',
      permissions: ['golden-finance.treasury.receive'],
    });
    gt.app.attachNetwork(
      createNetwork({
        self: { name: 'golden-tax', zone: 'internal' },
        registry,
        tokens: { get: () => token },
        retryBaseMs: 1,
      }),
    );
    close = async () => {
      await finance.app.database.dropSchema();
      await serving.stop();
    };
  });
  afterAll(async () => {
    await close();
    await gt.close();
  });

  it('pays the VAT at the treasury as golden-tax, keyed, and marks the payment paid with the receipt', async () => {
    const seller = await owing();
    const r = await pay(seller, '2025-03');
    expect(r.status).toBe(200);
    const sent = received.filter((s) => s.input.payer === seller);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.key).toEqual(expect.any(String));
    expect(sent[0]!.input).toMatchObject({
      source: 'domestic-vat',
      sourceReference: `VAT-2025-03-${seller}`,
      amountFen: 1_300_000,
    });
    const receipt = books.get(`domestic-vat/VAT-2025-03-${seller}`)!;
    expect(r.data).toMatchObject({ status: 'paid', treasuryReceipt: receipt.id, amountFen: 1_300_000 });
    expect((await pay(seller, '2025-03')).error?.data.issues).toEqual([
      expect.objectContaining({ rule: 'already_paid' }),
    ]);
  });

  it('is paid by the step recovery when golden-tax died after the treasury committed: one receipt, nobody retrying', async () => {
    const seller = await owing();
    // golden-tax's transaction ends with its connection, as when the process is killed mid-payment.
    const schema = gt.app.database.schema;
    afterReceipt = async () => {
      afterReceipt = undefined;
      // As the schema's owner (the connecting user): the app role may not end the owner's sessions.
      await sql`select pg_terminate_backend(l.pid) from pg_locks l
        join pg_class c on c.oid = l.relation join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relname = 'pending_step' and l.pid <> pg_backend_pid()`.execute(
        gt.app.database.owner,
      );
    };
    const died = await pay(seller, '2025-03');
    expect(died.status).toBeGreaterThanOrEqual(500);
    const receipt = books.get(`domestic-vat/VAT-2025-03-${seller}`)!;
    expect(receipt).toBeDefined();
    // Nobody retries: the recovery loop resumes the step from golden-tax's own record.
    const deadline = Date.now() + 30_000;
    while ((await paymentOf(seller)).status !== 'paid' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(await paymentOf(seller)).toEqual({
      status: 'paid',
      treasury_receipt: receipt.id,
      reference: `VAT-2025-03-${seller}`,
    });
    // The resumed call carried the first call's key: the treasury answered it, no second receipt.
    const sent = received.filter((s) => s.input.payer === seller);
    expect(new Set(sent.map((s) => s.key)).size).toBe(1);
    expect([...books.keys()].filter((k) => k.endsWith(seller))).toHaveLength(1);
  });
});
