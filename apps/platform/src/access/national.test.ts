import { generateSigningKey } from '@egov/kernel/identity';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';

const platformWide = [
  'platform.agency.manage',
  'platform.role.manage',
  'platform.key.rotate',
  'platform.service.manage',
];

describe.each(databaseTargets())('platform-wide acts on $name', (target) => {
  let platform: PlatformHarness;
  beforeAll(async () => {
    platform = await bootPlatform(target);
  });
  afterAll(() => platform.close());

  it('belong to the national office: an agency administrator with the permission is still refused', async () => {
    const key = await generateSigningKey();
    const acts = [
      ['agencies.create', { code: 'mee', name: 'Ecology', zone: 'internal' }],
      ['roles.define', { name: 'helper', description: 'x', permissions: ['golden-shield.resident.read'] }],
      ['keys.rotate', {}],
      [
        'services.enrol',
        {
          name: 'rogue',
          zone: 'internal',
          publicJwk: { kty: 'OKP', crv: 'Ed25519', x: key.publicJwk.x },
          permissions: ['golden-shield.*'],
        },
      ],
    ] as const;
    const agencyAdmin = await platform.officialToken(platformWide, 'mps');
    const national = await platform.officialToken(platformWide, 'platform');
    for (const [path, input] of acts) {
      const refused = await platform.call(path, { type: 'mutation', token: agencyAdmin, input });
      expect(refused.status, path).toBe(403);
      expect(refused.error?.message, path).toMatch(/^only administrators of the national office may/);
      expect((await platform.call(path, { type: 'mutation', token: national, input })).status, path).toBe(
        200,
      );
    }
    const records = await platform.audit('services.enrol');
    expect(records.map((r) => [r.kind, r.outcome])).toEqual([
      ['admin', 'refused'],
      ['admin', 'ok'],
    ]);
  });
});
