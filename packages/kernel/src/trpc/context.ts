import type { Kysely } from 'kysely';
import type { AuditScope } from '../audit/scope.ts';
import type { TokenVerifier } from '../identity/verifier.ts';
import type { Principal, Zone } from '../identity/principal.ts';
import type { Logger } from '../log/logger.ts';

/** What the kernel knows about the app serving a request. */
export interface AppIdentity {
  name: string;
  zone: Zone;
}

/**
 * The request context every procedure sees. The inner part is pure data, so
 * tests build it directly and call procedures through `createCaller`.
 */
export interface KernelContext<DB> {
  app: AppIdentity;
  db: Kysely<DB>;
  log: Logger;
  requestId: string;
  traceId: string;
  now: () => Date;
  /** The raw `Authorization` header, verified lazily by the kernel middleware. */
  authorization: string | undefined;
  /** Delegation: the official's own token, sent by a service as `x-egov-on-behalf-of`. */
  onBehalfOf?: string | undefined;
  verifyToken: TokenVerifier;
  /** The caller's network address, for the record. */
  sourceAddress: string | undefined;
}

/** The context after the kernel middleware ran: the caller is known (or the procedure is public). */
export interface AuthedContext<DB> extends KernelContext<DB> {
  principal: Principal | null;
  /** Tell the audit which objects the act touched; the kernel writes the record. */
  audit: AuditScope;
}

/** Procedure metadata: exactly one of `permission` or `public` must be declared. */
export interface ProcedureMeta {
  permission?: string;
  public?: true;
}
