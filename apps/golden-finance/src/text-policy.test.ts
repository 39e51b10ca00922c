import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anHourAgo,
  bootGoldenFinance,
  creditCode,
  type GoldenFinanceTestApp,
  reference,
} from './test.fixture.ts';

/** Issue 12 item 4, as found over HTTP: a NUL answered 500, a U+202E was stored verbatim. */
describe.each(databaseTargets())('the kernel text policy in golden-finance on $name', (target) => {
  let gf: GoldenFinanceTestApp;
  beforeAll(async () => {
    gf = await bootGoldenFinance(target);
  });
  afterAll(() => gf.close());

  const unit = { code: '401001', name: '测试单位', creditCode: creditCode(4010010), division: '110105' };

  it.each([
    ['a NUL', { name: 'bad\u0000name' }, 'name', 'nul'],
    ['a right-to-left override', { name: '单位\u202Egpj.exe' }, 'name', 'bidi_control'],
    ['a line feed', { name: 'two\nlines' }, 'name', 'control_character'],
    ['a C1 control', { name: 'x\u0085y' }, 'name', 'control_character'],
  ])(
    'budgetUnits.register with %s in the name is a 400 naming it, nothing written',
    async (_, change, field, rule) => {
      const before = await gf.counts();
      const r = await gf.call('budgetUnits.register', { ...unit, ...change }, gf.as.budget);
      expect(r.status).toBe(400);
      expect(r.error?.data.issues).toEqual([expect.objectContaining({ path: field, rule })]);
      expect(await gf.counts()).toEqual(before);
    },
  );

  it('ledger.accountBalance with a NUL is a 400, not a 500', async () => {
    const r = await gf.call('ledger.accountBalance', { account: 'tsa\u0000' }, gf.as.treasury, 'query');
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path: 'account', rule: 'nul' })]);
  });

  it('treasury.receive from another service with a NUL is a 400, nothing written', async () => {
    const before = await gf.counts();
    const r = await gf.call(
      'treasury.receive',
      {
        source: 'customs-duty',
        sourceReference: `${reference()}\u0000`,
        payer: creditCode(4010011),
        amountFen: 100,
        receivedAt: anHourAgo(),
      },
      gf.as.customs,
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path: 'sourceReference', rule: 'nul' })]);
    expect(await gf.counts()).toEqual(before);
  });

  it('stores a name in NFC, so two spellings of one name are one name', async () => {
    const r = await gf.call('budgetUnits.register', { ...unit, name: 'Cafe\u0301 单位' }, gf.as.budget);
    expect(r.status).toBe(200);
    expect((r.data as { name: string }).name).toBe('Caf\u00e9 单位');
  });
});
