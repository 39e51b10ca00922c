import { databaseTargets } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';
import { isAdministrative } from './grants.ts';

/** Grants on both sides of the line, and near misses of the allow-list. */
const candidates = [
  'platform.catalog.read',
  'platform.catalog.manage',
  'platform.catalog.*',
  'platform.exchange.request',
  'platform.exchange.decide',
  'platform.exchange.token',
  'platform.exchange.*',
  'platform.*',
  'platform.role.manage',
  'platform.key.rotate',
  'platform.official.manage',
  'platform.cataloging.read',
  'platform.catalog.readall',
  'kernel.audit.read',
  'kernel.*',
  'golden-shield.resident.read',
  'golden-shield.*',
];

describe.each(databaseTargets())('catalog grants in ordinary roles on $name', (target) => {
  let platform: PlatformHarness;
  let secadmin: string;
  const table = () => sql.table(`${platform.app.database.schema}.role`);
  /** Raw SQL, past every check the application makes: what does the database itself accept? */
  const rawInsert = async (name: string, permissions: string[]) => {
    try {
      await sql`insert into ${table()} (name, description, permissions) values (${name}, 'probe', ${sql.val(permissions)}::text[])`.execute(
        platform.db,
      );
      return 'accepted';
    } catch (error) {
      expect(String(error)).toMatch(/role_admin_grants_only_in_admin_roles|check constraint/);
      return 'refused';
    }
  };

  beforeAll(async () => {
    platform = await bootPlatform(target);
    secadmin = await platform.officialToken(['platform.role.manage', 'platform.role.read']);
  });
  afterAll(() => platform.close());

  it('holds the database check and the application rule to the same answers', async () => {
    for (const [i, permission] of candidates.entries()) {
      const expected = isAdministrative(permission) ? 'refused' : 'accepted';
      expect(await rawInsert(`probe-${i}`, [permission]), permission).toBe(expected);
    }
    // One administrative grant among ordinary ones is enough to refuse the role.
    expect(
      await rawInsert('mixed', ['golden-shield.*', 'platform.catalog.read', 'platform.key.rotate']),
    ).toBe('refused');
    expect(await rawInsert('steward-like', ['platform.catalog.manage', 'platform.exchange.decide'])).toBe(
      'accepted',
    );
  });

  it('lets the security administrator define catalog roles, but never with grant tokens or platform.*', async () => {
    const define = (permissions: string[]) =>
      platform.call('roles.define', {
        type: 'mutation',
        token: secadmin,
        input: { name: 'steward', description: 'catalog steward', permissions },
      });
    const ok = await define([
      'platform.catalog.*',
      'platform.exchange.decide',
      'golden-shield.resident.read',
    ]);
    expect(ok.status).toBe(200);
    expect(ok.data).toMatchObject({ adminKind: 'none' });
    for (const grant of ['platform.exchange.token', 'platform.exchange.*', 'platform.*']) {
      const refused = await define(['platform.catalog.read', grant]);
      expect(refused.status, grant).toBe(400);
      // Grants are sorted before they are checked, so the index is the grant's place in that order.
      expect(refused.error?.data.issues?.[0], grant).toMatchObject({ rule: 'administrative_permission' });
      expect(refused.error?.message, grant).toContain(grant);
    }
  });
});
