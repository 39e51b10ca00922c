import { permits } from '@egov/kernel/identity';
import { listProcedures } from '@egov/kernel/trpc';
import { databaseTargets, silentLogger } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformRouter } from '../router.ts';
import { seedPlatform } from '../seed.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';
import { SELF_SERVICE, STEP_GRANTS } from './grants.ts';

/** Every procedure that declares a permission, found by walking the router: a new one is covered without editing this file. */
const guarded = listProcedures(platformRouter).filter((p) => p.meta?.permission);

describe.each(databaseTargets())('authorization matrix on $name', (target) => {
  let platform: PlatformHarness;
  let profiles: { name: string; permissions: string[] }[];

  beforeAll(async () => {
    // One token per profile calls every procedure (every role of every app's manifest): the rate limits
    // (calls and credential checks, per account and per source) would answer 429 long before the matrix is
    // through; they are tested in auth/attempts.test.ts and the kernel's ratelimit tests.
    platform = await bootPlatform(target, {
      limits: { rate: { perSource: 0, perAccount: 0, credentialPerSource: 0, credentialPerAccount: 0 } },
    });
    await seedPlatform(platform.app.database, silentLogger());
    // What login issues: a full session carries its roles' grants plus self-service; a pending one only its step.
    const roles = await platform.db
      .selectFrom('role')
      .select(['name', 'permissions'])
      .orderBy('name')
      .execute();
    profiles = [
      ...roles.map((r) => ({ name: r.name, permissions: [...r.permissions, ...SELF_SERVICE] })),
      ...Object.entries(STEP_GRANTS).map(([step, grants]) => ({
        name: `pending ${step}`,
        permissions: [...grants],
      })),
    ];
  });
  afterAll(() => platform.close());

  it('allows every role exactly the procedures its permissions cover, and answers 403 for the rest', async () => {
    expect(guarded.length).toBeGreaterThanOrEqual(25);
    const mismatches: string[] = [];
    for (const profile of profiles) {
      const token = await platform.officialToken(profile.permissions);
      for (const p of guarded) {
        // Input no strict schema accepts: an allowed call stops at validation (400) and changes nothing.
        const res = await platform.call(p.path, {
          type: p.type === 'mutation' ? 'mutation' : 'query',
          token,
          input: { matrixProbe: 1 },
        });
        const allowed = permits(profile.permissions, p.meta!.permission!);
        const ok = allowed ? res.status === 400 : res.status === 403;
        if (!ok)
          mismatches.push(`${profile.name} × ${p.path}: ${res.status} (${allowed ? 'allowed' : 'denied'})`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('gives the three administrators disjoint permissions, and disjoint functions beyond self-service', async () => {
    const admins = profiles.filter((p) => p.name.endsWith('-admin'));
    expect(admins.map((a) => a.name)).toEqual(['audit-admin', 'security-admin', 'system-admin']);
    const own = (name: string) =>
      profiles.find((p) => p.name === name)!.permissions.filter((x) => !SELF_SERVICE.includes(x as never));
    const reach = (name: string) =>
      guarded.filter((p) => permits(own(name), p.meta!.permission!)).map((p) => p.path);
    for (const a of admins) {
      for (const b of admins) {
        if (a === b) continue;
        expect(
          own(a.name).filter((x) => own(b.name).includes(x)),
          `${a.name} / ${b.name}`,
        ).toEqual([]);
        expect(
          reach(a.name).filter((x) => reach(b.name).includes(x)),
          `${a.name} / ${b.name}`,
        ).toEqual([]);
      }
    }
    // The audit administrator reads the log and the public keys to check it with (docs/verifying.md), nothing else.
    const auditorsKeys = ['services.publicKeys', 'seals.certificates'];
    expect(reach('audit-admin')).toEqual(expect.arrayContaining(auditorsKeys));
    expect(
      reach('audit-admin').every((path) => path.startsWith('audit.') || auditorsKeys.includes(path)),
    ).toBe(true);
    expect(reach('system-admin')).toEqual(
      expect.arrayContaining(['officials.create', 'agencies.create', 'services.enrol']),
    );
    expect(reach('security-admin')).toEqual(
      expect.arrayContaining(['roles.define', 'keys.rotate', 'mfa.reset', 'officials.unlock']),
    );
    for (const ordinary of ['shield-clerk', 'shield-registrar', 'identity-verifier']) {
      expect(reach(ordinary), ordinary).toEqual([]);
    }
  });
});
