import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createTokenVerifier,
  pollRevocations,
  type RevocableClaims,
  revocationList,
} from '@egov/kernel/identity';
import { databaseTargets, silentLogger } from '@egov/testing';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPlatform } from '../seed.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';

const MINUTE = 60_000;
const claimsOf = (token: string) => decodeJwt(token) as unknown as RevocableClaims & { exp: number };

describe.each(databaseTargets())('sessions on $name', (target) => {
  let platform: PlatformHarness;
  let url: string;
  let server: ReturnType<typeof createServer>;
  const refresh = (refreshToken: string) =>
    platform.call('auth.refresh', { type: 'mutation', input: { refreshToken } });
  const whoCanRead = (token: string) => platform.call('roles.list', { token });
  const revocations = async () =>
    revocationList.parse(await (await platform.app.hono.request('/.well-known/revocations')).json());

  beforeAll(async () => {
    platform = await bootPlatform(target);
    await seedPlatform(platform.app.database, silentLogger());
    // The platform on a real port, as other apps reach it (GET only: JWKS and the revocation list).
    server = createServer(async (req, res) => {
      const answer = await platform.app.hono.request(req.url ?? '/');
      res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(await answer.text());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await platform.close();
  });

  it('refreshes within the idle window with a rotated refresh token; a reused one ends the session', async () => {
    const first = await platform.login('clerk', 'clerk-demo-password');
    platform.advance(20 * MINUTE);
    const next = await refresh(first.refreshToken);
    expect(next.status).toBe(200);
    const second = next.data as { accessToken: string; refreshToken: string };
    expect(claimsOf(second.accessToken).sid).toBe(claimsOf(first.accessToken).sid);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const reused = await refresh(first.refreshToken);
    expect(reused.status).toBe(401);
    expect(reused.error?.message).toBe('session ended: log in again');
    // Two holders of one refresh token: the session is over for both.
    expect((await refresh(second.refreshToken)).status).toBe(401);
    const [row] = await platform.db
      .selectFrom('session')
      .select('revoked_reason')
      .where('sid', '=', claimsOf(first.accessToken).sid!)
      .execute();
    expect(row?.revoked_reason).toBe('refresh-reuse');
  });

  it('ends a session idle for longer than 30 minutes', async () => {
    const { refreshToken } = await platform.login('clerk', 'clerk-demo-password');
    platform.advance(31 * MINUTE);
    expect((await refresh(refreshToken)).status).toBe(401);
  });

  it('ends a session at its absolute limit: the last token expires with it, and nothing extends it', async () => {
    const session = await platform.login('clerk', 'clerk-demo-password');
    const sid = claimsOf(session.accessToken).sid!;
    const absolute = platform.db.selectFrom('session').select('absolute_expires_at').where('sid', '=', sid);
    const created =
      (await absolute.executeTakeFirstOrThrow()).absolute_expires_at.getTime() - platform.now().getTime();
    expect(Math.round(created / MINUTE)).toBe(8 * 60);
    await platform.db
      .updateTable('session')
      .set({ absolute_expires_at: new Date(platform.now().getTime() + 10 * MINUTE) })
      .where('sid', '=', sid)
      .execute();
    const capped = (await refresh(session.refreshToken)).data as {
      accessToken: string;
      expiresIn: number;
      refreshToken: string;
    };
    expect(capped.expiresIn).toBeLessThanOrEqual(600);
    platform.advance(10 * MINUTE + 1000);
    expect((await refresh(capped.refreshToken)).status).toBe(401);
    expect((await platform.call('auth.logout', { type: 'mutation', token: capped.accessToken })).status).toBe(
      401,
    );
  });

  it('logout revokes the session: the platform refuses its tokens at once, other apps after one poll', async () => {
    const { accessToken } = await platform.login('clerk', 'clerk-demo-password');
    const golden = createTokenVerifier({
      keys: { jwksUrl: `${url}/.well-known/jwks.json` },
      audience: 'golden-shield',
    });
    const polled = pollRevocations({ url: `${url}/.well-known/revocations`, intervalMs: 60_000 });
    await polled.refresh();
    expect(await golden(accessToken)).toMatchObject({ username: 'clerk' });
    expect(polled.isRevoked(claimsOf(accessToken))).toBe(false);

    const out = await platform.call('auth.logout', { type: 'mutation', token: accessToken });
    expect(out.data).toEqual({ revoked: true });
    const again = await platform.call('auth.logout', { type: 'mutation', token: accessToken });
    expect(again.status).toBe(401);
    expect(again.error?.message).toBe('access token refused: session ended');

    await polled.refresh();
    polled.stop();
    expect(polled.isRevoked(claimsOf(accessToken))).toBe(true);
    const listed = (await revocations()).sessions.find((s) => s.sid === claimsOf(accessToken).sid);
    // Listed exactly as long as a token of the session could still verify.
    expect(listed!.until).toBeGreaterThanOrEqual(claimsOf(accessToken).exp);
  });

  it('disabling an account voids every session and token of it at once, listed as a subject', async () => {
    const sessions = [
      await platform.login('verifier', 'verifier-demo-password'),
      await platform.login('verifier', 'verifier-demo-password'),
    ];
    const sysadmin = await platform.loginFully('sysadmin', 'sysadmin-demo-password');
    const disabled = await platform.call('officials.disable', {
      type: 'mutation',
      token: sysadmin.accessToken,
      input: { username: 'verifier' },
    });
    expect(disabled.data).toMatchObject({
      official: { username: 'verifier', disabled: true },
      sessionsEnded: 2,
    });
    for (const s of sessions) {
      expect((await whoCanRead(s.accessToken)).status).toBe(401);
      expect((await refresh(s.refreshToken)).status).toBe(401);
    }
    const subject = (await revocations()).subjects.find(
      (s) => s.sub === `official:${sessions[0]!.official.id}`,
    );
    expect(subject!.notBefore).toBeGreaterThan(claimsOf(sessions[1]!.accessToken).iat);
    expect((await platform.audit('officials.disable'))[0]).toMatchObject({ kind: 'admin', outcome: 'ok' });
  });
});
