import { randomUUID } from 'node:crypto';
import { defineAgencyApp } from '@egov/kernel/app';
import { DomainError } from '@egov/kernel/errors';
import { kernelTRPC } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import { databaseTargets, trpcHttp } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DeclarationViewData } from '../declarations/declaration.view.ts';
import {
  bootGoldenCustoms,
  freshCreditCode,
  type GoldenCustomsTestApp,
  perm,
  type StandIn,
  standIn,
  workedExampleLine,
} from '../test.fixture.ts';

/*
 * `declarations.pay` end to end through the kernel's network client, over
 * real HTTP, against a stand-in for golden-finance's two treasury procedures
 * (apps may not import each other, and the real cross-app flow is the lead's
 * test). The stand-in is idempotent by (source, reference) like the real one.
 */
interface Seen {
  path: string;
  caller: string | undefined;
  idempotencyKey: string | undefined;
  input: Record<string, unknown>;
}
const seen: Seen[] = [];
const books = new Map<string, Record<string, unknown>>();
let refusal: DomainError | undefined;

const { appRouter, router, procedure } = kernelTRPC<unknown>();
const note = (
  path: string,
  ctx: { principal: { id: string } | null; idempotencyKey?: string | undefined },
  input: unknown,
) => {
  seen.push({
    path,
    caller: ctx.principal?.id,
    idempotencyKey: ctx.idempotencyKey,
    input: input as Record<string, unknown>,
  });
  if (refusal) throw refusal;
};
const fakeFinance = defineAgencyApp({
  name: 'golden-finance',
  zone: 'internal',
  migrations: {},
  router: appRouter({
    treasury: router({
      expect: procedure
        .requires('golden-finance.treasury.expect')
        .input(z.record(z.string(), z.unknown()))
        .mutation(({ ctx, input }) => {
          note('treasury.expect', ctx, input);
          return { id: randomUUID(), ...input, status: 'open', receiptId: null };
        }),
      receive: procedure
        .requires('golden-finance.treasury.receive')
        .input(z.record(z.string(), z.unknown()))
        .mutation(({ ctx, input }) => {
          note('treasury.receive', ctx, input);
          const key = `${input.source}/${input.sourceReference}`;
          const receipt = books.get(key) ?? {
            id: randomUUID(),
            ...input,
            businessDate: chinaDate(new Date(String(input.receivedAt))),
            status: 'matched',
          };
          books.set(key, receipt);
          return receipt;
        }),
    }),
  }),
});

describe.each(databaseTargets())('declarations.pay over the network on $name', (target) => {
  let cs: GoldenCustomsTestApp;
  let finance: StandIn;
  let cashier: string;
  const pay = (declarationId: string, headers: Record<string, string> = {}) =>
    trpcHttp(cs.app.hono, 'declarations.pay', {
      type: 'mutation',
      input: { declarationId },
      token: cashier,
      headers,
    });

  beforeAll(async () => {
    cs = await bootGoldenCustoms(target);
    finance = await standIn(cs, fakeFinance, target, [
      'golden-finance.treasury.expect',
      'golden-finance.treasury.receive',
    ]);
    cashier = await cs.token(perm.pay);
  });
  afterAll(async () => {
    await finance.close();
    await cs.close();
  });

  it('pays each tax at the treasury as golden-customs, with keys, and publishes the payment', async () => {
    const d = await cs.submit({ importerCreditCode: freshCreditCode(), lines: [workedExampleLine] });
    seen.length = 0;
    const r = await pay(d.id, { 'idempotency-key': `pay-${d.id}` });
    expect(r.status).toBe(200);
    const paid = r.data as DeclarationViewData;
    expect(paid.status).toBe('paid');
    expect(seen.map((s) => [s.path, s.input.source, s.caller])).toEqual([
      ['treasury.expect', 'customs-duty', 'service:golden-customs'],
      ['treasury.receive', 'customs-duty', 'service:golden-customs'],
      ['treasury.expect', 'consumption-tax', 'service:golden-customs'],
      ['treasury.receive', 'consumption-tax', 'service:golden-customs'],
      ['treasury.expect', 'import-vat', 'service:golden-customs'],
      ['treasury.receive', 'import-vat', 'service:golden-customs'],
    ]);
    expect(new Set(seen.map((s) => s.idempotencyKey)).size).toBe(6);
    expect(seen[1]?.input).toMatchObject({
      sourceReference: `${d.declarationNo}-customs-duty`,
      payer: d.importerCreditCode,
      amountFen: 1_000_000,
    });
    const [event] = (await cs.events('golden-customs.declaration.paid.v1')).filter(
      (e) => e.payload.declarationId === d.id,
    );
    expect(event?.payload).toEqual({
      declarationId: d.id,
      declarationNo: d.declarationNo,
      importerCreditCode: d.importerCreditCode,
      totalFen: 3_811_111,
      receipts: paid.receipts.map(({ tax, sourceReference, receiptId, amountFen }) => ({
        tax,
        sourceReference,
        receiptId,
        amountFen,
      })),
      paidAt: paid.paidAt,
    });

    // The same request again (same key) and a new request: the first receipts, nothing sent, one event.
    const calls = seen.length;
    expect((await pay(d.id, { 'idempotency-key': `pay-${d.id}` })).data).toEqual(paid);
    expect(((await pay(d.id)).data as DeclarationViewData).receipts).toEqual(paid.receipts);
    expect(seen).toHaveLength(calls);
    expect(
      (await cs.events('golden-customs.declaration.paid.v1')).filter((e) => e.payload.declarationId === d.id),
    ).toHaveLength(1);
  });

  it('writes nothing when the treasury refuses, names its reason, and pays on retry', async () => {
    const d = await cs.submit({ importerCreditCode: freshCreditCode(), lines: [workedExampleLine] });
    const before = await cs.counts();
    refusal = new DomainError('CONFLICT', 'reference reused', {
      field: 'sourceReference',
      rule: 'reference_reused',
    });
    const refused = await pay(d.id);
    refusal = undefined;
    expect(refused.status).toBe(409);
    expect(refused.error?.message).toContain('reference reused');
    expect(await cs.counts()).toEqual(before);
    refusal = new DomainError('UNAVAILABLE', 'treasury closed for the night');
    expect((await pay(d.id)).status).toBe(503);
    refusal = undefined;
    expect(await cs.counts()).toEqual(before);
    expect(((await pay(d.id)).data as DeclarationViewData).status).toBe('paid');
  });
});
