import { defineAgencyApp } from '@egov/kernel/app';
import { DomainError } from '@egov/kernel/errors';
import { kernelTRPC } from '@egov/kernel/trpc';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  bootGoldenCustoms,
  freshCreditCode,
  type GoldenCustomsTestApp,
  perm,
  type StandIn,
  standIn,
} from '../test.fixture.ts';

/*
 * `importers.standing` through the kernel's network client, over real HTTP,
 * against a stand-in for golden-tax's `taxpayers.get` (apps may not import
 * each other; the real pair runs in the benchmark and the flow test).
 */
const registered = new Map<string, { name: string; kind: 'general' | 'small-scale' }>();
const asked: { creditCode: string; caller: string | undefined }[] = [];
let outage: DomainError | undefined;

const { appRouter, router, procedure } = kernelTRPC<unknown>();
const fakeTax = defineAgencyApp({
  name: 'golden-tax',
  zone: 'internal',
  migrations: {},
  router: appRouter({
    taxpayers: router({
      get: procedure
        .requires('golden-tax.taxpayer.read')
        .input(z.strictObject({ creditCode: z.string() }))
        .query(({ ctx, input }) => {
          asked.push({ creditCode: input.creditCode, caller: ctx.principal?.id });
          if (outage) throw outage;
          const taxpayer = registered.get(input.creditCode);
          if (!taxpayer) throw new DomainError('NOT_FOUND', 'no such taxpayer', { field: 'creditCode' });
          return {
            creditCode: input.creditCode,
            ...taxpayer,
            division: { code: '310115', name: '浦东新区' },
            industry: null,
            monthlyQuotaFen: 0,
          };
        }),
    }),
  }),
});

describe.each(databaseTargets())('importers.standing over the network on $name', (target) => {
  let cs: GoldenCustomsTestApp;
  let tax: StandIn;
  let reader: string;
  const standing = (creditCode: string) => cs.call('importers.standing', { creditCode }, reader, 'query');
  const register = async (creditCode: string) => {
    const r = await cs.call(
      'importers.register',
      { creditCode, name: '上海外高桥贸易有限公司', aeoClass: null },
      await cs.token(perm.registerImporter),
    );
    expect(r.status).toBe(200);
  };

  beforeAll(async () => {
    cs = await bootGoldenCustoms(target);
    tax = await standIn(cs, fakeTax, target, ['golden-tax.taxpayer.read']);
    reader = await cs.token(perm.readImporter);
  });
  afterAll(async () => {
    await tax.close();
    await cs.close();
  });

  it('answers with the VAT standing golden-tax gives, asked as golden-customs, audited on both sides', async () => {
    const code = freshCreditCode();
    await register(code);
    registered.set(code, { name: '上海外高桥贸易有限公司', kind: 'general' });
    const r = await standing(code);
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({
      importer: { creditCode: code, aeoClass: null },
      tax: { registered: true, kind: 'general', divisionCode: '310115' },
    });
    expect(asked.at(-1)).toEqual({ creditCode: code, caller: 'service:golden-customs' });
    const ours = await cs.db
      .selectFrom('audit_record' as never)
      .selectAll()
      .where('procedure' as never, '=', 'importers.standing' as never)
      .execute();
    expect(ours.at(-1)).toMatchObject({ kind: 'call-out', outcome: 'ok' });
    expect((ours.at(-1) as { object_ids: string[] }).object_ids).toEqual(
      expect.arrayContaining([`importer:${code}`, 'call-out:golden-tax/taxpayers.get']),
    );
    const theirs = await tax.booted.app.database.db
      .selectFrom('audit_record' as never)
      .selectAll()
      .where('procedure' as never, '=', 'taxpayers.get' as never)
      .execute();
    expect(theirs.at(-1)).toMatchObject({ kind: 'call-in', actor: 'service:golden-customs', outcome: 'ok' });
  });

  it('says not registered when golden-tax does not know the importer', async () => {
    const code = freshCreditCode();
    await register(code);
    expect((await standing(code)).data).toMatchObject({ tax: { registered: false } });
  });

  it('refuses an unknown importer without asking golden-tax', async () => {
    const before = asked.length;
    const r = await standing(freshCreditCode());
    expect(r.status).toBe(404);
    expect(asked).toHaveLength(before);
  });

  it('passes golden-tax being unavailable on as a typed 503, not a 500', async () => {
    const code = freshCreditCode();
    await register(code);
    outage = new DomainError('UNAVAILABLE', 'taxpayer register under maintenance');
    try {
      const r = await standing(code);
      expect(r.status).toBe(503);
      expect(r.error?.message).toContain('taxpayer register under maintenance');
    } finally {
      outage = undefined;
    }
  });
});
