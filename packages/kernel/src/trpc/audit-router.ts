import { z } from 'zod';
import {
  auditQueryInput,
  consistencyProofFor,
  inclusionProofFor,
  latestTreeHead,
  queryAudit,
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
});
const size = z.number().int().nonnegative();

/** The audit query API every app serves under `audit.*`. */
export function createAuditRouter(trpc: Pick<ReturnType<typeof kernelTRPC<any>>, 'router' | 'procedure'>) {
  const { router, procedure } = trpc;
  const read = () => procedure.requires(AUDIT_READ);
  return router({
    records: read()
      .input(auditQueryInput)
      .output(z.array(auditRecord))
      .query(({ ctx, input }) => queryAudit(ctx.db, input)),
    treeHead: read()
      .input(z.strictObject({}).optional())
      .output(
        z
          .object({
            treeSize: size,
            rootHash: hex,
            issuedAt: z.string(),
            keyId: z.string(),
            signature: z.string(),
          })
          .nullable(),
      )
      .query(({ ctx }) => latestTreeHead(ctx.db)),
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
