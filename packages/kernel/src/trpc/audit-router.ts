import { z } from 'zod';
import {
  auditQueryInput,
  consistencyProofFor,
  inclusionProofFor,
  queryAudit,
  treeHeadOf,
  treeHeadsOf,
} from '../audit/query.ts';
import type { kernelTRPC } from './kernel-trpc.ts';

/** Only the audit administrator reads the log (GB/T 22239 8.1.5: separate audit administration). */
export const AUDIT_READ = 'kernel.audit.read';

const hex = z.string().regex(/^[0-9a-f]*$/);
const auditRecord = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  actorAgency: z.string().nullable(),
  subject: z.string().nullable(),
  service: z.string(),
  procedure: z.string(),
  kind: z.string(),
  objectIds: z.array(z.string()),
  outcome: z.string(),
  errorCode: z.string().nullable(),
  sourceAddress: z.string().nullable(),
  traceId: z.string(),
  requestId: z.string(),
  /** The client's own `X-Request-Id`, validated, when it sent one. */
  correlationId: z.string().nullable().optional(),
});
const size = z.number().int().nonnegative();
/** A signed tree head with its service and the public key to check it with (docs/verifying.md). */
const treeHead = z.object({
  service: z.string(),
  treeSize: size,
  rootHash: hex,
  issuedAt: z.string(),
  keyId: z.string(),
  signature: z.string(),
  publicJwk: z.object({ kty: z.string(), crv: z.string(), x: z.string() }).loose(),
});

/** The audit query API every app serves under `audit.*`. */
export function createAuditRouter(trpc: Pick<ReturnType<typeof kernelTRPC<any>>, 'router' | 'procedure'>) {
  const { router, procedure } = trpc;
  const read = () => procedure.requires(AUDIT_READ);
  return router({
    records: read()
      .input(auditQueryInput)
      .output(z.array(auditRecord))
      .query(({ ctx, input }) => queryAudit(ctx.db, input)),
    /** The latest signed tree head, or the one of exactly `size` leaves. */
    treeHead: read()
      .input(z.strictObject({ size: size.min(1).optional() }).optional())
      .output(treeHead.nullable())
      .query(({ ctx, input }) => treeHeadOf(ctx.db, ctx.app.name, input?.size)),
    /** Every signed tree head above `after` leaves, in size order, a page of `limit` at a time. */
    treeHeads: read()
      .input(
        z
          .strictObject({
            after: size.default(0),
            limit: z.number().int().min(1).max(1000).default(100),
          })
          .optional(),
      )
      .output(z.array(treeHead))
      .query(({ ctx, input }) => treeHeadsOf(ctx.db, ctx.app.name, input?.after ?? 0, input?.limit ?? 100)),
    inclusionProof: read()
      .input(z.strictObject({ leafIndex: size, treeSize: size.min(1) }))
      .output(z.object({ leafIndex: size, treeSize: size, leafHash: hex, proof: z.array(hex) }))
      .query(({ ctx, input }) => inclusionProofFor(ctx.db, input.leafIndex, input.treeSize)),
    consistencyProof: read()
      .input(z.strictObject({ from: size.min(1), to: size.min(1) }))
      .output(z.object({ from: size, to: size, proof: z.array(hex) }))
      .query(({ ctx, input }) => consistencyProofFor(ctx.db, input.from, input.to)),
  });
}
