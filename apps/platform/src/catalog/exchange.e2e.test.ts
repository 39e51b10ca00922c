import { type AgencyApp, createAgencyApp, defineAgencyApp } from '@egov/kernel/app';
import type { AuditDatabase } from '@egov/kernel/audit';
import { createDatabase } from '@egov/kernel/db';
import {
  createGrantVerifier,
  createTokenVerifier,
  GRANT_HEADER,
  grantsRevokedBy,
  revocationList,
} from '@egov/kernel/identity';
import { kernelTRPC } from '@egov/kernel/trpc';
import { databaseTargets, dropFresh, silentLogger, trpcHttp, uniqueSchema } from '@egov/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seedPlatform } from '../seed.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';
import type { AccessRequest, Grant } from './catalog.schemas.ts';

/**
 * A stand-in for Golden Shield with the two declarations the real one should
 * carry (see the README): identity verification shared under a grant,
 * resident details never shared. It runs the kernel's own grant check.
 */
const { router, appRouter, procedure } = kernelTRPC<object>();
const ownerApp = defineAgencyApp<object>({
  name: 'golden-shield',
  zone: 'internal',
  migrations: {},
  router: appRouter({
    identity: router({
      verify: procedure
        .requires('golden-shield.identity.verify', {
          resource: { id: 'GS-POP-0001', sharing: 'conditional' },
        })
        .input(z.strictObject({ residentId: z.string(), name: z.string() }))
        .query(() => ({ match: true })),
    }),
    residents: router({
      get: procedure
        .requires('golden-shield.resident.read', { resource: { id: 'GS-RES-0001', sharing: 'not-shared' } })
        .input(z.strictObject({ residentId: z.string() }))
        .query(() => ({ name: 'never shown' })),
    }),
  }),
});

const verifyInput = { residentId: '11010519491231002X', name: '张三' };

describe.each(databaseTargets())('a grant from request to the owner app on $name', (target) => {
  let platform: PlatformHarness;
  let owner: AgencyApp<object>;
  let grant: Grant;
  /** The consumer's service token for the owner app, and a bystander's. */
  let taxAtShield: string;
  let customsAtShield: string;
  const callOwner = (path: string, input: unknown, token: string, grantToken?: string) =>
    trpcHttp(owner.hono, path, {
      input,
      token,
      ...(grantToken ? { headers: { [GRANT_HEADER]: grantToken } } : {}),
    });
  let grantRevoked: (grantId: string) => boolean = () => false;
  /** One poll of the platform's `/.well-known/revocations`, as every app makes every 2 s. */
  const pollList = async () => {
    const res = await platform.app.hono.request('/.well-known/revocations');
    grantRevoked = grantsRevokedBy(revocationList.parse(await res.json()));
  };
  const grantTokenFor = async (grantId: string, app: string) => {
    const service = await platform.serviceToken(app, ['platform.exchange.token']);
    const res = await platform.call('catalog.grantToken', { input: { grantId }, token: service });
    expect(res.status, res.error?.message).toBe(200);
    return (res.data as { token: string }).token;
  };

  beforeAll(async () => {
    platform = await bootPlatform(target);
    await seedPlatform(platform.app.database, silentLogger());
    // The owner app trusts the platform's published keys, as startAgencyApp wires it (JWKS).
    const keys = { jwks: await platform.jwks() };
    owner = await createAgencyApp(ownerApp, {
      database: await createDatabase(target.config(uniqueSchema('golden_shield'))),
      verifyToken: createTokenVerifier({ keys, audience: 'golden-shield' }),
      // The revocation list as startAgencyApp polls it, refreshed by hand here (`pollList`).
      verifyGrant: createGrantVerifier({
        keys,
        audience: 'golden-shield',
        revocations: { isGrantRevoked: (id) => grantRevoked(id) },
      }),
      logger: silentLogger('golden-shield'),
    });
    // Services hold the owner's permission as before; the grant is needed on top of it.
    const perms = ['golden-shield.identity.verify', 'golden-shield.resident.read'];
    taxAtShield = await platform.serviceToken('golden-tax', perms, 'golden-shield');
    customsAtShield = await platform.serviceToken('golden-customs', perms, 'golden-shield');

    const liaison = (await platform.login('sat-liaison', 'sat-liaison-demo-password')).accessToken;
    const steward = (await platform.login('mps-steward', 'mps-steward-demo-password')).accessToken;
    const asked = await platform.call('catalog.requestAccess', {
      type: 'mutation',
      token: liaison,
      input: {
        resourceId: 'GS-POP-0001',
        consumerApp: 'golden-tax',
        procedures: ['identity.verify'],
        purpose: 'taxpayer registration: check that name and resident ID match',
        until: new Date(Date.now() + 90 * 24 * 3600_000).toISOString(),
      },
    });
    const decided = await platform.call('catalog.decide', {
      type: 'mutation',
      token: steward,
      input: { requestId: (asked.data as AccessRequest).id, decision: 'grant', reason: 'lawful purpose' },
    });
    grant = (decided.data as { grant: Grant }).grant;
  });
  afterAll(async () => {
    await owner?.close();
    if (owner) await dropFresh(owner.database);
    await platform.close();
  });

  it('refuses the consumer without a grant, serves it with one, and the owner logs the grant', async () => {
    const without = await callOwner('identity.verify', verifyInput, taxAtShield);
    expect(without.status).toBe(403);
    expect(without.error?.data.issues?.[0]).toMatchObject({ path: GRANT_HEADER, rule: 'grant_required' });

    const served = await callOwner(
      'identity.verify',
      verifyInput,
      taxAtShield,
      await grantTokenFor(grant.id, 'golden-tax'),
    );
    expect(served.status, served.error?.message).toBe(200);
    expect(served.data).toEqual({ match: true });

    // Logged on both sides: the platform issued the token, the owner served under the grant.
    const [issued] = await platform.audit('catalog.grantToken');
    expect(issued!.object_ids).toContain(`grant:${grant.id}`);
    const ownerRecords = await (owner.database.db as unknown as Kysely<AuditDatabase>)
      .selectFrom('audit_record')
      .select(['actor', 'kind', 'outcome', 'object_ids', 'procedure'])
      .where('procedure', '=', 'identity.verify')
      .orderBy('seq')
      .execute();
    expect(ownerRecords.at(-1)).toMatchObject({
      actor: 'service:golden-tax',
      kind: 'call-in',
      outcome: 'ok',
      object_ids: [`grant:${grant.id}`],
    });
  });

  it("refuses another app presenting the consumer's grant, and a not-shared resource whatever is presented", async () => {
    const token = await grantTokenFor(grant.id, 'golden-tax');
    const borrowed = await callOwner('identity.verify', verifyInput, customsAtShield, token);
    expect(borrowed.status).toBe(403);
    expect(borrowed.error?.data.issues?.[0]).toMatchObject({ rule: 'grant_scope' });

    const secret = await callOwner(
      'residents.get',
      { residentId: verifyInput.residentId },
      taxAtShield,
      token,
    );
    expect(secret.status).toBe(403);
    expect(secret.error?.message).toMatch(/not shared/);
  });

  it('stops the consumer getting new tokens once the owner revokes, and the owner app refuses an issued one at its next poll', async () => {
    const token = await grantTokenFor(grant.id, 'golden-tax');
    const steward = await platform.officialToken(['platform.exchange.decide'], 'mps');
    const revoked = await platform.call('catalog.revoke', {
      type: 'mutation',
      token: steward,
      input: { grantId: grant.id, reason: 'registration drive over' },
    });
    expect(revoked.status).toBe(200);
    const service = await platform.serviceToken('golden-tax', ['platform.exchange.token']);
    const refused = await platform.call('catalog.grantToken', {
      input: { grantId: grant.id },
      token: service,
    });
    expect(refused.error?.data.issues?.[0]).toMatchObject({ rule: 'revoked' });
    // The owner app checks signatures locally: the token already issued works until the owner's next poll
    // of the revocation list, and is refused from then on, with the rule named.
    expect((await callOwner('identity.verify', verifyInput, taxAtShield, token)).status).toBe(200);
    await pollList();
    const late = await callOwner('identity.verify', verifyInput, taxAtShield, token);
    expect(late.status).toBe(403);
    expect(late.error?.message).toMatch(/revoked/);
  });
});
