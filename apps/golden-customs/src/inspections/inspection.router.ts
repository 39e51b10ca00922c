import { z } from 'zod';
import { DeclarationView, presentDeclaration } from '../declarations/declaration.view.ts';
import { declarationInspected, inspectedPayload } from '../events.ts';
import { idInput, textInput } from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { procedure, router } from '../trpc.ts';
import { recordInspection } from './inspection.service.ts';

export const RecordInspectionInput = z.strictObject({
  declarationId: idInput,
  result: z.enum(['pass', 'fail']),
  // An inspection report runs to paragraphs: line breaks admitted (the kernel's text policy).
  notes: textInput(2000).meta({ multiline: true }),
});

/** Inspection results: a red lane's examination (查验), a yellow lane's document check (审单). */
export const inspectionsRouter = router({
  record: procedure
    .requires('golden-customs.inspection.record')
    .input(RecordInspectionInput)
    .output(DeclarationView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`declaration:${input.declarationId}`);
      const declaration = await recordInspection(ctx.db, input, recorderOf(ctx));
      await ctx.publish(declarationInspected, inspectedPayload(declaration));
      return presentDeclaration(declaration);
    }),
});
