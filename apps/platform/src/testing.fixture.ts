import { type AgencyApp, createAgencyApp, type HostLimitsOverride } from '@egov/kernel/app';
import type { AuditDatabase } from '@egov/kernel/audit';
import {
  generateSigningKey,
  PLATFORM_AUDIENCE,
  signAccessToken,
  signServiceAssertion,
} from '@egov/kernel/identity';
import { type DatabaseTarget, dropFresh, freshDatabase, silentLogger, trpcHttp } from '@egov/testing';
import type { JSONWebKeySet } from 'jose';
import type { Kysely } from 'kysely';
import { platformApp } from './app.ts';
import type { PlatformDatabase, PlatformDb } from './database.ts';
import { keyStoreFor } from './keys/keystore.ts';
import { secretFromUri, totpCode } from './mfa/totp.ts';
import { createPlatformVerifier } from './provisioning.ts';
import { enrolService } from './services/service.service.ts';
import type { LoginResult } from './auth/login.service.ts';

export interface PlatformHarness {
  app: AgencyApp<PlatformDatabase>;
  db: PlatformDb;
  /** The platform's clock (`ctx.now()`); tests move it with `advance`. */
  now(): Date;
  advance(ms: number): void;
  /** One tRPC call through the app's HTTP handler, as a client would make it. */
  call: (path: string, options?: Parameters<typeof trpcHttp>[2]) => ReturnType<typeof trpcHttp>;
  /** A token for an official holding `permissions`, signed by the platform's own key (no session behind it). */
  officialToken(permissions: string[], agency?: string): Promise<string>;
  /**
   * A service token of `app` for `audience` (default: the platform), the way an app gets one:
   * its key enrolled with `permissions` (as the launcher does), then its own assertion exchanged.
   */
  serviceToken(app: string, permissions: string[], audience?: string): Promise<string>;
  /** `auth.login`; throws unless it answered 200. */
  login(username: string, password: string): Promise<LoginResult>;
  /**
   * Logs in and completes the second factor, enrolling one first if the
   * session asks for it; returns the full session and the TOTP secret.
   */
  loginFully(username: string, password: string, secret?: string): Promise<LoginResult & { secret?: string }>;
  /** What `GET /.well-known/jwks.json` serves. */
  jwks(): Promise<JSONWebKeySet>;
  /** The kernel's audit records of `procedure`, oldest first. */
  audit(procedure: string): Promise<AuditRow[]>;
  close(): Promise<void>;
}

export interface AuditRow {
  actor: string;
  subject: string | null;
  kind: string;
  outcome: string;
  error_code: string | null;
  object_ids: string[];
}

/**
 * Boots the platform the way the launcher does (its own keystore and session
 * tables verify its tokens), on a fresh schema of `target`, with no port and a
 * clock the test controls (starting at the real time). `limits` override the
 * host's batch and rate limits (`EGOV_TRPC_MAX_BATCH`, `EGOV_RATE_LIMIT_*`).
 *
 * @example
 * const platform = await bootPlatform(target);
 * const { accessToken } = await platform.loginFully('sysadmin', 'sysadmin-demo-password');
 */
export async function bootPlatform(
  target: DatabaseTarget,
  options: { limits?: HostLimitsOverride } = {},
): Promise<PlatformHarness> {
  const database = await freshDatabase<PlatformDatabase>(target, 'platform');
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const app = await createAgencyApp(platformApp, {
    database,
    verifyToken: createPlatformVerifier(database, now),
    logger: silentLogger('platform'),
    now,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const call: PlatformHarness['call'] = (path, options) => trpcHttp(app.hono, path, options);
  const mutate = async <T>(path: string, input: unknown, token?: string): Promise<T> => {
    const res = await call(path, { type: 'mutation', input, ...(token ? { token } : {}) });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.error?.message}`);
    return res.data as T;
  };
  // Each TOTP code is accepted once, so every code the harness enters is for a step of its own.
  const nextCode = (secret: string) => {
    offset += 30_000;
    return totpCode(secret, now());
  };
  const login = (username: string, password: string) =>
    mutate<LoginResult>('auth.login', { username, password });
  return {
    app,
    db: database.db,
    now,
    advance: (ms) => {
      offset += ms;
    },
    call,
    officialToken: async (permissions, agency = 'platform') =>
      signAccessToken(
        await keyStoreFor(database.db).activeSigningKey(),
        {
          typ: 'official',
          sub: 'official:tester',
          username: 'tester',
          agency,
          roles: [],
          perms: permissions,
        },
        { audience: PLATFORM_AUDIENCE, ttlSeconds: 300, now: now() },
      ),
    serviceToken: async (name, permissions, audience = 'platform') => {
      const key = await generateSigningKey();
      await enrolService(database.db, { name, zone: 'internal', publicJwk: key.publicJwk, permissions });
      const assertion = await signServiceAssertion(key.privateKey, name);
      return (await mutate<{ accessToken: string }>('auth.serviceToken', { assertion, audience }))
        .accessToken;
    },
    login,
    loginFully: async (username, password, known) => {
      const first = await login(username, password);
      let secret = known;
      let tokens: Omit<LoginResult, 'refreshToken'> = first;
      if (first.pending === 'mfa-enrol') {
        const { otpauthUri } = await mutate<{ otpauthUri: string }>('mfa.enrol', {}, first.accessToken);
        secret = secretFromUri(otpauthUri);
        tokens = await mutate('mfa.confirm', { code: nextCode(secret) }, first.accessToken);
      } else if (first.pending === 'mfa-verify') {
        if (!secret) throw new Error(`${username} has a second factor: pass its secret`);
        tokens = await mutate('mfa.verify', { code: nextCode(secret) }, first.accessToken);
      }
      return { ...tokens, refreshToken: first.refreshToken, ...(secret ? { secret } : {}) };
    },
    jwks: async () => (await app.hono.request('/.well-known/jwks.json')).json() as Promise<JSONWebKeySet>,
    audit: (procedure) =>
      (database.db as unknown as Kysely<AuditDatabase>)
        .selectFrom('audit_record')
        .select(['actor', 'subject', 'kind', 'outcome', 'error_code', 'object_ids'])
        .where('procedure', '=', procedure)
        .orderBy('seq')
        .execute(),
    close: () => dropFresh(database),
  };
}
