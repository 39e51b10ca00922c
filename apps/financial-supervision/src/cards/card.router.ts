import { createHash } from 'node:crypto';
import { recorderOf } from '@egov/kernel/trpc';
import { bankCardSchema } from '@egov/standards';
import { z } from 'zod';
import { creditCodeInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { cardStatuses } from './card.rules.ts';
import { checkCard, registerBinRange, registerCard, setCardStatus } from './card.service.ts';

const bin = z.string().regex(/^[1-9]\d{5}$/, 'a BIN is 6 digits, not starting with 0');

const CardView = z.strictObject({
  /** Always masked: first 6 and last 4 digits. */
  card: z.string(),
  institution: z.string(),
  issuerName: z.string(),
  status: z.enum(cardStatuses),
  registeredAt: z.string(),
});

/** A card in the audit log without its number: `bank-card:<first 16 hex of SHA-256>`. */
const cardObject = (pan: string) =>
  `bank-card:${createHash('sha256').update(pan).digest('hex').slice(0, 16)}`;

/** Golden Card (金卡): issuers' BIN ranges, the card registry, and status checks for other agencies. */
export const cardsRouter = router({
  registerBinRange: procedure
    .requires('financial-supervision.card.register')
    .input(
      z.strictObject({
        institution: creditCodeInput,
        binFrom: bin,
        binTo: bin,
        cardLength: z.number().int().min(16).max(19),
      }),
    )
    .output(
      z.strictObject({
        id: z.number(),
        institution: z.string(),
        binFrom: z.string(),
        binTo: z.string(),
        cardLength: z.number(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`institution:${input.institution}`);
      const range = await registerBinRange(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`bin-range:${range.id}`);
      return range;
    }),
  register: procedure
    .requires('financial-supervision.card.register')
    .input(z.strictObject({ institution: creditCodeInput, pan: bankCardSchema }))
    .output(CardView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(cardObject(input.pan), `institution:${input.institution}`);
      return registerCard(ctx.db, input, recorderOf(ctx));
    }),
  setStatus: procedure
    .requires('financial-supervision.card.status')
    .input(z.strictObject({ pan: bankCardSchema, status: z.enum(cardStatuses) }))
    .output(CardView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(cardObject(input.pan));
      return setCardStatus(ctx.db, input, recorderOf(ctx));
    }),
  /**
   * For other agencies: is this card on the registry, and in what state?
   * A mutation so the number travels in the body, never in a URL or a log.
   */
  check: procedure
    .requires('financial-supervision.card.check')
    .input(z.strictObject({ pan: bankCardSchema }))
    .output(
      z.strictObject({
        card: z.string(),
        status: z.enum([...cardStatuses, 'unknown']),
        issuerName: z.string().nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(cardObject(input.pan));
      return checkCard(ctx.db, input.pan);
    }),
});
