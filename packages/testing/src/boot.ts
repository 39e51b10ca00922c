import { randomUUID } from 'node:crypto';
import { type AgencyApp, type AgencyAppDefinition, createAgencyApp } from '@egov/kernel/app';
import { createGrantVerifier } from '@egov/kernel/identity';
import {
  type DatabaseTarget,
  dropFresh,
  freshDatabase,
  silentLogger,
  type TestIdentity,
  testIdentity,
} from '@egov/kernel/testing';
import type { Hono } from 'hono';

export interface BootedApp<DB> {
  app: AgencyApp<DB>;
  identity: TestIdentity;
  /** Drops the suite's schema and closes the database. */
  close(): Promise<void>;
}

/**
 * Boots an app in-process on a fresh schema of `target`, trusting a
 * throwaway token issuer. No port is opened: call `trpcHttp(app.hono, ...)`.
 *
 * @example
 * const booted = await bootApp(goldenShield, target);
 * const token = await booted.identity.officialToken({ permissions: ['golden-shield.resident.read'] });
 */
export async function bootApp<DB>(
  definition: AgencyAppDefinition<DB>,
  target: DatabaseTarget,
): Promise<BootedApp<DB>> {
  const identity = await testIdentity(definition.name);
  const database = await freshDatabase<DB>(target, definition.name);
  const app = await createAgencyApp(definition, {
    database,
    verifyToken: identity.verifyToken,
    // Catalog grants signed by the same throwaway issuer (`identity.grantToken`) are trusted.
    verifyGrant: createGrantVerifier({
      keys: { jwks: { keys: [identity.key.publicJwk] } },
      audience: definition.name,
    }),
    logger: silentLogger(definition.name),
  });
  return { app, identity, close: () => dropFresh(database) };
}

export interface TrpcResponse {
  status: number;
  /** `result.data` on success. */
  data?: unknown;
  /** The formatted error on failure. */
  error?: {
    message: string;
    data: { code: string; httpStatus: number; issues?: { path: string; rule: string; message: string }[] };
  };
}

/** One tRPC call over HTTP semantics, without a port: GET for queries, POST for mutations. */
export async function trpcHttp(
  hono: Hono,
  path: string,
  options: {
    type?: 'query' | 'mutation';
    input?: unknown;
    token?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<TrpcResponse> {
  // Like the kernel's network client, every mutation carries an idempotency key (services must send one).
  const headers: Record<string, string> = {
    ...(options.type === 'mutation' ? { 'idempotency-key': randomUUID() } : {}),
    ...options.headers,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const type = options.type ?? 'query';
  const encoded =
    options.input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(options.input))}`;
  const res =
    type === 'query'
      ? await hono.request(`/trpc/${path}${encoded}`, { headers })
      : await hono.request(`/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: options.input === undefined ? undefined : JSON.stringify(options.input),
        });
  const body = (await res.json()) as { result?: { data: unknown }; error?: TrpcResponse['error'] };
  return { status: res.status, data: body.result?.data, ...(body.error ? { error: body.error } : {}) };
}
