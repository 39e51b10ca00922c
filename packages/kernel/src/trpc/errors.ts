import { TRPCError } from '@trpc/server';
import { DomainError } from '../errors/domain-error.ts';
import { remoteDomainError } from './remote-error.ts';
import { describeCause } from '../errors/format.ts';
import { toTrpcCode } from '../errors/to-trpc.ts';

/** Re-raises a domain error as the tRPC error its code maps to; anything else unchanged. */
export function asTrpcError(error: unknown): unknown {
  const remote = remoteDomainError(error instanceof TRPCError ? error.cause : error);
  if (remote) return new TRPCError({ code: toTrpcCode[remote.code], message: remote.message, cause: remote });
  if (error instanceof TRPCError && error.cause instanceof DomainError) {
    const cause = error.cause;
    return new TRPCError({ code: toTrpcCode[cause.code], message: cause.message, cause });
  }
  if (error instanceof DomainError) {
    return new TRPCError({ code: toTrpcCode[error.code], message: error.message, cause: error });
  }
  return error;
}

/**
 * The single error formatter. Bad input names the field and the rule; domain
 * errors keep their code; anything unexpected is an opaque internal error
 * whose details go only to the log.
 */
export function formatError({ shape, error }: { shape: any; error: TRPCError }) {
  const described = describeCause(error);
  const internal = error.code === 'INTERNAL_SERVER_ERROR';
  return {
    ...shape,
    message: internal ? 'internal error' : (described.message ?? shape.message),
    data: {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      path: shape.data.path,
      ...(described.issues ? { issues: described.issues } : {}),
      ...(described.domainCode ? { domainCode: described.domainCode } : {}),
    },
  };
}
