import { createTokenVerifier } from '@egov/kernel/identity';
import { databaseTargets, silentLogger } from '@egov/testing';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureSecurity } from '../config.ts';
import { seedPlatform } from '../seed.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';
import { sealStoredSecrets } from './secrets.ts';
import { secretFromUri, totpCode } from './totp.ts';

const wrong = (code: string) => `${(Number(code[0]) + 5) % 10}${code.slice(1)}`;

describe.each(databaseTargets())('second factor (TOTP) on $name', (target) => {
  let platform: PlatformHarness;
  let secret: string;
  const mutate = (path: string, token: string, input: unknown = {}) =>
    platform.call(path, { type: 'mutation', token, input });
  const code = (advanceMs = 30_000) => {
    platform.advance(advanceMs);
    return totpCode(secret, platform.now());
  };

  beforeAll(async () => {
    platform = await bootPlatform(target);
    await seedPlatform(platform.app.database, silentLogger());
  });
  afterAll(() => platform.close());

  it('makes an administrator enrol at first login: until then the session can do nothing else', async () => {
    const first = await platform.login('sysadmin', 'sysadmin-demo-password');
    expect(first.pending).toBe('mfa-enrol');
    expect(decodeJwt(first.accessToken)).toMatchObject({ perms: ['platform.mfa.enrol'], amr: ['pwd'] });
    expect((await platform.call('officials.list', { token: first.accessToken })).status).toBe(403);
    const enrolled = await mutate('mfa.enrol', first.accessToken);
    const uri = (enrolled.data as { otpauthUri: string }).otpauthUri;
    expect(uri).toMatch(/^otpauth:\/\/totp\/egov:sysadmin\?.*secret=[A-Z2-7]+/);
    secret = secretFromUri(uri);
    expect((await mutate('mfa.confirm', first.accessToken, { code: wrong(code()) })).status).toBe(401);
    const confirmed = await mutate('mfa.confirm', first.accessToken, { code: code() });
    expect(confirmed.status).toBe(200);
    const full = decodeJwt((confirmed.data as { accessToken: string }).accessToken);
    expect(full).toMatchObject({ amr: ['pwd', 'otp'], sid: decodeJwt(first.accessToken).sid });
    expect(full.perms).toContain('platform.official.manage');
  });

  it('asks for the code at every later login: the password alone only permits mfa.verify', async () => {
    const pending = await platform.login('sysadmin', 'sysadmin-demo-password');
    expect(pending.pending).toBe('mfa-verify');
    expect(decodeJwt(pending.accessToken)).toMatchObject({ perms: ['platform.mfa.verify'], amr: ['pwd'] });
    for (const path of ['officials.list', 'roles.list', 'audit.records']) {
      expect((await platform.call(path, { token: pending.accessToken })).status, path).toBe(403);
    }
    expect((await mutate('mfa.enrol', pending.accessToken)).status).toBe(403);
    // Addressed to the platform alone: no other app accepts a password-only token at all.
    const shield = createTokenVerifier({ keys: { jwks: await platform.jwks() }, audience: 'golden-shield' });
    await expect(shield(pending.accessToken)).rejects.toThrow('claim aud is invalid');
    const verified = await mutate('mfa.verify', pending.accessToken, { code: code() });
    expect(verified.data).toMatchObject({ pending: null });
    const upgraded = decodeJwt((verified.data as { accessToken: string }).accessToken);
    expect(upgraded).toMatchObject({ amr: ['pwd', 'otp'], sid: decodeJwt(pending.accessToken).sid });
    expect(
      (
        await platform.call('officials.list', {
          token: (verified.data as { accessToken: string }).accessToken,
        })
      ).status,
    ).toBe(200);
  });

  it('accepts each code once: a replay is refused, named and recorded', async () => {
    const pending = await platform.login('sysadmin', 'sysadmin-demo-password');
    const used = code();
    expect((await mutate('mfa.verify', pending.accessToken, { code: used })).status).toBe(200);
    const other = await platform.login('sysadmin', 'sysadmin-demo-password');
    const replay = await mutate('mfa.verify', other.accessToken, { code: used });
    expect(replay.status).toBe(401);
    expect(replay.error?.message).toBe('one-time code refused: already used');
    expect(replay.error?.data.issues?.[0]).toMatchObject({ path: 'code', rule: 'replayed' });
    const records = await platform.audit('mfa.verify');
    expect(records.at(-1)).toMatchObject({ outcome: 'refused', error_code: 'UNAUTHORIZED' });
    expect(records.at(-1)?.object_ids).toContain(`session:${decodeJwt(other.accessToken).sid}`);
  });

  it('stores the secret sealed (SM4, HMAC-SM3), refuses one that is not, and seals old plaintext ones at start', async () => {
    const row = () =>
      platform.db
        .selectFrom('official_mfa')
        .innerJoin('official', 'official.id', 'official_mfa.official_id')
        .select(['official_mfa.official_id', 'official_mfa.secret'])
        .where('official.username', '=', 'sysadmin')
        .executeTakeFirstOrThrow();
    const stored = await row();
    expect(stored.secret).toMatch(/^sm4ctr-hmacsm3\.v1\./);
    expect(stored.secret).not.toContain(secret);
    // A plaintext secret (written by hand, or by a release before sealing) is not used...
    await platform.db
      .updateTable('official_mfa')
      .set({ secret })
      .where('official_id', '=', stored.official_id)
      .execute();
    const pending = await platform.login('sysadmin', 'sysadmin-demo-password');
    const refused = await mutate('mfa.verify', pending.accessToken, { code: code() });
    expect(refused.status).toBe(412);
    expect(refused.error?.message).toMatch(/second factor cannot be opened/);
    // ...until the start-up sweep seals it; then the same authenticator works again.
    expect(await sealStoredSecrets(platform.db)).toBe(1);
    expect(await sealStoredSecrets(platform.db)).toBe(0);
    expect((await row()).secret).toMatch(/^sm4ctr-hmacsm3\.v1\./);
    const again = await platform.login('sysadmin', 'sysadmin-demo-password');
    expect((await mutate('mfa.verify', again.accessToken, { code: code() })).status).toBe(200);
  });

  it('ends the session after 5 wrong codes', async () => {
    const pending = await platform.login('sysadmin', 'sysadmin-demo-password');
    for (let i = 0; i < 5; i++) {
      const res = await mutate('mfa.verify', pending.accessToken, { code: wrong(code()) });
      expect(res.error?.message).toBe('one-time code refused: wrong or expired');
    }
    const after = await mutate('mfa.verify', pending.accessToken, { code: code() });
    expect(after.status).toBe(401);
    expect(after.error?.message).toBe('access token refused: session ended');
    const sid = String(decodeJwt(pending.accessToken).sid);
    const row = await platform.db
      .selectFrom('session')
      .select(['mfa_failures', 'revoked_reason'])
      .where('sid', '=', sid)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ mfa_failures: 5, revoked_reason: 'mfa-attempts' });
  });

  it('keeps an active factor from being swapped by a session; the security administrator resets it', async () => {
    const sysadmin = await platform.loginFully('sysadmin', 'sysadmin-demo-password', secret);
    const swap = await mutate('mfa.enrol', sysadmin.accessToken);
    expect(swap.status).toBe(409);
    const secadmin = await platform.loginFully('secadmin', 'secadmin-demo-password');
    const reset = await mutate('mfa.reset', secadmin.accessToken, { username: 'sysadmin' });
    expect(reset.data).toMatchObject({ reset: true });
    expect((await platform.call('officials.list', { token: sysadmin.accessToken })).status).toBe(401);
    expect((await platform.login('sysadmin', 'sysadmin-demo-password')).pending).toBe('mfa-enrol');
    expect((await platform.audit('mfa.reset'))[0]).toMatchObject({ kind: 'admin', outcome: 'ok' });
  });

  it('lets any official enrol by choice, and EGOV_MFA_REQUIRED_ROLES extend the requirement to more roles', async () => {
    const registrar = await platform.login('registrar', 'registrar-demo-password');
    expect(registrar.pending).toBeNull();
    const { otpauthUri } = (await mutate('mfa.enrol', registrar.accessToken)).data as { otpauthUri: string };
    secret = secretFromUri(otpauthUri);
    expect((await mutate('mfa.confirm', registrar.accessToken, { code: code() })).status).toBe(200);
    expect((await platform.login('registrar', 'registrar-demo-password')).pending).toBe('mfa-verify');
    const restore = configureSecurity({ mfa: { requiredRoles: ['shield-clerk'], maxAttempts: 5 } });
    try {
      expect((await platform.login('clerk', 'clerk-demo-password')).pending).toBe('mfa-enrol');
    } finally {
      restore();
    }
  });
});
