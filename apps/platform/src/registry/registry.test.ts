import { randomUUID } from 'node:crypto';
import { generateSigningKey } from '@egov/kernel/identity';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signServiceAssertion } from '@egov/kernel/identity';
import { enrolService } from '../services/service.service.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';
import { registerDirect } from './registry.service.ts';

describe.each(databaseTargets())('service registry on $name', (target) => {
  let platform: PlatformHarness;
  let taxToken: string;
  // Services send an idempotency key with every mutation (the kernel requires it of them).
  const register = (input: unknown, token = taxToken) =>
    platform.call('registry.register', {
      type: 'mutation',
      input,
      token,
      headers: { 'idempotency-key': randomUUID() },
    });
  const tax = { name: 'golden-tax', zone: 'internal', baseUrl: 'http://127.0.0.1:4103/', version: '0.1.0' };

  beforeAll(async () => {
    platform = await bootPlatform(target);
    // The way an app gets its token: enrolled by the launcher, then its own assertion.
    const key = await generateSigningKey();
    await enrolService(platform.db, {
      name: 'golden-tax',
      zone: 'internal',
      publicJwk: key.publicJwk,
      permissions: ['platform.registry.register', 'platform.registry.read'],
    });
    const res = await platform.call('auth.serviceToken', {
      type: 'mutation',
      input: { assertion: await signServiceAssertion(key.privateKey, 'golden-tax'), audience: 'platform' },
    });
    taxToken = (res.data as { accessToken: string }).accessToken;
  });
  afterAll(() => platform.close());

  it('lets a service register itself and others resolve it by name', async () => {
    const res = await register(tax);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ ...tax, baseUrl: 'http://127.0.0.1:4103' });
    const reader = await platform.officialToken(['platform.registry.read']);
    const found = await platform.call('registry.resolve', { input: { name: 'golden-tax' }, token: reader });
    expect(found.data).toEqual({
      name: 'golden-tax',
      zone: 'internal',
      baseUrl: 'http://127.0.0.1:4103',
      version: '0.1.0',
      registeredAt: expect.any(String),
    });
  });

  it('replaces the address when an app registers again', async () => {
    await register({ ...tax, baseUrl: 'https://tax.gov.internal:8443', version: '0.2.0' });
    const found = await platform.call('registry.resolve', { input: { name: 'golden-tax' }, token: taxToken });
    expect(found.data).toMatchObject({ baseUrl: 'https://tax.gov.internal:8443', version: '0.2.0' });
  });

  it("refuses a service registering another app's name or another zone", async () => {
    const hijack = await register({ ...tax, name: 'golden-shield' });
    expect(hijack.status).toBe(403);
    expect(hijack.error?.data.issues?.[0]).toMatchObject({ path: 'name', rule: 'not_self' });
    const move = await register({ ...tax, zone: 'external' });
    expect(move.status).toBe(403);
    expect(move.error?.data.issues?.[0]).toMatchObject({ path: 'zone', rule: 'enrolled_zone' });
  });

  it('lets an official with the permission register any app, and the platform register itself directly', async () => {
    const admin = await platform.officialToken(['platform.registry.*']);
    const shield = {
      name: 'golden-shield',
      zone: 'internal',
      baseUrl: 'http://127.0.0.1:4107',
      version: '0.1.0',
    };
    expect((await register(shield, admin)).status).toBe(200);
    await registerDirect(platform.db, {
      name: 'platform',
      zone: 'internal',
      baseUrl: 'http://127.0.0.1:4100',
      version: '0.1.0',
    });
    const listed = await platform.call('registry.list', { token: admin });
    expect((listed.data as { name: string }[]).map((r) => r.name)).toEqual([
      'golden-shield',
      'golden-tax',
      'platform',
    ]);
  });

  it('answers NOT_FOUND for an unknown name', async () => {
    const res = await platform.call('registry.resolve', { input: { name: 'golden-water' }, token: taxToken });
    expect(res.status).toBe(404);
    expect(res.error?.message).toBe('no service named golden-water is registered');
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases = [
      [{ ...tax, baseUrl: 'ftp://127.0.0.1' }, 'baseUrl'],
      [{ ...tax, baseUrl: 'not a url' }, 'baseUrl'],
      [{ ...tax, baseUrl: 'http://user:secret@127.0.0.1' }, 'baseUrl'],
      [{ ...tax, name: 'Golden_Tax' }, 'name'],
      [{ ...tax, port: 4103 }, '(input)'],
    ] as const;
    for (const [input, path] of cases) {
      const res = await register(input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(res.error?.data.issues?.[0]?.path).toBe(path);
    }
  });

  it('needs a token and the permission', async () => {
    expect((await platform.call('registry.list')).status).toBe(401);
    const other = await platform.officialToken(['platform.official.read']);
    expect((await platform.call('registry.list', { token: other })).status).toBe(403);
  });
});
