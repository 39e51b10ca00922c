import { luhnCheckDigit } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootSocialSecurity,
  enrolled,
  freshResident,
  perm,
  type SocialSecurityTestApp,
} from '../test.fixture.ts';

let cards = 0;
/** A 19-digit bank card number that passes Luhn, new each time. */
const freshBankCard = () => {
  cards += 1;
  const payload = `622202${String(cards).padStart(12, '0')}`;
  return payload + luhnCheckDigit(payload);
};
const wrongLuhn = (card: string) => card.slice(0, -1) + String((Number(card.at(-1)) + 1) % 10);

describe.each(databaseTargets())('social-security cards on $name', (target) => {
  let ss: SocialSecurityTestApp;
  let officer: string;
  beforeAll(async () => {
    ss = await bootSocialSecurity(target);
    officer = await ss.token(perm.issueCard, perm.reportCard, perm.readCard);
  });
  afterAll(() => ss.close());

  const call = (path: string, input: unknown) => ss.call(path, input, officer);

  it('issues a card, reports it lost, reissues it with a new bank card; numbers masked; audited', async () => {
    const residentId = await enrolled(ss, '黄河');
    const first = freshBankCard();
    const issued = await call('cards.issue', { residentId, bankCard: first });
    expect(issued.status).toBe(200);
    expect(issued.data).toMatchObject({
      status: 'active',
      reissued: false,
      bankCard: `${first.slice(0, 6)}*********${first.slice(-4)}`,
      residentId: expect.stringContaining('*'),
    });
    expect(JSON.stringify(issued.data)).not.toContain(first);
    const lost = await call('cards.reportLost', { residentId });
    expect(lost.data).toMatchObject({ status: 'lost', lostAt: expect.any(String) });
    const second = freshBankCard();
    const reissued = await call('cards.reissue', { residentId, bankCard: second });
    expect(reissued.data).toMatchObject({ status: 'active', reissued: true });
    const now = await ss.call('cards.get', { residentId }, officer, 'query');
    expect(now.data).toMatchObject({
      status: 'active',
      bankCard: `${second.slice(0, 6)}*********${second.slice(-4)}`,
    });
    const audit = (await ss.audit('cards.reissue')).at(-1);
    expect(audit).toMatchObject({ kind: 'mutation', outcome: 'ok' });
    expect(audit?.object_ids).toEqual(
      expect.arrayContaining([expect.stringMatching(/^card:\d+$/), expect.stringMatching(/^insured:/)]),
    );
    expect(JSON.stringify(audit)).not.toContain(second);
  });

  it('refuses a bank card number that fails Luhn (400 bankCard check_digit), writing nothing', async () => {
    const residentId = await enrolled(ss, '长江');
    const before = await ss.counts();
    const r = await call('cards.issue', { residentId, bankCard: wrongLuhn(freshBankCard()) });
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'bankCard', rule: 'check_digit' }),
    ]);
    expect(await ss.counts()).toEqual(before);
  });

  it.each([
    ['a second card while one is active', 'issue-twice', 'card_held'],
    ['a new card while one is reported lost', 'issue-lost', 'card_lost'],
    ['a reissue of a card not reported lost', 'reissue-active', 'not_lost'],
    ['a loss report without an active card', 'lose-twice', 'no_active_card'],
    ['a bank card number on another card', 'same-bank-card', 'bank_card_in_use'],
  ])('refuses %s (409 %s), writing nothing', async (_what, play, rule) => {
    const residentId = await enrolled(ss, '珠江');
    const used = freshBankCard();
    expect((await call('cards.issue', { residentId, bankCard: used })).status).toBe(200);
    if (play === 'issue-lost' || play === 'lose-twice')
      expect((await call('cards.reportLost', { residentId })).status).toBe(200);
    const before = await ss.counts();
    const other = await enrolled(ss, '淮河');
    const afterEnrol = await ss.counts();
    const r =
      play === 'issue-twice' || play === 'issue-lost'
        ? await call('cards.issue', { residentId, bankCard: freshBankCard() })
        : play === 'reissue-active'
          ? await call('cards.reissue', { residentId, bankCard: freshBankCard() })
          : play === 'lose-twice'
            ? await call('cards.reportLost', { residentId })
            : await call('cards.issue', { residentId: other, bankCard: used });
    expect(r.status).toBe(409);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ rule })]);
    expect((await ss.counts()).card).toEqual(before.card);
    expect(await ss.counts()).toEqual(afterEnrol);
  });

  it('issues one of two concurrent cards for one person; the other gets 409', async () => {
    const residentId = await enrolled(ss, '渭河');
    const rs = await Promise.all(
      [1, 2].map(() => call('cards.issue', { residentId, bankCard: freshBankCard() })),
    );
    expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('refuses a card for a person not enrolled (400 not_insured) and a caller without the permission (403)', async () => {
    const r = await call('cards.issue', {
      residentId: freshResident(ss.shield, '无名'),
      bankCard: freshBankCard(),
    });
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'residentId', rule: 'not_insured' }),
    ]);
    const reader = await ss.token(perm.readCard);
    const residentId = await enrolled(ss, '汉江');
    expect((await ss.call('cards.issue', { residentId, bankCard: freshBankCard() }, reader)).status).toBe(
      403,
    );
  });
});
