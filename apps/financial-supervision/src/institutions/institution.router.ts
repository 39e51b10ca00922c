import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { creditCodeInput, nameInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import {
  listInstitutions,
  registerInstitution,
  requireInstitution,
  setInstitutionStatus,
} from './institution.service.ts';
import { institutionKinds, institutionStatuses } from './institution.table.ts';

/** A financial licence number (金融许可证): a letter, then 4 to 20 letters and digits. */
const licenceNo = z
  .string()
  .trim()
  .regex(/^[A-Z][0-9A-Z]{4,20}$/, 'a licence number is a capital letter then 4 to 20 capitals or digits');

export const InstitutionView = z.strictObject({
  creditCode: z.string(),
  name: z.string(),
  kind: z.enum(institutionKinds),
  licenceNo: z.string(),
  status: z.enum(institutionStatuses),
  registeredAt: z.string(),
});

/** The registry of financial institutions (金融机构登记). */
export const institutionsRouter = router({
  register: procedure
    .requires('financial-supervision.institution.register')
    .input(
      z.strictObject({
        creditCode: creditCodeInput,
        name: nameInput,
        kind: z.enum(institutionKinds),
        licenceNo,
      }),
    )
    .output(InstitutionView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`institution:${input.creditCode}`);
      return registerInstitution(ctx.db, input, recorderOf(ctx));
    }),
  setStatus: procedure
    .requires('financial-supervision.institution.register')
    .input(z.strictObject({ creditCode: creditCodeInput, status: z.enum(institutionStatuses) }))
    .output(InstitutionView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`institution:${input.creditCode}`);
      return setInstitutionStatus(ctx.db, input, recorderOf(ctx));
    }),
  get: procedure
    .requires('financial-supervision.institution.read')
    .input(z.strictObject({ creditCode: creditCodeInput }))
    .output(InstitutionView)
    .query(({ ctx, input }) => requireInstitution(ctx.db, input.creditCode)),
  list: procedure
    .requires('financial-supervision.institution.read')
    .input(
      z.strictObject({
        kind: z.enum(institutionKinds).optional(),
        status: z.enum(institutionStatuses).optional(),
      }),
    )
    .output(z.array(InstitutionView))
    .query(({ ctx, input }) => listInstitutions(ctx.db, input)),
});
