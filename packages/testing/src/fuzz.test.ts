import { defineAgencyApp } from '@egov/kernel/app';
import { kernelTRPC } from '@egov/kernel/trpc';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { arbitraryOf } from './arbitrary.ts';
import { bootApp } from './boot.ts';
import { fuzzRouter, rowCounter } from './fuzz.ts';
import { databaseTargets } from './index.ts';

/*
 * The fuzzer finds what it is there to find: a broken app, built here on purpose, fails each rule.
 */
const { router, appRouter, procedure } = kernelTRPC<{ item: { name: string } }>();
let side: ((name: string) => Promise<void>) | undefined;
const broken = defineAgencyApp({
  name: 'fuzz-test',
  zone: 'internal',
  migrations: {
    '20261203T1900_item': {
      up: async (db) => {
        await db.schema
          .createTable('item')
          .addColumn('name', 'text', (c) => c.notNull())
          .execute();
      },
    },
  },
  router: appRouter({
    items: router({
      // Sound: strict, writes in the kernel's transaction.
      add: procedure
        .public()
        .input(z.strictObject({ name: z.string().min(1).max(20), count: z.number().int().min(0).max(9) }))
        .mutation(async ({ ctx, input }) => {
          await ctx.db.insertInto('item').values({ name: input.name }).execute();
          return { ok: true };
        }),
      // Not strict: an unknown field passes.
      loose: procedure
        .public()
        .input(z.object({ name: z.string() }))
        .query(() => 1),
      // A crash on a number it did not expect: 500.
      crash: procedure
        .public()
        .input(z.strictObject({ n: z.number() }))
        .query(({ input }) => {
          if (!Number.isSafeInteger(input.n)) throw new Error('boom');
          return input.n;
        }),
      // Writes beside the kernel's transaction, then refuses.
      leak: procedure
        .public()
        .input(z.strictObject({ name: z.string().max(5) }))
        .mutation(async ({ input }) => {
          await side?.(input.name);
          throw new Error('refused after writing');
        }),
    }),
  }),
});

describe.each(databaseTargets())('the fuzzer on $name', (target) => {
  const booted = bootApp(broken, target);
  afterAll(async () => (await booted).close());

  it('derives values each schema accepts, from its structure', () => {
    const schema = z.strictObject({
      id: z.uuid(),
      day: z.iso.date(),
      code: z.string().regex(/^[A-Z]{3}\d{2}$/),
      n: z.number().int().min(5).max(7),
      kind: z.enum(['a', 'b']),
      note: z.string().max(4).optional(),
      lines: z
        .array(z.strictObject({ fen: z.number().int().nonnegative() }))
        .min(1)
        .max(2),
    });
    fc.assert(fc.property(arbitraryOf(schema), (value) => schema.safeParse(value).success));
  });

  it('reports a 5xx, an unknown field accepted, and a refused mutation that wrote', async () => {
    const app = await booted;
    side = async (name) => {
      await sql`insert into ${sql.table(`${app.app.database.schema}.item`)} (name) values (${name})`.execute(
        app.app.database.owner,
      );
    };
    const report = await fuzzRouter({
      hono: app.app.hono,
      router: broken.router,
      token: await app.token('kernel.audit.read'),
      counts: rowCounter(app.app.database.db as never, app.app.database.schema),
      runs: 36,
      skip: (path) => path.startsWith('audit.'),
    });
    // Each rule by its first words (the place and the tables written vary with the input).
    const found = new Set(report.findings.map((f) => `${f.procedure}: ${f.rule.replace(/ \(.*$/, '')}`));
    expect([...found].sort()).toEqual([
      'items.crash: no 5xx',
      'items.leak: a refused mutation writes nothing',
      'items.leak: no 5xx',
      'items.loose: refused',
    ]);
    expect(report.findings.some((f) => f.procedure === 'items.add')).toBe(false);
  });
});
