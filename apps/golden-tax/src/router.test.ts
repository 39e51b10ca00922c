import { listProcedures, undeclaredProcedures } from '@egov/kernel/trpc';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenTaxRouter } from './router.ts';
import { bootGoldenTax, type GoldenTaxTestApp, perm } from './test.fixture.ts';

const procedures = listProcedures(goldenTaxRouter).filter((p) => !p.path.startsWith('audit.')); // the kernel's audit API

describe('golden-tax router', () => {
  it('declares a permission or public on every procedure', () => {
    expect(undeclaredProcedures(goldenTaxRouter)).toEqual([]);
  });

  it('guards each procedure with its own golden-tax permission; only invoice verification is public', () => {
    const declared = Object.fromEntries(
      procedures.map((p) => [p.path, `${p.type} ${p.meta?.public ? 'public' : p.meta?.permission}`]),
    );
    expect(declared).toEqual({
      'taxpayers.register': `mutation ${perm.register}`,
      'taxpayers.get': `query ${perm.readTaxpayer}`,
      'taxpayers.setQuota': `mutation ${perm.setQuota}`,
      'invoices.issue': `mutation ${perm.issue}`,
      'invoices.get': `query ${perm.readInvoice}`,
      'invoices.verify': 'query public',
      'invoices.void': `mutation ${perm.void}`,
      'inputs.recordInvoice': `mutation ${perm.recordInput}`,
      'inputs.list': `query ${perm.readInput}`,
      'returns.file': `mutation ${perm.file}`,
      'returns.get': `query ${perm.readReturn}`,
      'returns.pay': `mutation ${perm.pay}`,
      'statistics.monthlyRevenue': 'query golden-tax.statistics.read',
      'aml.checkInvoices': 'mutation golden-tax.aml.check',
    });
  });
});

/*
 * The permission matrix, over HTTP: every guarded procedure answers 401
 * without a token and 403 with a token holding every golden-tax permission
 * but its own, before it looks at the input; the public one answers without
 * a token.
 */
describe.each(databaseTargets())('golden-tax permission matrix on $name', (target) => {
  let gt: GoldenTaxTestApp;
  beforeAll(async () => {
    gt = await bootGoldenTax(target);
  });
  afterAll(() => gt.close());

  it.each(
    procedures.filter((p) => p.meta?.permission).map((p) => [p.path, p.type, p.meta!.permission!] as const),
  )('%s (%s) needs %s', async (path, type, permission) => {
    const kind = type === 'query' ? 'query' : 'mutation';
    const allBut = Object.values(perm).filter((p) => p !== permission);
    expect((await gt.call(path, {}, undefined, kind)).status).toBe(401);
    expect((await gt.call(path, {}, await gt.token(...allBut), kind)).status).toBe(403);
    expect((await gt.call(path, {}, await gt.token(permission), kind)).status).toBe(400);
  });

  it('lets anyone verify an invoice without a token', async () => {
    const r = await gt.call(
      'invoices.verify',
      { number: '25351000000000000001', totalFen: 1 },
      undefined,
      'query',
    );
    expect(r).toEqual({ status: 200, data: { valid: false } });
  });
});
