import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenQuality, enterprise, type GoldenQualityTestApp, perm } from '../test.fixture.ts';

// The kernel's credential limit per source, small here; a long window so no test straddles two.
const LIMIT = 6;
process.env.EGOV_RATE_LIMIT_CREDENTIAL_PER_SOURCE = String(LIMIT);
process.env.EGOV_RATE_LIMIT_WINDOW_SECONDS = '3600';

describe.each(databaseTargets())('anti-counterfeit codes on $name', (target) => {
  let gq: GoldenQualityTestApp;
  let holder: string;
  let sources = 0;
  const nextSource = () => `198.51.100.${++sources}`;
  beforeAll(async () => {
    gq = await bootGoldenQuality(target);
    holder = (await gq.client(await gq.token(perm.register)).entities.register.mutate(enterprise(gq.shield)))
      .creditCode;
  });
  afterAll(() => gq?.close());

  const issue = async (count = 3, batchNo = `B-${Math.random().toString(36).slice(2, 10)}`) =>
    gq.client(await gq.token(perm.issueCodes)).antiCounterfeit.issue.mutate({
      holderCreditCode: holder,
      productName: '53%vol 白酒 500ml',
      batchNo,
      count,
    });
  const check = async (code: unknown, source: string) => {
    const res = await gq.app.hono.request(
      '/trpc/antiCounterfeit.check',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) },
      { incoming: { socket: { remoteAddress: source } } },
    );
    const body = (await res.json()) as {
      result?: { data: unknown };
      error?: { message: string; data: { issues?: unknown[] } };
    };
    return { status: res.status, data: body.result?.data, error: body.error };
  };

  it('answers genuine, then already checked N times, and unknown for a code never issued; nothing else', async () => {
    const { codes } = await issue();
    const source = nextSource();
    expect((await check(codes[0], source)).data).toEqual({ answer: 'genuine' });
    expect((await check(codes[0], source)).data).toEqual({ answer: 'already_checked', times: 1 });
    expect((await check(codes[0], source)).data).toEqual({ answer: 'already_checked', times: 2 });
    expect((await check(codes[1], source)).data).toEqual({ answer: 'genuine' });
    expect((await check('1'.repeat(20), source)).data).toEqual({ answer: 'unknown' });
    // Only hashes are kept.
    const stored = await gq.db.selectFrom('anti_counterfeit_code').select('code_hash').execute();
    expect(stored.some((r) => codes.includes(r.code_hash))).toBe(false);
  });

  it('refuses a malformed code with 400 naming the field, counting nothing', async () => {
    const r = await check('12345', nextSource());
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'code' });
  });

  it('limits checks per source, one request at a time: 429 past the limit, other sources unaffected', async () => {
    const { codes } = await issue(1);
    const source = nextSource();
    const statuses = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await check(codes[0], source)).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429, 429]);
    const refused = await check(codes[0], source);
    expect(refused.error?.message).toMatch(/rate limit/);
    // The refused checks did not count: the code was checked LIMIT times.
    expect((await check(codes[0], nextSource())).data).toEqual({ answer: 'already_checked', times: LIMIT });
  });

  it('limits checks per source in parallel: exactly the limit pass', async () => {
    const { codes } = await issue(1);
    const source = nextSource();
    const results = await Promise.all(Array.from({ length: LIMIT * 3 }, () => check(codes[0], source)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(LIMIT);
    expect(results.filter((r) => r.status === 429)).toHaveLength(LIMIT * 2);
  });

  it('refuses many checks in one tRPC batch whole, before any runs (mutations are not batched)', async () => {
    const { codes } = await issue(1);
    const n = 5;
    const res = await gq.app.hono.request(
      `/trpc/${Array(n).fill('antiCounterfeit.check').join(',')}?batch=1`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { code: codes[0] }])),
        ),
      },
      { incoming: { socket: { remoteAddress: nextSource() } } },
    );
    expect(res.status).toBe(400);
    expect((await check(codes[0], nextSource())).data).toEqual({ answer: 'genuine' });
  });

  it('issues a batch once (409 batch_issued) and only for an active entity of the base', async () => {
    await issue(2, 'B-ONCE');
    await expect(issue(2, 'B-ONCE')).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
    const before = await gq.counts();
    const r = await gq.call(
      'antiCounterfeit.issue',
      { holderCreditCode: '91350100M000100Y43', productName: 'x', batchNo: 'B-1', count: 1 },
      await gq.token(perm.issueCodes),
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'holderCreditCode', rule: 'not_registered' });
    const big = await gq.call(
      'antiCounterfeit.issue',
      { holderCreditCode: holder, productName: 'x', batchNo: 'B-2', count: 1001 },
      await gq.token(perm.issueCodes),
    );
    expect(big.status).toBe(400);
    expect(big.error?.data.issues?.[0]).toMatchObject({ path: 'count', rule: 'too_big' });
    expect(await gq.counts()).toEqual(before);
  });
});
