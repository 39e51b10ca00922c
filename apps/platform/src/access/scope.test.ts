import { randomUUID } from 'node:crypto';
import { databaseTargets, silentLogger } from '@egov/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../officials/password.ts';
import { seedPlatform } from '../seed.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';

const agencies = ['mps', 'customs', 'sat', 'mof'] as const;
/** An agency's own system and security administrator in one fixture token: the most a non-national official could hold. */
const adminGrants = [
  'platform.official.read',
  'platform.official.manage',
  'platform.role.assign',
  'platform.account.unlock',
  'platform.mfa.reset',
];

describe.each(databaseTargets())('data scope by agency on $name', (target) => {
  let platform: PlatformHarness;
  const people: Record<string, { id: string; username: string; display_name: string; phone: string }[]> = {};
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    platform = await bootPlatform(target);
    await seedPlatform(platform.app.database, silentLogger());
    const password_hash = await hashPassword('scope test pass phrase');
    for (const [i, agency] of agencies.entries()) {
      people[agency] = [0, 1].map((n) => ({
        id: randomUUID(),
        username: `${agency}.person${n}`,
        display_name: `Person ${n} of ${agency.toUpperCase()}`,
        phone: `139${i}${n}00${i}${n}${i}${n}${i}`.slice(0, 11),
      }));
      await platform.db
        .insertInto('official')
        .values(people[agency]!.map((p) => ({ ...p, agency_code: agency, password_hash })))
        .execute();
      tokens[agency] = await platform.officialToken(adminGrants, agency);
    }
  });
  afterAll(() => platform.close());

  it("lists only the caller's own agency; the national office sees all", async () => {
    for (const agency of agencies) {
      const listed = (await platform.call('officials.list', { token: tokens[agency] })).data as {
        agency: string;
      }[];
      expect(new Set(listed.map((o) => o.agency))).toEqual(new Set([agency]));
    }
    const national = await platform.officialToken(['platform.official.read']);
    const all = (await platform.call('officials.list', { token: national })).data as { agency: string }[];
    expect(new Set(all.map((o) => o.agency)).size).toBeGreaterThanOrEqual(5);
  });

  it("refuses every scoped act on another agency's official and leaks none of its fields (property)", async () => {
    const pair = fc
      .tuple(fc.constantFrom(...agencies), fc.constantFrom(...agencies), fc.nat(1))
      .filter(([a, b]) => a !== b);
    const acts = [
      ['query', 'officials.list', (b: string) => ({ agency: b })],
      [
        'mutation',
        'officials.create',
        (b: string) => ({
          username: `x${randomUUID().slice(0, 8)}`,
          displayName: 'X',
          agency: b,
          password: 'a long enough pass phrase',
        }),
      ],
      ['mutation', 'officials.disable', (_: string, u: string) => ({ username: u })],
      ['mutation', 'officials.assignRole', (_: string, u: string) => ({ username: u, role: 'shield-clerk' })],
      ['mutation', 'officials.unlock', (_: string, u: string) => ({ username: u })],
      ['mutation', 'mfa.reset', (_: string, u: string) => ({ username: u })],
    ] as const;
    const act = fc.constantFrom(...acts);
    await fc.assert(
      fc.asyncProperty(pair, act, async ([a, b, n], [type, path, input]) => {
        const victim = people[b]![n]!;
        const res = await platform.call(path, { type, token: tokens[a], input: input(b, victim.username) });
        expect([403, 404], `${a} -> ${b} ${path}`).toContain(res.status);
        const body = JSON.stringify(res);
        for (const secret of [victim.id, victim.display_name, victim.phone, victim.phone.slice(-4)]) {
          expect(body).not.toContain(secret);
        }
        // Out of scope reads like "no such official" (an unknown name answers the same), never "forbidden for this one".
        if (res.status === 404) expect(res.error?.message).toBe(`no official named ${victim.username}`);
      }),
      { numRuns: 30 },
    );
    const untouched = await platform.db
      .selectFrom('official')
      .leftJoin('official_role', 'official_role.official_id', 'official.id')
      .select(['official.disabled', 'official_role.role_name'])
      .where('official.username', 'like', '%.person%')
      .execute();
    expect(untouched.every((r) => !r.disabled && r.role_name === null)).toBe(true);
  });

  it('rejects extra input keys (agencyId, role, and anything else) instead of ignoring them', async () => {
    const national = await platform.officialToken(adminGrants);
    const cases = [
      ['query', 'officials.list', { agencyId: 'mps' }],
      [
        'mutation',
        'officials.create',
        {
          username: 'extra',
          displayName: 'E',
          agency: 'mps',
          password: 'a long enough pass phrase',
          role: 'system-admin',
        },
      ],
      [
        'mutation',
        'officials.create',
        {
          username: 'extra',
          displayName: 'E',
          agency: 'mps',
          password: 'a long enough pass phrase',
          agencyId: 'platform',
        },
      ],
      ['mutation', 'officials.disable', { username: 'mps.person0', role: 'system-admin' }],
      [
        'mutation',
        'officials.assignRole',
        { username: 'mps.person0', role: 'shield-clerk', agencyId: 'mps' },
      ],
      [
        'mutation',
        'auth.login',
        { username: 'clerk', password: 'clerk-demo-password', role: 'system-admin' },
      ],
    ] as const;
    for (const [type, path, input] of cases) {
      const res = await platform.call(path, { type, token: national, input });
      expect(res.status, path).toBe(400);
      expect(res.error?.data.issues?.[0]).toMatchObject({ path: '(input)', rule: 'unknown_field' });
    }
  });
});
