import { databaseTargets } from '@egov/testing';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenFinance, type GoldenFinanceTestApp } from '../test.fixture.ts';

/*
 * The appropriation can never be overdrawn, even by requests racing each
 * other: the requests really run in parallel (the pool holds five
 * connections, each request its own transaction).
 */
describe.each(databaseTargets())('concurrent payment requests on $name', (target) => {
  let gf: GoldenFinanceTestApp;
  let unit: string;
  const request = (appropriationId: string, amountFen: number, budgetUnit = unit) =>
    gf.call('payments.request', gf.paymentInput(budgetUnit, appropriationId, amountFen), gf.as.accountant);
  const state = async (id: string) =>
    gf.ok<{ allocatedFen: number; committedFen: number; remainingFen: number }>(
      'appropriations.get',
      { id },
      gf.as.accountant,
      'query',
    );
  beforeAll(async () => {
    gf = await bootGoldenFinance(target);
    unit = await gf.unit();
  });
  afterAll(() => gf.close());

  it('lets exactly the 10 of 20 parallel requests that fit through, and refuses the other 10 naming the remainder', async () => {
    const line = await gf.appropriation(unit, 1_050_000, '301');
    const results = await Promise.all(Array.from({ length: 20 }, () => request(line, 100_000)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(refused.error?.data.issues?.[0]).toMatchObject({
        path: 'amountFen',
        rule: 'exceeds_appropriation',
      });
    }
    expect(await state(line)).toMatchObject({
      allocatedFen: 1_050_000,
      committedFen: 1_000_000,
      remainingFen: 50_000,
    });
    const payments = await gf.db
      .selectFrom('payment')
      .select('id')
      .where('appropriation_id', '=', line)
      .execute();
    expect(payments).toHaveLength(10);
  });

  it('never commits more than allocated, loses no reservation and refuses only what no longer fits, for any amounts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 100_000, max: 2_000_000 }),
        fc.array(fc.integer({ min: 1, max: 400_000 }), { minLength: 8, maxLength: 16 }),
        async (allocated, amounts) => {
          const fresh = await gf.unit();
          const line = await gf.appropriation(fresh, allocated, '399');
          const results = await Promise.all(amounts.map((amount) => request(line, amount, fresh)));
          expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
          const granted = amounts.filter((_, i) => results[i]!.status === 200);
          const refused = amounts.filter((_, i) => results[i]!.status === 409);
          const sum = granted.reduce((a, b) => a + b, 0);
          const after = await state(line);
          expect(after.committedFen).toBe(sum); // no lost update
          expect(after.committedFen).toBeLessThanOrEqual(allocated); // never overdrawn
          // Remaining only shrinks, so a request refused earlier would not fit now either.
          for (const amount of refused) expect(amount).toBeGreaterThan(after.remainingFen);
        },
      ),
      { numRuns: 5 },
    );
  });

  it.runIf(target.name === 'postgres')(
    'has teeth: the same parallel load loses updates when a reservation reads, then writes',
    async () => {
      // A deliberately wrong reservation, to show that the harness really runs transactions concurrently.
      const line = await gf.appropriation(unit, 1_000_000, '310');
      const naive = () =>
        gf.db.transaction().execute(async (trx) => {
          const { committed } = await trx
            .selectFrom('appropriation')
            .select('committed')
            .where('id', '=', line)
            .executeTakeFirstOrThrow();
          await sql`select pg_sleep(0.05)`.execute(trx);
          await trx
            .updateTable('appropriation')
            .set({ committed: Number(committed) + 100_000 })
            .where('id', '=', line)
            .execute();
        });
      await Promise.all(Array.from({ length: 4 }, naive));
      // Four "successful" reservations of 100,000 fen, but fewer recorded: read-then-write loses updates.
      expect((await state(line)).committedFen).toBeLessThan(400_000);
    },
  );
});
