import { defineEvent } from '@egov/kernel/messaging';
import { creditCodeSchema } from '@egov/standards';
import { z } from 'zod';
import type { LegalEntity } from './entities/entity.service.ts';

/*
 * The event golden-quality publishes and the two it consumes (flow 2, opening
 * a business). Payloads are JSON; instants ISO 8601. Apps share no code, so
 * golden-tax and social-security keep their own copies of the contract they read.
 */

const creditCode = z.string().regex(/^[0-9A-HJ-NP-RTUWXY]{18}$/);

/**
 * A legal entity was registered and its credit code issued. Carries what the
 * other agencies register it with, and nothing about its legal representative.
 */
export const entityRegistered = defineEvent(
  'golden-quality.entity.registered.v1',
  z.strictObject({
    creditCode,
    name: z.string().min(1).max(100),
    entityType: z.string().length(1),
    authority: z.string().length(1),
    division: z.string().regex(/^\d{6}$/),
    /** The VAT status the applicant asked for (new businesses are small-scale unless they ask). */
    taxpayerKind: z.enum(['general', 'small-scale']),
    /** The portal's application number when the entity came from an application, else null. */
    applicationReference: z.string().nullable(),
    registeredAt: z.iso.datetime(),
  }),
);

export function entityRegisteredPayload(
  entity: LegalEntity,
  taxpayerKind: 'general' | 'small-scale',
  applicationReference: string | null,
): z.input<typeof entityRegistered.schema> {
  return {
    creditCode: entity.creditCode,
    name: entity.name,
    entityType: entity.entityType,
    authority: entity.authority,
    division: entity.division,
    taxpayerKind,
    applicationReference,
    registeredAt: entity.registeredAt.toISOString(),
  };
}

/** CONSUMED, produced by golden-tax: the entity is registered as a taxpayer (a tolerant reader). */
export const taxpayerRegistered = defineEvent(
  'golden-tax.taxpayer.registered.v1',
  z.object({ creditCode: creditCodeSchema, registeredAt: z.iso.datetime() }),
);

/** CONSUMED, produced by social-security: the entity has its employer account (a tolerant reader). */
export const employerRegistered = defineEvent(
  'social-security.employer.registered.v1',
  z.object({ creditCode: creditCodeSchema, registeredAt: z.iso.datetime() }),
);
