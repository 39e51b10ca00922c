import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { callProcedure } from '@egov/kernel/network';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import * as OTPAuth from 'otpauth';

/** A typed client for one app, as an official holding `token` (what a workbench would use). */
export function asOfficial<TRouter extends AnyRouter>(baseUrl: string, token: string): TRPCClient<TRouter> {
  return createTRPCClient<TRouter>({
    links: [httpLink<any>({ url: `${baseUrl}/trpc`, headers: () => ({ authorization: `Bearer ${token}` }) })],
  });
}

interface SessionTokens {
  accessToken: string;
}

/** Logs an official in with the demo password. */
export async function login(platformUrl: string, username: string): Promise<string> {
  const { accessToken } = await callProcedure<SessionTokens>(platformUrl, 'auth.login', {
    type: 'mutation',
    input: { username, password: `${username}-demo-password` },
  });
  return accessToken;
}

const post = <T>(platformUrl: string, path: string, token: string, input: unknown) =>
  callProcedure<T>(platformUrl, path, {
    type: 'mutation',
    input,
    headers: { authorization: `Bearer ${token}` },
  });

/**
 * Logs in an administrator, who must pass a TOTP second factor. The demo keeps
 * the TOTP secret it enrolled in the (git-ignored) data dir, so later runs can
 * answer the second factor; a code is single-use, so a run within the same
 * 30-second step waits for the next one.
 */
export async function loginWithTotp(
  platformUrl: string,
  username: string,
  secretFile: string,
): Promise<string | null> {
  const passwordOnly = await login(platformUrl, username);
  let secret: string | undefined;
  try {
    secret = readFileSync(secretFile, 'utf8').trim();
  } catch {
    secret = undefined;
  }
  if (!secret) {
    const enrolled = await post<{ otpauthUri: string }>(platformUrl, 'mfa.enrol', passwordOnly, {}).catch(
      () => null,
    );
    if (!enrolled) return null; // enrolled before, by someone else: this demo cannot answer the second factor
    const totp = OTPAuth.URI.parse(enrolled.otpauthUri) as OTPAuth.TOTP;
    mkdirSync(dirname(secretFile), { recursive: true });
    writeFileSync(secretFile, totp.secret.base32, { mode: 0o600 });
    return (await post<SessionTokens>(platformUrl, 'mfa.confirm', passwordOnly, { code: totp.generate() }))
      .accessToken;
  }
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      return (await post<SessionTokens>(platformUrl, 'mfa.verify', passwordOnly, { code: totp.generate() }))
        .accessToken;
    } catch (error) {
      if (!/replayed/.test((error as Error).message) || attempt > 0) throw error;
      await new Promise((r) => setTimeout(r, (30 - (Math.floor(Date.now() / 1000) % 30) + 1) * 1000));
    }
  }
  return null;
}
