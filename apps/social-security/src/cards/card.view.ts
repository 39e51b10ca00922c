import { maskBankCard } from '@egov/standards';
import { z } from 'zod';
import { canReveal, presentResidentId } from '../shared/reveal.ts';
import type { Card } from './card.service.ts';

/** What callers see of a card: the bank card number always masked, the resident ID unless revealed. */
export const CardView = z.strictObject({
  residentId: z.string().length(18),
  name: z.string(),
  /** Always masked: the full number never leaves the card office. */
  bankCard: z.string(),
  status: z.enum(['active', 'lost', 'replaced']),
  reissued: z.boolean(),
  issuedAt: z.string(),
  lostAt: z.string().nullable(),
});

interface Caller {
  principal: Parameters<typeof canReveal>[0];
  audit: { objects(...ids: string[]): void; revealed(...ids: string[]): void };
}

/** The view of a card for the caller, with the audit told which card and person it was about. */
export function presentCard(ctx: Caller, card: Card): z.infer<typeof CardView> {
  const revealed = canReveal(ctx.principal);
  ctx.audit.objects(`card:${card.id}`, `insured:${card.person.uuid}`);
  if (card.replacesId !== null) ctx.audit.objects(`card:${card.replacesId}`);
  if (revealed) ctx.audit.revealed(`insured:${card.person.uuid}`);
  return {
    residentId: presentResidentId(card.person.residentId, revealed),
    name: card.person.name,
    bankCard: maskBankCard(card.bankCard),
    status: card.status,
    reissued: card.replacesId !== null,
    issuedAt: card.issuedAt,
    lostAt: card.lostAt,
  };
}
