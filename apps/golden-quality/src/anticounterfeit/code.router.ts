import { recorderOf } from '@egov/kernel/trpc';
import { creditCodeSchema } from '@egov/standards';
import { z } from 'zod';
import { procedure, router } from '../trpc.ts';
import { CODE_DIGITS, MAX_CODES_PER_ISSUE } from './code.rules.ts';
import { checkCode, issueCodes } from './code.service.ts';

export const CheckOutput = z.discriminatedUnion('answer', [
  z.strictObject({ answer: z.literal('genuine') }),
  z.strictObject({ answer: z.literal('already_checked'), times: z.number().int().positive() }),
  z.strictObject({ answer: z.literal('unknown') }),
]);

/** Anti-counterfeit codes (防伪码, S4.3): issued per product batch, checked by anyone. */
export const antiCounterfeitRouter = router({
  issue: procedure
    .requires('golden-quality.anticounterfeit.issue')
    .input(
      z.strictObject({
        holderCreditCode: creditCodeSchema,
        productName: z.string().trim().min(1).max(200),
        batchNo: z
          .string()
          .regex(/^[A-Za-z0-9-]{1,40}$/, 'a batch number is 1 to 40 letters, digits or dashes'),
        count: z.number().int().min(1).max(MAX_CODES_PER_ISSUE),
      }),
    )
    .output(z.strictObject({ batchId: z.uuid(), codes: z.array(z.string()) }))
    .mutation(async ({ ctx, input }) => {
      const issued = await issueCodes(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`anti-counterfeit-batch:${issued.batchId}`);
      return issued;
    }),
  /**
   * For the public (the portal's 防伪查询): genuine, already checked N times, or
   * unknown, and nothing else. A code is a bearer secret, so each check counts
   * as a credential check: the kernel's credential limit per source address
   * (`EGOV_RATE_LIMIT_CREDENTIAL_PER_SOURCE`, 100 a minute by default) stops a
   * flood or a search for genuine codes with 429.
   */
  check: procedure
    .public({ credential: {} })
    .input(
      z.strictObject({
        code: z.string().regex(new RegExp(`^\\d{${CODE_DIGITS}}$`), `a code is ${CODE_DIGITS} digits`),
      }),
    )
    .output(CheckOutput)
    .mutation(({ ctx, input }) => checkCode(ctx.db, input.code, ctx.now())),
});
