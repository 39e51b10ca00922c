import { TRPCClientError } from '@trpc/client';
import { DomainError, type DomainErrorCode, domainErrorCodes } from '../errors/domain-error.ts';

const fromTrpcCode: Record<string, DomainErrorCode> = {
  BAD_REQUEST: 'INVALID',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  TIMEOUT: 'TIMEOUT',
};

/**
 * An error from another app, as a typed domain error: the callee's code and
 * message, prefixed with who said it. A refusal made by our own client before
 * sending (zone, open circuit) keeps its code; an unreachable callee is
 * UNAVAILABLE. So a NOT_FOUND downstream is a NOT_FOUND here, not a 500.
 *
 * @example
 * try { await finance.treasury.receive.mutate(input) } catch (e) { const err = remoteDomainError(e); ... }
 */
export function remoteDomainError(error: unknown, target?: string): DomainError | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  if (error.cause instanceof DomainError) return error.cause;
  const data = error.data as
    | { code?: string; domainCode?: string; issues?: { path: string; rule: string }[] }
    | undefined;
  const domain = data?.domainCode as DomainErrorCode | undefined;
  const code =
    domain && domainErrorCodes.includes(domain)
      ? domain
      : data?.code
        ? (fromTrpcCode[data.code] ?? 'UNAVAILABLE')
        : 'UNAVAILABLE';
  const issue = data?.issues?.[0];
  const prefix = target ? `${target}: ` : '';
  return new DomainError(
    code,
    `${prefix}${error.message}`,
    issue ? { field: issue.path, rule: issue.rule } : {},
  );
}
