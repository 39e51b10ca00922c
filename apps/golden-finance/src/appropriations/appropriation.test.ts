import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenFinance, type GoldenFinanceTestApp } from '../test.fixture.ts';

describe.each(databaseTargets())('appropriations on $name', (target) => {
  let gf: GoldenFinanceTestApp;
  let unit: string;
  const allocation = (change: Record<string, unknown> = {}) => ({
    budgetUnit: unit,
    fiscalYear: 2026,
    economicClass: '302',
    amountFen: 50_000_000,
    ...change,
  });
  beforeAll(async () => {
    gf = await bootGoldenFinance(target);
    unit = await gf.unit();
  });
  afterAll(() => gf.close());

  it('allocates a line with its whole amount remaining, and lists it', async () => {
    const r = await gf.call('appropriations.allocate', allocation(), gf.as.budget);
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({
      budgetUnit: unit,
      fiscalYear: 2026,
      economicClass: { code: '302', name: '商品和服务支出 goods and services' },
      allocatedFen: 50_000_000,
      committedFen: 0,
      remainingFen: 50_000_000,
      executedFen: 0,
    });
    const id = (r.data as { id: string }).id;
    expect((await gf.call('appropriations.get', { id }, gf.as.budget, 'query')).data).toEqual(r.data);
    const listed = await gf.call(
      'appropriations.list',
      { budgetUnit: unit, fiscalYear: 2026 },
      gf.as.budget,
      'query',
    );
    expect(listed.data).toEqual([r.data]);
  });

  it('refuses a second allocation of the same unit, year and class (409), and allows another class', async () => {
    const before = await gf.counts();
    const again = await gf.call('appropriations.allocate', allocation(), gf.as.budget);
    expect(again.status).toBe(409);
    expect(again.error?.data.issues?.[0]).toMatchObject({ path: 'economicClass', rule: 'already_allocated' });
    expect(await gf.counts()).toEqual(before);
    expect(
      (await gf.call('appropriations.allocate', allocation({ economicClass: '301' }), gf.as.budget)).status,
    ).toBe(200);
  });

  it.each([
    ['a negative amount', { amountFen: -100 }, 'amountFen', 'positive'],
    ['a zero amount', { amountFen: 0 }, 'amountFen', 'positive'],
    ['a non-integer amount', { amountFen: 100.5 }, 'amountFen', 'integer_fen'],
    // The kernel names a wrong type `required` for now (zod 4 omits the input from issues); only the field is checked.
    ['an amount in yuan as a string', { amountFen: '500000.00' }, 'amountFen', undefined],
    ['an amount beyond 2^53', { amountFen: 2 ** 53 }, 'amountFen', 'max_amount'],
    ['an unknown budget unit', { budgetUnit: '999999' }, 'budgetUnit', 'unknown_budget_unit'],
    ['an economic class not in the list', { economicClass: '305' }, 'economicClass', 'economic_class'],
    ['a fiscal year out of range', { fiscalYear: 1999 }, 'fiscalYear', 'too_small'],
    ['an unknown field', { note: 'x' }, '(input)', 'unknown_field'],
  ])('refuses %s with 400 naming the field and rule, writing nothing', async (_, change, path, rule) => {
    const before = await gf.counts();
    const r = await gf.call(
      'appropriations.allocate',
      allocation({ economicClass: '310', ...change }),
      gf.as.budget,
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining(rule ? { path, rule } : { path })]);
    expect(await gf.counts()).toEqual(before);
  });

  it('answers 404 for an unknown appropriation and 403 to a unit accountant allocating', async () => {
    const unknown = await gf.call(
      'appropriations.get',
      { id: '00000000-0000-4000-8000-000000000000' },
      gf.as.budget,
      'query',
    );
    expect(unknown.status).toBe(404);
    expect((await gf.call('appropriations.allocate', allocation(), gf.as.accountant)).status).toBe(403);
  });
});
