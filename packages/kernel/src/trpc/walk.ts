import type { AnyRouter } from '@trpc/server';
import type { ProcedureMeta } from './context.ts';

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  meta: ProcedureMeta | undefined;
}

/** Every procedure of a router, flattened, with what it declares. Used by the authorization tests. */
export function listProcedures(router: AnyRouter): ProcedureInfo[] {
  const procedures = router._def.procedures as Record<
    string,
    { _def: { type: ProcedureInfo['type']; meta?: ProcedureMeta } }
  >;
  return Object.entries(procedures).map(([path, p]) => ({ path, type: p._def.type, meta: p._def.meta }));
}

/** Procedures that declare neither a permission nor `public`: must be empty. */
export function undeclaredProcedures(router: AnyRouter): string[] {
  return listProcedures(router)
    .filter((p) => !p.meta?.permission && !p.meta?.public)
    .map((p) => p.path);
}
