export type { AppIdentity, AuthedContext, KernelContext, ProcedureMeta } from './context.ts';
export { asTrpcError, formatError } from './errors.ts';
export { kernelTRPC } from './kernel-trpc.ts';
export { listProcedures, type ProcedureInfo, undeclaredProcedures } from './walk.ts';
export { remoteDomainError } from './remote-error.ts';
export { applyTextPolicy, MULTILINE_META, text, type TextRule, textViolation } from './text-policy.ts';
export { type ObjectScope, objectScopeFor } from './object-scope.ts';
export { type Recorder, recorderOf } from './recorder.ts';
