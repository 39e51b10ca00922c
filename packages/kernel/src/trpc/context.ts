import type { AuditWriter } from '../audit/group-writer.ts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ConnectByName } from '../network/app-routers.ts';
import type { Network } from '../network/connect.ts';
import type { AuditScope } from '../audit/scope.ts';
import type { ObjectScope } from './object-scope.ts';
import type { EventContract, EventEnvelope } from '../messaging/contract.ts';
import type { Publisher } from '../messaging/outbox.ts';
import type { GrantVerifier } from '../identity/grants.ts';
import type { TokenVerifier } from '../identity/verifier.ts';
import type { Principal, Zone } from '../identity/principal.ts';
import type { Logger } from '../log/logger.ts';
import type { CallLimiter } from '../ratelimit/limiter.ts';
import type { StepHost, StepInContext } from '../steps/run.ts';

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
  /** Made by the server for every request; what the audit records. */
  requestId: string;
  /** A client's own `X-Request-Id`, kept apart from ours once it passed validation (logs only). */
  correlationId?: string | undefined;
  traceId: string;
  now: () => Date;
  /** The raw `Authorization` header, verified lazily by the kernel middleware. */
  authorization: string | undefined;
  /** The `idempotency-key` header: a repeated key within 24 hours gets the first result, with no second effect. */
  idempotencyKey?: string | undefined;
  /** The `x-egov-grant` header: the owner's grant for a conditional resource. */
  grant?: string | undefined;
  /** Checks grants issued for this app (absent: conditional resources refuse every other app). */
  verifyGrant?: GrantVerifier | undefined;
  /** Delegation: the official's own token, sent by a service as `x-egov-on-behalf-of`. */
  onBehalfOf?: string | undefined;
  verifyToken: TokenVerifier;
  /** The caller's IP address: the socket's, or a trusted proxy's `X-Forwarded-For` (never unvalidated text). */
  sourceAddress: string | undefined;
  /** Counts every call, batched or not, against the host's rate limits (absent: no limits, bare tests). */
  limiter?: CallLimiter | undefined;
  /** The unified network client, once the app is started (absent in bare tests). */
  network: () => Network | undefined;
  /** Writes audit records that belong to no transaction (queries, refusals), grouped; absent: one insert each. */
  auditLog?: AuditWriter | undefined;
  /** The app's outbox: the kernel binds it to the mutation's transaction as `ctx.publish`. */
  outbox: { publish: Publisher; wake(): void };
  /** The app's registered cross-agency steps and their side pool (absent in bare tests: no `ctx.step`). */
  steps?: StepHost | undefined;
}

/** Publishes an event in the mutation's own transaction (the transactional outbox). */
export type PublishInContext = <S extends z.ZodType>(
  contract: EventContract<S>,
  payload: z.input<S>,
) => Promise<EventEnvelope<z.output<S>>>;

/** The context after the kernel middleware ran: the caller is known (or the procedure is public). */
export interface AuthedContext<DB> extends KernelContext<DB> {
  principal: Principal | null;
  /** Tell the audit which objects the act touched; the kernel writes the record. */
  audit: AuditScope;
  /** Object-level scopes: `ctx.scope.require('budget-unit', id)` refuses (FORBIDDEN, audited) outside them. */
  scope: ObjectScope;
  /** Writes an event to the outbox in this mutation's transaction; delivered if and only if it commits. */
  publish: PublishInContext;
  /**
   * Runs a registered cross-agency step (`defineStep`) in this mutation's transaction: recorded in the
   * app's own database before its first call leaves, marked done with the results, and resumed by the
   * kernel's recovery loop if this transaction does not commit (ADR 11). Mutations only.
   */
  step: StepInContext;
  /**
   * A typed client for another app, carrying this request's trace and deriving downstream idempotency
   * keys from this request's key. `{ onBehalfOfCaller: true }` delegates: the callee authorises the
   * calling official too.
   */
  connect: ConnectByName<{ onBehalfOfCaller?: boolean; grant?: string }>;
}

/** An information resource of the catalog (S3.1) that a procedure serves, with its sharing class. */
export interface SharedResource {
  id: string;
  sharing: 'unconditional' | 'conditional' | 'not-shared';
}

/** Procedure metadata: exactly one of `permission` or `public` must be declared. */
export interface ProcedureMeta {
  permission?: string;
  public?: true;
  /** Serving a catalog resource: other apps need a grant (conditional) or may never call it (not shared). */
  resource?: SharedResource;
  /** The procedure checks a credential (password, one-time code): the credential rate limits apply. */
  credential?: CredentialCheck;
}

/** What a credential-checking procedure tells the rate limiter. */
export interface CredentialCheck {
  /** The input field naming the account before anyone is logged in (`username`); otherwise the caller counts. */
  accountField?: string;
}
