import { defineEvent } from '@egov/kernel/messaging';
import { z } from 'zod';

/*
 * The events office-resources publishes. A classified document's event carries no title or content:
 * events travel on the bus, and secret and above exist only in this internal-zone system; an addressee
 * reads it here, by its id, inside the internal zone.
 */

const party = z.strictObject({ code: z.string(), role: z.enum(['addressee', 'copy']) });

/** A sealed, registered document was distributed (核发) to its addressees and copy recipients. */
export const documentDistributed = defineEvent(
  'office-resources.document.distributed.v1',
  z.strictObject({
    documentId: z.uuid(),
    number: z.string(),
    kind: z.string(),
    classified: z.boolean(),
    /** Absent for a classified document. */
    title: z.string().optional(),
    issuer: z.string(),
    recipients: z.array(party),
    /** The detached seal's digest of the PDF, so a recipient can check the copy it fetches. */
    sealDigest: z.string(),
    distributedAt: z.iso.datetime(),
  }),
);

/** 回执: an incoming document was signed for; the receipt goes back to the sending agency. */
export const incomingReceipted = defineEvent(
  'office-resources.incoming.receipted.v1',
  z.strictObject({
    /** The agency that sent the document, whose system matches the receipt to its distribution. */
    senderAgency: z.string(),
    senderNumber: z.string(),
    /** The agency that signed for it. */
    receiverAgency: z.string(),
    receiptNumber: z.string(),
    receivedBy: z.string(),
    receivedAt: z.iso.datetime(),
  }),
);
