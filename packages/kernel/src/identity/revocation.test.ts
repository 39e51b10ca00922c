import { describe, expect, it } from 'vitest';
import { testIdentity } from '../testing/identity.ts';
import { createGrantVerifier, signGrant } from './grants.ts';
import { grantsRevokedBy, revocationList, revokedBy, staticRevocations } from './revocation.ts';
import { createTokenVerifier } from './verifier.ts';

describe('revoked sessions and subjects', () => {
  it('refuses a token of a revoked session, and every token of a subject issued before its notBefore', async () => {
    const identity = await testIdentity('golden-shield');
    const token = await identity.officialToken({ permissions: [], username: 'li' });
    const now = Math.floor(Date.now() / 1000);
    const verify = (list: Parameters<typeof revokedBy>[0]) =>
      createTokenVerifier({
        keys: { jwks: { keys: [identity.key.publicJwk] } },
        audience: 'golden-shield',
        revocations: staticRevocations(revokedBy(list)),
      })(token);
    await expect(verify({ sessions: [], subjects: [] })).resolves.toMatchObject({ id: 'official:li' });
    await expect(
      verify({ sessions: [], subjects: [{ sub: 'official:li', notBefore: now + 1, until: now + 900 }] }),
    ).rejects.toThrow(/session has ended/);
    await expect(
      verify({ sessions: [], subjects: [{ sub: 'official:li', notBefore: now - 60, until: now + 900 }] }),
    ).resolves.toBeTruthy();
  });

  it('matches revoked session ids', () => {
    const decide = revokedBy({ sessions: [{ sid: 's-1', until: 0 }], subjects: [] });
    expect(decide({ sub: 'official:li', sid: 's-1', iat: 0 })).toBe(true);
    expect(decide({ sub: 'official:li', sid: 's-2', iat: 0 })).toBe(false);
  });

  it('reads revoked grants from the list, and an older list without them revokes none', () => {
    const list = revocationList.parse({ sessions: [], subjects: [], grants: [{ id: 'g-1', until: 0 }] });
    expect(grantsRevokedBy(list)('g-1')).toBe(true);
    expect(grantsRevokedBy(list)('g-2')).toBe(false);
    expect(grantsRevokedBy(revocationList.parse({ sessions: [], subjects: [] }))('g-1')).toBe(false);
  });
});

describe('revoked grants at the owner app', () => {
  it('refuses a validly signed grant the platform has revoked, naming the rule', async () => {
    const identity = await testIdentity('platform');
    const token = await signGrant(
      identity.key,
      {
        typ: 'grant',
        gid: 'g-7',
        sub: 'service:golden-tax',
        res: 'GS-POP-0001',
        procs: ['identity.verify'],
        purpose: 'test',
      },
      { owner: 'golden-shield', expiresAt: new Date(Date.now() + 60_000) },
    );
    let revoked = false;
    const verify = createGrantVerifier({
      keys: { jwks: { keys: [identity.key.publicJwk] } },
      audience: 'golden-shield',
      revocations: { isGrantRevoked: (id) => revoked && id === 'g-7' },
    });
    await expect(verify(token)).resolves.toMatchObject({ gid: 'g-7' });
    revoked = true;
    await expect(verify(token)).rejects.toMatchObject({ code: 'FORBIDDEN', details: { rule: 'revoked' } });
  });
});
