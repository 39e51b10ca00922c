import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/append.ts';
import type { AuditEntry, AuditKind, AuditOutcome } from '../audit/record.ts';
import type { AuditScopeState } from '../audit/scope.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { Principal } from '../identity/principal.ts';
import type { KernelContext } from './context.ts';

/** Thrown inside the kernel's transaction to roll a failed mutation back. */
export class RollbackSignal extends Error {
  constructor(override readonly cause: unknown) {
    super('rollback');
  }
}

function codeOf(error: unknown): string {
  if (error instanceof DomainError) return error.code;
  if (error instanceof TRPCError) return error.cause instanceof DomainError ? error.cause.code : error.code;
  return 'INTERNAL_SERVER_ERROR';
}

function outcomeOf(code: string): AuditOutcome {
  return code === 'UNAUTHORIZED' || code === 'FORBIDDEN' ? 'refused' : 'failed';
}

function base<DB>(ctx: KernelContext<DB>, principal: Principal | null, path: string) {
  return {
    at: ctx.now(),
    actor: principal?.id ?? 'anonymous',
    actorAgency: principal?.kind === 'official' ? principal.agency : (principal?.onBehalfOf?.agency ?? null),
    subject: principal?.kind === 'service' ? (principal.onBehalfOf?.id ?? null) : null,
    service: ctx.app.name,
    procedure: path,
    sourceAddress: ctx.sourceAddress ?? null,
    traceId: ctx.traceId,
    requestId: ctx.requestId,
    correlationId: ctx.correlationId ?? null,
  };
}

/**
 * Into the act's transaction when it has one (a mutation: the record commits or rolls back with it);
 * otherwise through the app's group writer, which waits for the commit.
 */
function write<DB>(ctx: KernelContext<DB>, trx: Kysely<any> | null, entry: AuditEntry): Promise<void> {
  if (trx) return appendAudit(trx, entry);
  return ctx.auditLog ? ctx.auditLog.append(entry) : appendAudit(ctx.db as Kysely<any>, entry);
}

/**
 * Authentication failures and authorization refusals, on any procedure, with
 * the caller when its token was valid (a refusal of an official is theirs,
 * not "anonymous").
 */
export async function recordRefusal<DB>(
  ctx: KernelContext<DB>,
  path: string,
  error: unknown,
  principal: Principal | null = null,
): Promise<void> {
  const code = codeOf(error);
  const kind: AuditKind =
    code === 'FORBIDDEN' || code === 'RATE_LIMITED' ? 'authorization' : 'authentication';
  await write(ctx, null, {
    ...base(ctx, principal, path),
    kind,
    objectIds: [],
    outcome: 'refused',
    errorCode: code,
  });
}

/**
 * The record of an act. Mutations are always recorded; queries only when they
 * revealed personal data, came from another service (a cross-agency call) or
 * were refused by an object scope.
 */
export async function recordAct<DB>(
  trx: Kysely<any> | Kysely<DB> | null,
  ctx: KernelContext<DB>,
  act: {
    principal: Principal | null;
    path: string;
    state: AuditScopeState;
    result: { ok: boolean; error?: unknown };
    type: string;
  },
): Promise<void> {
  const { principal, state, result } = act;
  const crossAgency = principal?.kind === 'service';
  const revealed = state.revealedIds.length > 0;
  const calledOut = state.callOuts.length > 0;
  // An object-scope refusal is recorded on a query too: it is an authorization refusal.
  const refusedScope = state.kind === 'authorization';
  if (act.type !== 'mutation' && !revealed && !crossAgency && !calledOut && !refusedScope) return;
  const code = result.ok ? null : codeOf(result.error);
  const kind: AuditKind =
    state.kind ??
    (act.type === 'mutation' ? 'mutation' : revealed ? 'reveal' : crossAgency ? 'call-in' : 'call-out');
  const grant = principal?.kind === 'service' && principal.grant ? [`grant:${principal.grant.id}`] : [];
  await write(ctx, trx, {
    ...base(ctx, principal, act.path),
    kind,
    // The objects, what was revealed, the grant it was served under, and the calls it made to other apps
    // (each callee records the same call as call-in).
    objectIds: [
      ...state.objectIds,
      ...state.revealedIds.filter((id) => !state.objectIds.includes(id)),
      ...grant,
      ...state.callOuts.map((c) => `call-out:${c}`),
    ],
    outcome: code ? outcomeOf(code) : 'ok',
    errorCode: code,
  });
}
