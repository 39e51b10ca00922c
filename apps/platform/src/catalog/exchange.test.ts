import { randomUUID } from 'node:crypto';
import { createGrantVerifier, type GrantClaims } from '@egov/kernel/identity';
import { databaseTargets, silentLogger } from '@egov/testing';
import { decodeJwt } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPlatform } from '../seed.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';
import type { AccessRequest, Grant } from './catalog.schemas.ts';

const day = 24 * 3600 * 1000;
const purpose = 'taxpayer registration: check that name and resident ID match';

describe.each(databaseTargets())(
  'the exchange: requests, decisions, grants and grant tokens on $name',
  (target) => {
    let platform: PlatformHarness;
    /** Demo officials, logged in: the MPS catalog steward and the SAT liaison; and a steward of MOF. */
    let steward: string;
    let liaison: string;
    let mof: string;
    /** Services: the consumer (golden-tax) and a bystander (golden-customs). */
    let tax: string;
    let customs: string;
    const mutate = (path: string, input: unknown, token: string) =>
      platform.call(path, { type: 'mutation', input, token });
    const ask = (over: Record<string, unknown> = {}, token = liaison) =>
      mutate(
        'catalog.requestAccess',
        {
          resourceId: 'GS-POP-0001',
          consumerApp: 'golden-tax',
          procedures: ['identity.verify'],
          purpose,
          until: new Date(platform.now().getTime() + 30 * day).toISOString(),
          ...over,
        },
        token,
      );
    const requested = async (over: Record<string, unknown> = {}) => {
      const res = await ask(over);
      expect(res.status, res.error?.message).toBe(200);
      return res.data as AccessRequest;
    };
    const decide = (requestId: string, decision: 'grant' | 'refuse', token = steward) =>
      mutate('catalog.decide', { requestId, decision, reason: 'lawful purpose, narrowly asked' }, token);
    const granted = async (over: Record<string, unknown> = {}, owner = steward) => {
      const res = await decide((await requested(over)).id, 'grant', owner);
      expect(res.status, res.error?.message).toBe(200);
      return (res.data as { grant: Grant }).grant;
    };
    const tokenFor = (grantId: string, token = tax) =>
      platform.call('catalog.grantToken', { input: { grantId }, token });
    const table = (name: string) => sql.table(`${platform.app.database.schema}.${name}`);

    beforeAll(async () => {
      platform = await bootPlatform(target);
      await seedPlatform(platform.app.database, silentLogger());
      steward = (await platform.login('mps-steward', 'mps-steward-demo-password')).accessToken;
      liaison = (await platform.login('sat-liaison', 'sat-liaison-demo-password')).accessToken;
      mof = await platform.officialToken(['platform.exchange.decide', 'platform.catalog.read'], 'mof');
      tax = await platform.serviceToken('golden-tax', ['platform.exchange.token', 'platform.catalog.read']);
      customs = await platform.serviceToken('golden-customs', ['platform.exchange.token']);
    });
    afterAll(() => platform.close());

    it('request, the owner grants, the consumer service gets a grant token the owner app accepts', async () => {
      const request = await requested();
      expect(request).toMatchObject({ status: 'pending', consumerAgency: 'sat', grantId: null });

      // The owner sees what waits for a decision; so does the consumer agency, not a third one.
      const pending = await platform.call('catalog.requests', {
        input: { status: 'pending' },
        token: steward,
      });
      expect((pending.data as AccessRequest[]).map((r) => r.id)).toEqual([request.id]);
      const customsOfficial = await platform.officialToken(['platform.catalog.read'], 'customs');
      expect((await platform.call('catalog.requests', { input: {}, token: customsOfficial })).data).toEqual(
        [],
      );

      const decided = await decide(request.id, 'grant');
      expect(decided.status, decided.error?.message).toBe(200);
      const { grant, request: after } = decided.data as { grant: Grant; request: AccessRequest };
      expect(after).toMatchObject({
        status: 'granted',
        grantId: grant.id,
        reason: 'lawful purpose, narrowly asked',
      });
      expect(grant).toMatchObject({
        resourceId: 'GS-POP-0001',
        consumerApp: 'golden-tax',
        procedures: ['identity.verify'],
        purpose,
        expiresAt: request.until,
        revokedAt: null,
      });

      // The consumer's service lists its grants and asks for a token.
      const mine = await platform.call('catalog.grants', { input: { active: true }, token: tax });
      expect((mine.data as Grant[]).map((g) => g.id)).toEqual([grant.id]);
      const issued = await tokenFor(grant.id);
      expect(issued.status, issued.error?.message).toBe(200);
      const { token, audience, header, expiresAt } = issued.data as {
        token: string;
        audience: string;
        header: string;
        expiresAt: string;
      };
      expect({ audience, header }).toEqual({ audience: 'golden-shield', header: 'x-egov-grant' });

      // What the owner app runs (the kernel's verifier, the platform's published keys, its own name as audience).
      const verify = createGrantVerifier({
        keys: { jwks: await platform.jwks() },
        audience: 'golden-shield',
      });
      const claims: GrantClaims = await verify(token);
      expect(claims).toEqual({
        typ: 'grant',
        gid: grant.id,
        sub: 'service:golden-tax',
        res: 'GS-POP-0001',
        procs: ['identity.verify'],
        purpose,
      });
      // checkGrant's test, on these claims: this caller, this resource, this procedure; nothing else.
      const covers = (caller: string, resource: string, path: string) =>
        claims.sub === caller && claims.res === resource && claims.procs.includes(path);
      expect(covers('service:golden-tax', 'GS-POP-0001', 'identity.verify')).toBe(true);
      expect(covers('service:golden-customs', 'GS-POP-0001', 'identity.verify')).toBe(false);
      expect(covers('service:golden-tax', 'GS-RES-0001', 'residents.get')).toBe(false);
      // An hour at most, though the grant runs a month.
      const { exp, iat } = decodeJwt(token);
      expect(exp! - iat!).toBe(3600);
      expect(Date.parse(expiresAt) / 1000).toBe(exp);
      // Another app is not the audience.
      const elsewhere = createGrantVerifier({
        keys: { jwks: await platform.jwks() },
        audience: 'golden-finance',
      });
      await expect(elsewhere(token)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        details: { rule: 'invalid' },
      });

      // Every act recorded with what it touched.
      const [asked] = await platform.audit('catalog.requestAccess');
      expect(asked).toMatchObject({
        kind: 'mutation',
        outcome: 'ok',
        actor: expect.stringMatching(/^official:/),
      });
      expect(asked!.object_ids).toEqual([
        'resource:GS-POP-0001',
        'service:golden-tax',
        `request:${request.id}`,
      ]);
      const [decision] = await platform.audit('catalog.decide');
      expect(decision!.object_ids).toEqual([
        `request:${request.id}`,
        'resource:GS-POP-0001',
        'service:golden-tax',
        `grant:${grant.id}`,
      ]);
      const [issuedRecord] = await platform.audit('catalog.grantToken');
      expect(issuedRecord).toMatchObject({
        actor: 'service:golden-tax',
        kind: 'call-in',
        outcome: 'ok',
        object_ids: [`grant:${grant.id}`, 'resource:GS-POP-0001'],
      });
    });

    it('ends a grant token with its grant when the grant ends within the hour', async () => {
      // Whole seconds, as a JWT's exp.
      const until = new Date(Math.floor(platform.now().getTime() / 1000) * 1000 + 20 * 60_000);
      const grant = await granted(
        { resourceId: 'GF-TRE-0001', procedures: ['treasury.getReceipt'], until: until.toISOString() },
        mof,
      );
      const issued = await tokenFor(grant.id);
      expect(issued.data).toMatchObject({ audience: 'golden-finance', expiresAt: until.toISOString() });
      expect(decodeJwt((issued.data as { token: string }).token).exp).toBe(
        Math.floor(until.getTime() / 1000),
      );
    });

    it('never takes a request for a not-shared resource, and tells that an unconditional one needs none', async () => {
      const never = await ask({ resourceId: 'GS-RES-0001', procedures: ['residents.get'] });
      expect(never.status).toBe(403);
      expect(never.error?.data.issues?.[0]).toMatchObject({ path: 'resourceId', rule: 'not_shared' });
      expect(never.error?.message).toMatch(/never be requested or granted/);

      const needless = await ask({
        resourceId: 'GT-INV-0001',
        consumerApp: 'golden-customs',
        procedures: ['invoices.verify'],
      });
      expect(needless.status).toBe(400);
      expect(needless.error?.data.issues?.[0]).toMatchObject({ path: 'resourceId', rule: 'unconditional' });
      expect(needless.error?.message).toMatch(/no request or grant is needed/);
    });

    it('refuses requests out of the consumer agency, beyond the resource, without purpose, or beyond a year', async () => {
      const forCustoms = await ask({ consumerApp: 'golden-customs' });
      expect(forCustoms.status).toBe(403);
      expect(forCustoms.error?.data.issues?.[0]).toMatchObject({ path: 'consumerApp', rule: 'agency_scope' });

      const wider = await ask({ procedures: ['identity.verify', 'residents.get'] });
      expect(wider.status).toBe(400);
      expect(wider.error?.data.issues?.[0]).toMatchObject({ path: 'procedures.1', rule: 'not_served' });

      const vague = await ask({ purpose: 'checks' });
      expect(vague.status).toBe(400);
      expect(vague.error?.data.issues?.[0]?.path).toBe('purpose');
      expect((await ask({ purpose: 'x'.repeat(501) })).status).toBe(400);
      const unstated = {
        resourceId: 'GS-POP-0001',
        consumerApp: 'golden-tax',
        procedures: ['identity.verify'],
        until: new Date(platform.now().getTime() + day).toISOString(),
      };
      expect(
        (await mutate('catalog.requestAccess', unstated, liaison)).error?.data.issues?.[0],
      ).toMatchObject({
        path: 'purpose',
        rule: 'required',
      });

      const tooLong = await ask({ until: new Date(platform.now().getTime() + 366 * day).toISOString() });
      expect(tooLong.error?.data.issues?.[0]).toMatchObject({ path: 'until', rule: 'too_long' });
      const past = await ask({ until: new Date(platform.now().getTime() - 1000).toISOString() });
      expect(past.error?.data.issues?.[0]).toMatchObject({ path: 'until', rule: 'past' });

      // The owner's own system needs no grant; the owner's officials cannot request for another agency's either.
      const own = await ask(
        { consumerApp: 'golden-shield' },
        await platform.officialToken(['platform.exchange.request'], 'mps'),
      );
      expect(own.error?.data.issues?.[0]).toMatchObject({ path: 'consumerApp', rule: 'own_resource' });
    });

    it('keeps one pending request per resource and consumer system', async () => {
      const first = await requested({ resourceId: 'GF-TRE-0001', procedures: ['treasury.getReceipt'] });
      const second = await ask({ resourceId: 'GF-TRE-0001', procedures: ['treasury.getReceipt'] });
      expect(second.status).toBe(409);
      expect(second.error?.data.issues?.[0]).toMatchObject({ rule: 'pending' });
      expect(second.error?.message).toContain(first.id);
    });

    it('lets only the owner agency decide, once, and records the refusals', async () => {
      // The first request was granted, so a new one may wait for a decision.
      const request = await requested({ purpose: `${purpose} (second system check)` });
      const byMof = await decide(request.id, 'grant', mof);
      expect(byMof.status).toBe(403);
      expect(byMof.error?.data.issues?.[0]).toMatchObject({ path: 'requestId', rule: 'agency_scope' });
      expect(byMof.error?.message).toMatch(/only officials of mps/);
      // The consumer's liaison cannot decide at all.
      const byLiaison = await decide(request.id, 'grant', liaison);
      expect(byLiaison.status).toBe(403);
      expect(byLiaison.error?.message).toBe('permission platform.exchange.decide is required');

      const refused = await decide(request.id, 'refuse');
      expect(refused.status).toBe(200);
      expect(refused.data).toMatchObject({ request: { status: 'refused', grantId: null }, grant: null });
      const twice = await decide(request.id, 'grant');
      expect(twice.status).toBe(409);
      expect(twice.error?.data.issues?.[0]).toMatchObject({ rule: 'decided' });

      const records = await platform.audit('catalog.decide');
      expect(records.slice(-4).map((r) => [r.outcome, r.error_code])).toEqual([
        ['refused', 'FORBIDDEN'],
        ['refused', 'FORBIDDEN'],
        ['ok', null],
        ['failed', 'CONFLICT'],
      ]);
      expect(records.at(-4)!.object_ids).toContain(`request:${request.id}`);
    });

    it("issues grant tokens to the consumer's own service only", async () => {
      const grant = (
        (
          await platform.call('catalog.grants', {
            input: { resourceId: 'GS-POP-0001', active: true },
            token: tax,
          })
        ).data as Grant[]
      )[0]!;
      const bystander = await tokenFor(grant.id, customs);
      expect(bystander.status).toBe(403);
      expect(bystander.error?.data.issues?.[0]).toMatchObject({ path: 'grantId', rule: 'not_consumer' });
      const official = await tokenFor(
        grant.id,
        await platform.officialToken(['platform.exchange.token'], 'sat'),
      );
      expect(official.status).toBe(403);
      expect(official.error?.message).toMatch(/service identity only/);
      // A service without the permission (the launcher gives it to every service) is refused by the kernel.
      const bare = await platform.serviceToken('golden-finance', ['platform.registry.read']);
      expect((await tokenFor(grant.id, bare)).error?.message).toBe(
        'permission platform.exchange.token is required',
      );
      expect((await tokenFor(randomUUID())).status).toBe(404);
      const refusals = await platform.audit('catalog.grantToken');
      expect(refusals.filter((r) => r.actor === 'service:golden-customs')).toEqual([
        expect.objectContaining({ kind: 'call-in', outcome: 'refused', object_ids: [`grant:${grant.id}`] }),
      ]);
    });

    it('stops issuing tokens for a revoked grant; only the owner revokes', async () => {
      // The treasury request left pending above; GF-TRE-0001 is the Ministry of Finance's.
      const [pending] = (
        await platform.call('catalog.requests', {
          input: { status: 'pending', resourceId: 'GF-TRE-0001' },
          token: mof,
        })
      ).data as AccessRequest[];
      const { grant: treasury } = (await decide(pending!.id, 'grant', mof)).data as { grant: Grant };

      const byMps = await mutate('catalog.revoke', { grantId: treasury.id, reason: 'not yours' }, steward);
      expect(byMps.status).toBe(403);
      const revoked = await mutate(
        'catalog.revoke',
        { grantId: treasury.id, reason: 'purpose fulfilled' },
        mof,
      );
      expect(revoked.status).toBe(200);
      expect(revoked.data).toMatchObject({
        revokedReason: 'purpose fulfilled',
        revokedBy: 'official:tester',
      });
      const refused = await tokenFor(treasury.id);
      expect(refused.status).toBe(403);
      expect(refused.error?.data.issues?.[0]).toMatchObject({ rule: 'revoked' });
      expect((await mutate('catalog.revoke', { grantId: treasury.id, reason: 'again' }, mof)).status).toBe(
        409,
      );
      const [record] = (await platform.audit('catalog.revoke')).filter((r) => r.outcome === 'ok');
      expect(record!.object_ids).toEqual([
        `grant:${treasury.id}`,
        'resource:GF-TRE-0001',
        'service:golden-tax',
      ]);
    });

    it('refuses, in the database itself, any grant or open request for a not-shared resource', async () => {
      const now = platform.now();
      const official = 'official:dba';
      // A request row to hang a grant on (a refused one is allowed to exist for any resource).
      const requestId = randomUUID();
      await sql`insert into ${table('access_request')} (id, resource_id, sharing, consumer_app, consumer_agency, procedures, purpose, until, requested_by, requested_at, status, decided_by, decided_at, decision_reason)
      values (${requestId}, 'GS-RES-0001', 'not-shared', 'golden-tax', 'sat', ${sql.val(['residents.get'])}::text[], ${purpose}, ${new Date(now.getTime() + day)}, ${official}, ${now}, 'refused', ${official}, ${now}, 'no')`.execute(
        platform.db,
      );
      const grantRow = (sharing: string) =>
        sql`insert into ${table('exchange_grant')} (id, request_id, resource_id, sharing, consumer_app, consumer_agency, procedures, purpose, expires_at, granted_by, granted_at)
        values (${randomUUID()}, ${requestId}, 'GS-RES-0001', ${sharing}, 'golden-tax', 'sat', ${sql.val(['residents.get'])}::text[], ${purpose}, ${new Date(now.getTime() + day)}, ${official}, ${now})`.execute(
          platform.db,
        );
      // Honest about the class: the check refuses it. Lying about it: the foreign key does.
      await expect(grantRow('not-shared')).rejects.toThrow(
        /exchange_grant_never_for_not_shared|check constraint/,
      );
      await expect(grantRow('conditional')).rejects.toThrow(/exchange_grant_resource_sharing|foreign key/);
      // Nor can a request for it be left open.
      await expect(
        sql`insert into ${table('access_request')} (id, resource_id, sharing, consumer_app, consumer_agency, procedures, purpose, until, requested_by, requested_at)
        values (${randomUUID()}, 'GS-RES-0001', 'not-shared', 'golden-tax', 'sat', ${sql.val(['residents.get'])}::text[], ${purpose}, ${new Date(now.getTime() + day)}, ${official}, ${now})`.execute(
          platform.db,
        ),
      ).rejects.toThrow(/access_request_never_for_not_shared|check constraint/);
      expect(
        await platform.db
          .selectFrom('exchange_grant')
          .select('id')
          .where('resource_id', '=', 'GS-RES-0001')
          .execute(),
      ).toEqual([]);
    });

    it('revokes every grant and refuses every pending request when a resource becomes not-shared, even by raw SQL', async () => {
      const customsGrant = await (async () => {
        const customsLiaison = await platform.officialToken(['platform.exchange.request'], 'customs');
        const res = await ask(
          { consumerApp: 'golden-customs', purpose: `${purpose} at the border` },
          customsLiaison,
        );
        return (await decide((res.data as AccessRequest).id, 'grant')).data as { grant: Grant };
      })();
      const pendingForTax = await requested({ purpose: `${purpose}, for the next quarter` });

      await sql`update ${table('information_resource')} set sharing = 'not-shared' where id = 'GS-POP-0001'`.execute(
        platform.db,
      );
      const grants = await platform.db
        .selectFrom('exchange_grant')
        .select(['id', 'sharing', 'revoked_at', 'revoked_by', 'revoked_reason'])
        .where('resource_id', '=', 'GS-POP-0001')
        .execute();
      expect(grants.length).toBeGreaterThanOrEqual(2);
      for (const g of grants) {
        expect(g.sharing).toBe('not-shared');
        expect(g.revoked_at).not.toBeNull();
      }
      expect(grants.find((g) => g.id === customsGrant.grant.id)).toMatchObject({
        revoked_by: 'platform',
        revoked_reason: 'the resource is no longer shared',
      });
      const request = await platform.db
        .selectFrom('access_request')
        .select(['status', 'decision_reason'])
        .where('id', '=', pendingForTax.id)
        .executeTakeFirstOrThrow();
      expect(request).toEqual({ status: 'refused', decision_reason: 'the resource is not shared' });
      // And no grant comes back to life.
      await expect(
        sql`update ${table('exchange_grant')} set revoked_at = null, revoked_by = null, revoked_reason = null where id = ${customsGrant.grant.id}`.execute(
          platform.db,
        ),
      ).rejects.toThrow(/exchange_grant_never_for_not_shared|check constraint/);
      expect((await tokenFor(customsGrant.grant.id, customs)).error?.data.issues?.[0]).toMatchObject({
        rule: 'revoked',
      });
      await sql`update ${table('information_resource')} set sharing = 'conditional' where id = 'GS-POP-0001'`.execute(
        platform.db,
      );
    });

    it('through the API too: the steward makes a resource not-shared, naming the grants revoked', async () => {
      const grant = await granted({ purpose: `${purpose}, renewed after the audit` });
      const dropInUse = await mutate(
        'catalog.update',
        { id: 'GS-POP-0001', procedures: ['identity.check'] },
        steward,
      );
      expect(dropInUse.status).toBe(409);
      expect(dropInUse.error?.data.issues?.[0]).toMatchObject({ path: 'procedures', rule: 'granted' });

      const res = await mutate('catalog.update', { id: 'GS-POP-0001', sharing: 'not-shared' }, steward);
      expect(res.status, res.error?.message).toBe(200);
      expect(res.data).toMatchObject({ resource: { sharing: 'not-shared' }, revokedGrants: [grant.id] });
      const [record] = (await platform.audit('catalog.update')).slice(-1);
      expect(record!.object_ids).toEqual(['resource:GS-POP-0001', `grant:${grant.id}`]);
      const row = await platform.db
        .selectFrom('exchange_grant')
        .select(['revoked_by'])
        .where('id', '=', grant.id)
        .executeTakeFirstOrThrow();
      expect(row.revoked_by).toMatch(/^official:/);
      expect((await tokenFor(grant.id)).error?.data.issues?.[0]).toMatchObject({ rule: 'revoked' });
      expect((await ask()).error?.data.issues?.[0]).toMatchObject({ rule: 'not_shared' });
      await mutate('catalog.update', { id: 'GS-POP-0001', sharing: 'conditional' }, steward);
    });

    it(
      'serialises a grant and a change to not-shared, in either order, leaving no active grant',
      async () => {
        const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
        const state = (p: Promise<unknown>) =>
          Promise.race([
            p.then(
              () => 'settled',
              () => 'settled',
            ),
            sleep(300).then(() => 'waiting'),
          ]);
        /** A transaction that does `work`, then holds its locks until released. */
        const held = (work: (trx: typeof platform.db) => Promise<unknown>) => {
          let release!: () => void;
          const gate = new Promise<void>((r) => {
            release = r;
          });
          const done = platform.db.transaction().execute(async (trx) => {
            await work(trx);
            await gate;
          });
          return { release, done };
        };
        const unshare = (db: typeof platform.db) =>
          sql`update ${table('information_resource')} set sharing = 'not-shared' where id = 'GS-POP-0001'`.execute(
            db,
          );
        const reshare = () =>
          sql`update ${table('information_resource')} set sharing = 'conditional' where id = 'GS-POP-0001'`.execute(
            platform.db,
          );
        const rawGrant = (db: typeof platform.db, requestId: string) =>
          sql`insert into ${table('exchange_grant')} (id, request_id, resource_id, sharing, consumer_app, consumer_agency, procedures, purpose, expires_at, granted_by, granted_at)
          values (${randomUUID()}, ${requestId}, 'GS-POP-0001', 'conditional', 'golden-tax', 'sat', ${sql.val(['identity.verify'])}::text[], ${purpose}, ${new Date(Date.now() + day)}, 'official:dba', ${new Date()})
          returning id`.execute(db);

        // The grant first: the change of class waits for it, then revokes it.
        const first = await requested({ purpose: `${purpose}, race one` });
        const granting = held((trx) => rawGrant(trx, first.id));
        await sleep(100);
        const unsharing = unshare(platform.db);
        expect(await state(unsharing)).toBe('waiting');
        granting.release();
        await granting.done;
        await unsharing;
        const racedGrant = await platform.db
          .selectFrom('exchange_grant')
          .select(['revoked_at', 'sharing'])
          .where('request_id', '=', first.id)
          .executeTakeFirstOrThrow();
        expect(racedGrant.sharing).toBe('not-shared');
        expect(racedGrant.revoked_at).not.toBeNull();
        await reshare();

        // The change of class first: the grant waits for it, then fails.
        const second = await requested({ purpose: `${purpose}, race two` });
        const unsharingFirst = held((trx) => unshare(trx));
        await sleep(100);
        const late = rawGrant(platform.db, second.id);
        expect(await state(late)).toBe('waiting');
        unsharingFirst.release();
        await unsharingFirst.done;
        await expect(late).rejects.toThrow(/exchange_grant_resource_sharing|foreign key/);
        await reshare();

        // Through the API, the owner's decision waits for the change and answers cleanly.
        const third = await requested({ purpose: `${purpose}, race three` });
        const unsharingAgain = held((trx) => unshare(trx));
        await sleep(100);
        const deciding = decide(third.id, 'grant');
        expect(await state(deciding)).toBe('waiting');
        unsharingAgain.release();
        await unsharingAgain.done;
        const answer = await deciding;
        expect(answer.status).toBe(409);
        expect(answer.error?.data.issues?.[0]).toMatchObject({ rule: 'decided' });
        expect(answer.error?.message).toMatch(/already refused/);
        await reshare();
        const active = await platform.db
          .selectFrom('exchange_grant')
          .select('id')
          .where('resource_id', '=', 'GS-POP-0001')
          .where('revoked_at', 'is', null)
          .execute();
        expect(active).toEqual([]);
      },
    );

    // Last: it moves the platform's clock two hours on (tokens above were issued at real time).
    it('stops issuing tokens for an expired grant', async () => {
      const grant = await granted({
        purpose: `${purpose}, a one-hour trial`,
        until: new Date(platform.now().getTime() + 3600_000).toISOString(),
      });
      expect((await tokenFor(grant.id)).status).toBe(200);
      platform.advance(2 * 3600_000);
      const expired = await tokenFor(grant.id);
      expect(expired.status).toBe(403);
      expect(expired.error?.data.issues?.[0]).toMatchObject({ path: 'grantId', rule: 'expired' });
      const active = (await platform.call('catalog.grants', { input: { active: true }, token: tax }))
        .data as Grant[];
      expect(active.map((g) => g.id)).not.toContain(grant.id);
    });
  },
);
