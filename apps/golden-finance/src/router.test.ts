import { listProcedures, undeclaredProcedures } from '@egov/kernel/trpc';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financePermissions, financeRoles } from './roles.ts';
import { goldenFinanceRouter } from './router.ts';
import { bootGoldenFinance, type GoldenFinanceTestApp } from './test.fixture.ts';

const procedures = listProcedures(goldenFinanceRouter);
const own = procedures.filter((p) => !p.path.startsWith('audit.'));

describe('golden-finance router', () => {
  it('declares a permission or public on every procedure, the kernel audit API included', () => {
    expect(undeclaredProcedures(goldenFinanceRouter)).toEqual([]);
  });

  it('guards each procedure with a golden-finance permission, none public', () => {
    const declared = Object.fromEntries(own.map((p) => [p.path, `${p.type} ${p.meta?.permission}`]));
    expect(declared).toEqual({
      'budgetUnits.register': 'mutation golden-finance.budget-unit.register',
      'budgetUnits.get': 'query golden-finance.budget-unit.read',
      'appropriations.allocate': 'mutation golden-finance.appropriation.allocate',
      'appropriations.get': 'query golden-finance.appropriation.read',
      'appropriations.list': 'query golden-finance.appropriation.read',
      'payments.request': 'mutation golden-finance.payment.request',
      'payments.requestBatch': 'mutation golden-finance.payment.request',
      'payments.approve': 'mutation golden-finance.payment.approve',
      'payments.reject': 'mutation golden-finance.payment.approve',
      'payments.execute': 'mutation golden-finance.payment.execute',
      'payments.get': 'query golden-finance.payment.read',
      'payments.list': 'query golden-finance.payment.read',
      'treasury.expect': 'mutation golden-finance.treasury.expect',
      'treasury.receive': 'mutation golden-finance.treasury.receive',
      'treasury.resolveSuspense': 'mutation golden-finance.treasury.resolve',
      'treasury.getReceipt': 'query golden-finance.treasury.read',
      'treasury.listSuspense': 'query golden-finance.treasury.read',
      'ledger.trialBalance': 'query golden-finance.ledger.read',
      'ledger.accountBalance': 'query golden-finance.ledger.read',
      'reconciliation.run': 'mutation golden-finance.reconciliation.run',
      'statistics.monthlyReceipts': 'query golden-finance.statistics.read',
    });
    // The kernel's audit API is guarded by the kernel's own permission.
    for (const p of procedures.filter((p) => p.path.startsWith('audit.'))) {
      expect(p.meta?.permission, p.path).toMatch(/^kernel\./);
    }
  });

  it('uses exactly the permissions roles.ts names, and every one of them', () => {
    const used = new Set(own.map((p) => p.meta?.permission));
    expect(used).toEqual(new Set(Object.values(financePermissions)));
  });

  it('keeps request, approval and execution of payments in three different roles', () => {
    const duties = [
      financePermissions.requestPayment,
      financePermissions.approvePayment,
      financePermissions.executePayment,
    ];
    for (const [name, role] of Object.entries(financeRoles)) {
      expect(duties.filter((d) => role.permissions.includes(d)).length, name).toBeLessThanOrEqual(1);
    }
  });
});

describe.each(databaseTargets())('role matrix on $name', (target) => {
  let gf: GoldenFinanceTestApp;
  beforeAll(async () => {
    gf = await bootGoldenFinance(target);
  });
  afterAll(() => gf.close());

  it('lets each role call exactly the procedures its permissions name: 403 for the rest, 401 without a token', async () => {
    const before = await gf.counts();
    const matrix: Record<string, Record<string, string>> = {};
    const expected: Record<string, Record<string, string>> = {};
    for (const [name, role] of Object.entries(financeRoles)) {
      const token = await gf.official(`role-${name}`, ...role.permissions);
      matrix[name] = {};
      expected[name] = {};
      await Promise.all(
        own.map(async (p) => {
          // An empty input: a permitted caller gets past authorization, then answers 200 or stops at validation (400).
          const r = await gf.call(p.path, {}, token, p.type === 'query' ? 'query' : 'mutation');
          matrix[name]![p.path] =
            r.status === 403 ? 'forbidden' : [200, 400].includes(r.status) ? 'allowed' : `${r.status}`;
          expected[name]![p.path] = role.permissions.includes(p.meta!.permission!) ? 'allowed' : 'forbidden';
        }),
      );
    }
    expect(matrix).toEqual(expected);
    for (const p of own) {
      expect(
        (await gf.call(p.path, {}, undefined, p.type === 'query' ? 'query' : 'mutation')).status,
        p.path,
      ).toBe(401);
    }
    expect(await gf.counts()).toEqual(before);
  });
});
