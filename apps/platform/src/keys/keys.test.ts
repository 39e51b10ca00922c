import { type AccessTokenClaims, createTokenVerifier, signAccessToken } from '@egov/kernel/identity';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';
import { ensureActiveKey, liveKeys } from './key.service.ts';
import { createKeyStore } from './keystore.ts';

const claims: AccessTokenClaims = { typ: 'service', sub: 'service:golden-tax', zone: 'internal', perms: [] };

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

  it('signs with the newest key after a rotation and stops trusting a retired key', async () => {
    const old = await createKeyStore(platform.db).activeSigningKey();
    const oldToken = await signAccessToken(old, claims, { audience: 'egov', ttlSeconds: 60 });
    await platform.db
      .updateTable('signing_key')
      .set({ retired_at: new Date() })
      .where('kid', '=', old.kid)
      .execute();
    const store = createKeyStore(platform.db);
    const fresh = await store.activeSigningKey();
    expect(fresh.kid).not.toBe(old.kid);
    expect((await store.jwks()).keys.map((k) => k.kid)).toEqual([fresh.kid]);
    const verify = createTokenVerifier({ keys: { getKey: store.getKey }, audience: 'egov' });
    await expect(verify(oldToken)).rejects.toThrow('signed by an unknown key');
  });
});
