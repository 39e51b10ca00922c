import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootFs, type FsTestApp, freshPan, perm, registered } from '../test.fixture.ts';

const wrongLuhn = (pan: string) => pan.slice(0, -1) + String((Number(pan.at(-1)) + 1) % 10);

describe.each(databaseTargets())('Golden Card: BIN ranges, cards and checks on $name', (target) => {
  let app: FsTestApp;
  let officer: string;
  let issuer: string;
  const bin = `62${String(process.pid % 10000).padStart(4, '0')}`;
  beforeAll(async () => {
    app = await bootFs(target);
    officer = await app.token(perm.cardRegister, perm.cardStatus, perm.cardCheck);
    issuer = await registered(app);
    const r = await app.call(
      'cards.registerBinRange',
      { institution: issuer, binFrom: bin, binTo: bin, cardLength: 19 },
      officer,
    );
    expect(r.status, r.error?.message).toBe(200);
  });
  afterAll(() => app.close());

  it('refuses an overlapping BIN range (409 bin_overlap), writing nothing', async () => {
    const other = await registered(app);
    const before = await app.counts();
    const r = await app.call(
      'cards.registerBinRange',
      { institution: other, binFrom: String(Number(bin) - 5), binTo: bin, cardLength: 16 },
      officer,
    );
    expect(r.status).toBe(409);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'binFrom', rule: 'bin_overlap' });
    expect(await app.counts()).toEqual(before);
  });

  it('registers a card of its issuer’s range, shows it masked, and answers other agencies’ checks', async () => {
    const pan = freshPan(bin);
    const r = await app.call('cards.register', { institution: issuer, pan }, officer);
    expect(r.status, r.error?.message).toBe(200);
    expect(r.data).toMatchObject({ card: `${pan.slice(0, 6)}*********${pan.slice(-4)}`, status: 'active' });
    expect(JSON.stringify(r.data)).not.toContain(pan);
    const checker = await app.token(perm.cardCheck);
    const check = await app.call('cards.check', { pan }, checker);
    expect(check.data).toEqual({
      card: expect.stringContaining('*'),
      status: 'active',
      issuerName: expect.any(String),
    });
    expect((await app.call('cards.setStatus', { pan, status: 'lost' }, officer)).status).toBe(200);
    expect((await app.call('cards.check', { pan }, checker)).data).toMatchObject({ status: 'lost' });
    const back = await app.call('cards.setStatus', { pan, status: 'active' }, officer);
    expect(back.error?.data.issues?.[0]).toMatchObject({ path: 'status', rule: 'status_change' });
    expect((await app.call('cards.check', { pan: freshPan('999999') }, checker)).data).toMatchObject({
      status: 'unknown',
      issuerName: null,
    });
  });

  it.each([
    ['failing Luhn', () => wrongLuhn(freshPan(bin)), 400, 'check_digit'],
    ['too short', () => '62', 400, 'length'],
    ['of no registered BIN', () => freshPan('999998'), 400, 'unknown_bin'],
    ['of a wrong length for its BIN', () => freshPan(bin, 16), 400, 'length_for_bin'],
  ])('refuses a card number %s naming the rule, writing nothing', async (_what, pan, status, rule) => {
    const before = await app.counts();
    const r = await app.call('cards.register', { institution: issuer, pan: pan() }, officer);
    expect(r.status).toBe(status);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'pan', rule });
    expect(await app.counts()).toEqual(before);
  });

  it('refuses a card of another issuer’s BIN and one registered twice', async () => {
    const other = await registered(app);
    const pan = freshPan(bin);
    const wrong = await app.call('cards.register', { institution: other, pan }, officer);
    expect(wrong.error?.data.issues?.[0]).toMatchObject({ rule: 'bin_of_other_issuer' });
    expect((await app.call('cards.register', { institution: issuer, pan }, officer)).status).toBe(200);
    const again = await app.call('cards.register', { institution: issuer, pan }, officer);
    expect(again.status).toBe(409);
  });
});
