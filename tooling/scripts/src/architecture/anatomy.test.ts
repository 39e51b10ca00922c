import { findRepoRoot } from '@egov/kernel/db';
import { workspaceApps } from '@egov/kernel/manifest';
import { describe, expect, it } from 'vitest';
import { anatomyIssues, connectedApps } from './anatomy.ts';

const root = findRepoRoot(import.meta.dirname);
const apps = await workspaceApps(root);

/**
 * Files written before the anatomy was fixed, each a module with no role
 * suffix or an extra top-level file. Frozen: the list may only shrink (a file
 * moved to the anatomy must leave it), and nothing new may join it.
 */
const grandfathered = [
  'apps/golden-customs/src/currency/iso4217.ts',
  'apps/golden-customs/src/importers/tax-standing.ts',
  'apps/golden-customs/src/payments/treasury-client.ts',
  'apps/golden-customs/src/risk/rules.ts',
  'apps/golden-customs/src/tariff/tariff.ts',
  'apps/golden-finance/src/appropriations/economic-classes.ts',
  'apps/golden-finance/src/budget-units/scope.ts',
  'apps/golden-finance/src/roles.ts',
  'apps/golden-finance/src/treasury/sources.ts',
  'apps/golden-shield/src/residents/reveal.ts',
  'apps/golden-tax/src/rates/vat-rates.ts',
  'apps/platform/src/access/grants.ts',
  'apps/platform/src/access/scope.ts',
  'apps/platform/src/auth/lockout.ts',
  'apps/platform/src/catalog/grant-revocations.ts',
  'apps/platform/src/config.ts',
  'apps/platform/src/keys/keystore.ts',
  'apps/platform/src/mfa/attempts.ts',
  'apps/platform/src/mfa/secrets.ts',
  'apps/platform/src/mfa/totp.ts',
  'apps/platform/src/officials/password.ts',
  'apps/platform/src/passwords/blocklist.ts',
  'apps/platform/src/passwords/policy.ts',
  'apps/platform/src/provisioning.ts',
  'apps/platform/src/request-scope.ts',
  'apps/platform/src/schemas.ts',
  'apps/platform/src/sessions/caller.ts',
  'apps/platform/src/sessions/issue.ts',
  'apps/platform/src/sessions/revocations.ts',
  'apps/platform/src/testing.fixture.ts',
];

describe('one anatomy for every app (README, "Anatomy of an app")', () => {
  const issues = apps.flatMap(({ manifest }) => anatomyIssues(root, manifest.name));

  it('has every app keep the anatomy: required files, role suffixes, services taking db first', () => {
    expect(
      issues.filter((i) => !grandfathered.includes(i.file)).map((i) => `${i.file}: ${i.problem}`),
    ).toEqual([]);
  });

  it('only shrinks the list of files written before the anatomy', () => {
    const stillThere = new Set(issues.map((i) => i.file));
    expect(grandfathered.filter((f) => !stillThere.has(f))).toEqual([]);
  });

  it('has each manifest name exactly the apps the code connects to', () => {
    for (const { manifest } of apps) {
      const declared = Object.keys(manifest.calls ?? {})
        .filter((a) => a !== 'platform')
        .sort();
      // Every service may call the platform (registry, catalog grants: `everyService`), declared or not.
      const connected = connectedApps(root, manifest.name).filter((a) => a !== 'platform');
      expect(connected, manifest.name).toEqual(declared);
    }
  });
});
