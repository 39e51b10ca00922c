import { type AccessTokenClaims, createTokenVerifier, signAccessToken } from '@egov/kernel/identity';
import { databaseTargets } from '@egov/testing';
import { type CryptoKey, decodeProtectedHeader, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';
import { ensureActiveKey, liveKeys, RETIRED_KEY_GRACE_MS } from './key.service.ts';
import { createKeyStore, keyStoreFor } from './keystore.ts';

const claims: AccessTokenClaims = {
  typ: 'service',
  sub: 'service:golden-tax',
  zone: 'internal',
  perms: ['platform.key.read'],
};

describe.each(databaseTargets())('platform signing keys on $name', (target) => {
  let platform: PlatformHarness;
  beforeAll(async () => {
    platform = await bootPlatform(target);
  });
  afterAll(() => platform.close());

  it('creates exactly one key even when many starters race for it', async () => {
    const kids = await Promise.all(Array.from({ length: 5 }, () => ensureActiveKey(platform.db)));
    expect(new Set(kids).size).toBe(1);
    expect(await liveKeys(platform.db)).toHaveLength(1);
    expect(await ensureActiveKey(platform.db)).toBe(kids[0]);
  });

  it('serves the public keys, and only those, at /.well-known/jwks.json with a minute of caching', async () => {
    const res = await platform.app.hono.request('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('max-age=60');
    const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('signs tokens that verify against its JWKS and through its own getKey', async () => {
    const store = createKeyStore(platform.db);
    const token = await signAccessToken(await store.activeSigningKey(), claims, {
      audience: 'golden-shield',
      ttlSeconds: 60,
    });
    const remote = createTokenVerifier({ keys: { jwks: await platform.jwks() }, audience: 'golden-shield' });
    const local = createTokenVerifier({ keys: { getKey: store.getKey }, audience: 'golden-shield' });
    expect(await remote(token)).toMatchObject({ kind: 'service', app: 'golden-tax' });
    expect(await local(token)).toMatchObject({ kind: 'service', app: 'golden-tax' });
  });

  it("rotates on the security administrator's word: a new kid signs, tokens signed before still verify", async () => {
    const old = await createKeyStore(platform.db).activeSigningKey();
    const before = await platform.officialToken(['platform.key.read', 'platform.key.rotate']);
    const rotated = await platform.call('keys.rotate', { type: 'mutation', token: before });
    expect(rotated.status).toBe(200);
    const { kid, retired } = rotated.data as { kid: string; retired: string[] };
    expect(kid).not.toBe(old.kid);
    expect(retired).toEqual([old.kid]);
    // At once, in this process: new tokens carry the new kid, the JWKS lists both.
    expect(decodeProtectedHeader(await platform.officialToken([])).kid).toBe(kid);
    expect((await platform.jwks()).keys.map((k) => k.kid).sort()).toEqual([kid, old.kid].sort());
    // The token signed before the rotation still works, at the platform and at any app.
    const listed = await platform.call('keys.list', { token: before });
    expect(listed.status).toBe(200);
    expect((listed.data as { kid: string; state: string }[]).map((k) => [k.kid, k.state])).toEqual([
      [kid, 'signing'],
      [old.kid, 'verifying'],
    ]);
    const remote = createTokenVerifier({ keys: { jwks: await platform.jwks() }, audience: 'golden-shield' });
    expect(await remote(before)).toMatchObject({ kind: 'official' });
  });

  it('drops a retired key once its last token has expired: its tokens are refused as signed by an unknown key', async () => {
    const [retired] = await platform.db
      .selectFrom('signing_key')
      .select('kid')
      .where('retired_at', 'is not', null)
      .execute();
    const oldKey = await createKeyStore(platform.db).getKey({ kid: retired!.kid, alg: 'EdDSA' });
    const stale = await signAccessToken(
      { kid: retired!.kid, privateKey: await privateKeyOf(retired!.kid), publicJwk: {} },
      claims,
      {
        audience: 'egov',
        ttlSeconds: 60,
      },
    );
    expect(oldKey).toBeDefined();
    await platform.db
      .updateTable('signing_key')
      .set({ retired_at: new Date(Date.now() - RETIRED_KEY_GRACE_MS - 1000) })
      .where('kid', '=', retired!.kid)
      .execute();
    keyStoreFor(platform.db).invalidate(); // what the minute of caching does by itself
    expect((await platform.jwks()).keys.map((k) => k.kid)).not.toContain(retired!.kid);
    const local = createTokenVerifier({
      keys: { getKey: createKeyStore(platform.db).getKey },
      audience: 'egov',
    });
    await expect(local(stale)).rejects.toThrow(/signed by an unknown (or retired )?key/);
    const remote = createTokenVerifier({ keys: { jwks: await platform.jwks() }, audience: 'egov' });
    await expect(remote(stale)).rejects.toThrow(/signed by an unknown (or retired )?key/);
    const atPlatform = await platform.call('keys.list', { token: stale });
    expect(atPlatform.status).toBe(401);
    const listed = await platform.call('keys.list', {
      token: await platform.officialToken(['platform.key.read']),
    });
    expect((listed.data as { kid: string; state: string }[]).find((k) => k.kid === retired!.kid)?.state).toBe(
      'gone',
    );
  });

  async function privateKeyOf(kid: string) {
    const row = await platform.db
      .selectFrom('signing_key')
      .select('private_jwk')
      .where('kid', '=', kid)
      .executeTakeFirstOrThrow();
    return (await importJWK(row.private_jwk, 'EdDSA')) as CryptoKey;
  }
});
