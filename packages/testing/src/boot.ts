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
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import type { Hono } from 'hono';
import { sql } from 'kysely';

export interface BootedApp<DB, R extends AnyRouter = AnyRouter> {
  app: AgencyApp<DB>;
  identity: TestIdentity;
  /**
   * A typed client of the app's router over `app.request()` (no port), as an
   * official holding `token` (none: anonymous). Mutations carry an idempotency key.
   */
  client(token?: string): TRPCClient<R>;
  /** One call by path: a mutation unless `type` says `'query'`. */
  call(
    path: string,
    input: unknown,
    token?: string,
    type?: 'query' | 'mutation',
    headers?: Record<string, string>,
  ): Promise<TrpcResponse>;
  /** A token of an official holding `permissions`. */
  token(...permissions: string[]): Promise<string>;
  /**
   * Row counts of `tables` (default: every table of the app's schema but the
   * kernel's audit and migration tables), to prove a refused call wrote nothing.
   */
  counts(tables?: readonly string[]): Promise<Record<string, number>>;
  /** Drops the suite's schema and closes the database. */
  close(): Promise<void>;
}

/**
 * Tables a refused call still writes (its audit record, the kernel's count of refusals for the rate
 * limits) or that only migrations touch; the fuzz test's `rowCounter` uses the same list.
 */
export const uncounted = /^(audit_|kysely_|rate_limit_)/;

/**
 * Boots an app in-process on a fresh schema of `target`, trusting a
 * throwaway token issuer. No port is opened: call `trpcHttp(app.hono, ...)`.
 *
 * @example
 * const booted = await bootApp(goldenShield, target);
 * const token = await booted.identity.officialToken({ permissions: ['golden-shield.resident.read'] });
 */
export async function bootApp<DB, R extends AnyRouter = AnyRouter>(
  definition: Omit<AgencyAppDefinition<DB>, 'router'> & { router: R },
  target: DatabaseTarget,
): Promise<BootedApp<DB, R>> {
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
  const hono = app.hono;
  const counts = async (tables?: readonly string[]) => {
    const names =
      tables ??
      (
        await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = ${database.schema} and table_type = 'BASE TABLE' order by table_name`.execute(
          database.db,
        )
      ).rows
        .map((r) => r.name)
        .filter((name) => !uncounted.test(name));
    const out: Record<string, number> = {};
    for (const name of names) {
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(`${database.schema}.${name}`)}`.execute(database.db);
      out[name] = rows[0]!.n;
    }
    return out;
  };
  return {
    app,
    identity,
    client: (token) =>
      createTRPCClient<R>({
        links: [
          httpLink<any>({
            url: 'http://app.test/trpc',
            fetch: (url, init) => Promise.resolve(hono.request(String(url), init as RequestInit)),
            headers: () => ({
              'idempotency-key': randomUUID(),
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            }),
          }),
        ],
      }),
    call: (path, input, token, type = 'mutation', headers) =>
      trpcHttp(hono, path, { type, input, ...(token ? { token } : {}), ...(headers ? { headers } : {}) }),
    token: (...permissions) => identity.officialToken({ permissions }),
    counts,
    close: () => dropFresh(database),
  };
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
