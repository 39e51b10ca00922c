import { databaseTargets } from '@egov/testing';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenFinance, type GoldenFinanceTestApp, perm } from '../test.fixture.ts';

/**
 * Issue 12 item 9 (BOLA, OWASP API1): an official holding the payment-request
 * permission could read, and request against, any budget unit's
 * appropriations. Scopes from the token now decide which units an official
 * may touch; the cross-agency property test of the platform, extended to
 * objects owned inside an agency.
 */
describe.each(databaseTargets())('budget-unit scopes on $name', (target) => {
  let gf: GoldenFinanceTestApp;
  const units: string[] = [];
  const appropriations: Record<string, string> = {};
  const payments: Record<string, string> = {};
  const accountants: Record<string, string> = {};
  const accountantPerms = [perm.requestPayment, perm.readPayment, perm.readAppropriation, perm.readUnit];

  beforeAll(async () => {
    gf = await bootGoldenFinance(target);
    for (let i = 0; i < 3; i++) {
      const unit = await gf.unit();
      units.push(unit);
      appropriations[unit] = await gf.appropriation(unit, 5_000_000);
      accountants[unit] = await gf.scoped(`accountant-${unit}`, [unit], ...accountantPerms);
      const requested = await gf.ok<{ id: string }>(
        'payments.request',
        gf.paymentInput(unit, appropriations[unit]!, 1_000),
        accountants[unit]!,
      );
      payments[unit] = requested.id;
    }
  });
  afterAll(() => gf.close());

  const acts = [
    ['query', 'budgetUnits.get', (u: string) => ({ code: u }), 'code'],
    ['query', 'appropriations.list', (u: string) => ({ budgetUnit: u }), 'budgetUnit'],
    ['query', 'appropriations.get', (u: string) => ({ id: appropriations[u] }), 'id'],
    ['query', 'payments.get', (u: string) => ({ id: payments[u] }), 'id'],
    [
      'mutation',
      'payments.request',
      (u: string) => gf.paymentInput(u, appropriations[u]!, 1_000),
      'budgetUnit',
    ],
  ] as const;

  it("lets a unit's accountant act on its own unit", async () => {
    for (const unit of units) {
      for (const [type, path, input] of acts) {
        const r = await gf.call(path, input(unit), accountants[unit], type);
        expect(r.status, `${unit} ${path}`).toBe(200);
      }
    }
  });

  it("refuses every act on another unit's objects with 403 scope, audited, leaking nothing, writing nothing (property)", async () => {
    const before = await gf.counts();
    const pair = fc.tuple(fc.constantFrom(...units), fc.constantFrom(...units)).filter(([a, b]) => a !== b);
    await fc.assert(
      fc.asyncProperty(pair, fc.constantFrom(...acts), async ([mine, theirs], [type, path, input, field]) => {
        const r = await gf.call(path, input(theirs), accountants[mine], type);
        expect(r.status, `${mine} -> ${theirs} ${path}`).toBe(403);
        expect(r.error?.data.issues).toEqual([expect.objectContaining({ path: field, rule: 'scope' })]);
        const body = JSON.stringify(r);
        for (const secret of ['5000000', '北京测试供应商', payments[theirs]!])
          expect(body).not.toContain(secret);
      }),
      { numRuns: 40 },
    );
    expect(await gf.counts()).toEqual(before);
    const refusals = await gf.db
      .selectFrom('audit_record' as never)
      .select([
        'procedure',
        'kind',
        'outcome',
        'error_code',
        sql<string>`object_ids::text`.as('objects'),
      ] as never)
      .where('kind' as never, '=', 'authorization' as never)
      .execute();
    expect(refusals.length).toBeGreaterThanOrEqual(40);
    for (const r of refusals as unknown as { outcome: string; error_code: string; objects: string }[]) {
      expect(r).toMatchObject({ outcome: 'refused', error_code: 'FORBIDDEN' });
      expect(r.objects).toMatch(/budget-unit:/);
    }
  });

  it('refuses an official with no scopes at all (deny by default), and lets a department-wide one through', async () => {
    const unscoped = await gf.scoped('no-scope', [], ...accountantPerms);
    const unit = units[0]!;
    const r = await gf.call('appropriations.list', { budgetUnit: unit }, unscoped, 'query');
    expect(r.status).toBe(403);
    const wide = await gf.official('department', ...accountantPerms);
    expect((await gf.call('appropriations.list', { budgetUnit: unit }, wide, 'query')).status).toBe(200);
  });

  it('holds a reviewer and a clerk to their scope too', async () => {
    const unit = units[1]!;
    const other = units[2]!;
    const reviewer = await gf.scoped('reviewer-1', [unit], perm.approvePayment, perm.readPayment);
    const refused = await gf.call('payments.approve', { paymentId: payments[other] }, reviewer);
    expect(refused.status).toBe(403);
    expect(refused.error?.data.issues?.[0]).toMatchObject({ path: 'paymentId', rule: 'scope' });
    const status = await gf.ok<{ status: string }>(
      'payments.get',
      { id: payments[other] },
      gf.as.accountant,
      'query',
    );
    expect(status.status).toBe('requested');
  });
});
