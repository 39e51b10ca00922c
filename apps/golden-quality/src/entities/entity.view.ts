import { hasPermission, type Principal } from '@egov/kernel/identity';
import { lookupDivision, maskResidentId } from '@egov/standards';
import { z } from 'zod';
import type { LegalEntity } from './entity.service.ts';

/** Holding this shows legal representatives' full resident IDs; reading alone shows them masked. */
export const REVEAL_PERMISSION = 'golden-quality.entity.reveal';

/** What an official of golden-quality sees of an entity. */
export const EntityView = z.strictObject({
  creditCode: z.string().length(18),
  organisationCode: z.string().length(9),
  authority: z.string(),
  entityType: z.string(),
  entityTypeName: z.string(),
  name: z.string(),
  division: z.strictObject({ code: z.string(), name: z.string() }),
  address: z.string(),
  legalRepresentative: z.strictObject({ name: z.string(), residentId: z.string(), revealed: z.boolean() }),
  registeredCapitalFen: z.number().int().nullable(),
  businessScope: z.string(),
  status: z.enum(['active', 'suspended', 'deregistered']),
  registeredAt: z.string(),
  statusChangedAt: z.string(),
  statusReason: z.string().nullable(),
});
export type EntityView = z.infer<typeof EntityView>;

/** What another agency sees through the catalog (GQ-ENT-0001): no legal representative, no address. */
export const EntityLookupView = z.strictObject({
  creditCode: z.string().length(18),
  name: z.string(),
  entityTypeName: z.string(),
  division: z.string(),
  status: z.enum(['active', 'suspended', 'deregistered']),
  registeredOn: z.iso.date(),
});

interface Scope {
  principal: Principal | null;
  audit: { objects(...ids: string[]): void; revealed(...ids: string[]): void };
}

/** The audit name of an entity: its uuid, so no personal data enters the log. */
export const entityObject = (e: { uuid: string }) => `legal-entity:${e.uuid}`;

/**
 * The view of `entity` for the caller: the legal representative's ID masked
 * unless the caller holds the reveal permission (and then the reveal is audited).
 */
export function presentEntity(ctx: Scope, entity: LegalEntity): EntityView {
  const revealed = hasPermission(ctx.principal, REVEAL_PERMISSION);
  const object = entityObject(entity);
  ctx.audit.objects(object);
  if (revealed) ctx.audit.revealed(object);
  return {
    creditCode: entity.creditCode,
    organisationCode: entity.organisationCode,
    authority: entity.authority,
    entityType: entity.entityType,
    entityTypeName: entity.entityTypeName,
    name: entity.name,
    division: { code: entity.division, name: lookupDivision(entity.division)?.name ?? '' },
    address: entity.address,
    legalRepresentative: {
      name: entity.legalRepresentative.name,
      residentId: revealed
        ? entity.legalRepresentative.residentId
        : maskResidentId(entity.legalRepresentative.residentId),
      revealed,
    },
    registeredCapitalFen: entity.registeredCapitalFen,
    businessScope: entity.businessScope,
    status: entity.status,
    registeredAt: entity.registeredAt.toISOString(),
    statusChangedAt: entity.statusChangedAt.toISOString(),
    statusReason: entity.statusReason,
  };
}
