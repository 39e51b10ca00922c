import { DomainError } from '@egov/kernel/errors';
import type { Principal } from '@egov/kernel/identity';
import { recorderOf } from '@egov/kernel/trpc';
import { maskResidentId } from '@egov/standards';
import { z } from 'zod';
import { canReveal } from '../residents/reveal.ts';
import { noteResident } from '../shared/audit.ts';
import { personNameInput, residentIdInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { attachFinding, type CaseFile, openCase, requireCase } from './case.service.ts';

/** The app a case is opened for or attached by: the calling service's, or golden-shield's own officials. */
const partyOf = (principal: Principal | null) =>
  principal?.kind === 'service' ? principal.app : 'golden-shield';

const day = z.iso.date();
const Referral = z.strictObject({
  /** The agency asked to look into the case. */
  app: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  /** What it looks into: a company's unified social credit code. */
  subject: z.string().regex(/^[0-9A-HJ-NP-RTUWXY]{18}$/, 'a unified social credit code'),
  periodFrom: day,
  periodTo: day,
});

const CaseView = z.strictObject({
  caseNo: z.string(),
  residentId: z.string(),
  name: z.string(),
  openedFor: z.string(),
  sourceReference: z.string(),
  grounds: z.string(),
  referrals: z.array(Referral),
  openedAt: z.string(),
  findings: z.array(
    z.strictObject({
      app: z.string(),
      kind: z.string(),
      summary: z.string(),
      details: z.record(z.string(), z.unknown()),
      attachedAt: z.string(),
    }),
  ),
});

interface Caller {
  principal: Principal | null;
  audit: { objects(...ids: string[]): void; revealed(...ids: string[]): void };
}

function present(ctx: Caller, c: CaseFile): z.infer<typeof CaseView> {
  const revealed = canReveal(ctx.principal);
  ctx.audit.objects(`case:${c.caseNo}`);
  noteResident(ctx, c.residentUuid, { revealed });
  const { residentUuid: _, ...rest } = c;
  return { ...rest, residentId: revealed ? c.residentId : maskResidentId(c.residentId) };
}

/**
 * Cases (案件) opened on referral from other agencies (S2 flow 6: a
 * suspicious transaction report). Each party sees only its part: the opener
 * reads its case; an agency it was referred to only attaches its findings.
 */
export const casesRouter = router({
  open: procedure
    .requires('golden-shield.case.open')
    .input(
      z.strictObject({
        residentId: residentIdInput,
        name: personNameInput,
        /** The opener's own reference, e.g. its report number: one case per reference. */
        sourceReference: z.string().trim().min(3).max(100),
        grounds: z.string().trim().min(20).max(4000).meta({ multiline: true }),
        referrals: z.array(Referral).max(5).default([]),
      }),
    )
    .output(z.strictObject({ caseNo: z.string(), openedAt: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const opened = await openCase(ctx.db, input, partyOf(ctx.principal), recorderOf(ctx));
      ctx.audit.objects(`case:${opened.caseNo}`);
      noteResident(ctx, opened.residentUuid);
      return { caseNo: opened.caseNo, openedAt: opened.openedAt };
    }),
  attach: procedure
    .requires('golden-shield.case.attach')
    .input(
      z.strictObject({
        caseNo: z.string().max(30),
        kind: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
        summary: z.string().trim().min(1).max(1000),
        details: z.record(
          z.string().max(60),
          z.union([z.string().max(200), z.number(), z.boolean(), z.null()]),
        ),
      }),
    )
    .output(z.strictObject({ caseNo: z.string(), attachedAt: z.string() }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`case:${input.caseNo}`);
      return attachFinding(ctx.db, input, partyOf(ctx.principal), recorderOf(ctx));
    }),
  get: procedure
    .requires('golden-shield.case.read')
    .input(z.strictObject({ caseNo: z.string().max(30) }))
    .output(CaseView)
    .query(async ({ ctx, input }) => {
      const found = await requireCase(ctx.db, input.caseNo);
      const party = partyOf(ctx.principal);
      if (party !== 'golden-shield' && party !== found.openedFor)
        throw new DomainError('FORBIDDEN', `case ${input.caseNo} was not opened for ${party}`, {
          field: 'caseNo',
          rule: 'not_case_party',
        });
      return present(ctx, found);
    }),
});
