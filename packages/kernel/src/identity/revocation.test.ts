import { describe, expect, it } from 'vitest';
import { testIdentity } from '../testing/identity.ts';
import { revokedBy, staticRevocations } from './revocation.ts';
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
});
