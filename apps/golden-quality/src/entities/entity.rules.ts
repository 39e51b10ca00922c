import { entityTypeName, err, ok, type Result } from '@egov/standards';
import type { EntityStatus } from './entity.table.ts';

/**
 * The registration authorities whose entity types GB 32100-2015 tabulates and
 * this base registers: 1 机构编制 (public institutions), 5 民政 (social
 * organisations), 9 工商/市场监管 (enterprises), Y 其他.
 */
export const REGISTERING_AUTHORITIES = ['1', '5', '9', 'Y'] as const;
export type RegisteringAuthority = (typeof REGISTERING_AUTHORITIES)[number];

/**
 * Whether `entityType` is one GB 32100-2015 lists under `authority`.
 *
 * @example
 * checkEntityType('9', '1') // { ok: true, value: '企业' }
 * checkEntityType('9', '5') // { ok: false, part: 'entity_type', ... }
 */
export function checkEntityType(authority: string, entityType: string): Result<string, 'entity_type'> {
  const name = entityTypeName(authority, entityType);
  if (!name)
    return err(
      'entity_type',
      `entity type "${entityType}" is not one GB 32100-2015 lists under registration authority "${authority}"`,
    );
  return ok(name);
}

export type StatusAction = 'suspend' | 'reinstate' | 'deregister';

const TRANSITIONS: Record<StatusAction, { from: EntityStatus[]; to: EntityStatus }> = {
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
  // Deregistration (注销) is final; the code is never issued again.
  deregister: { from: ['active', 'suspended'], to: 'deregistered' },
};

/**
 * The status an action leads to from `current`, or why it may not be taken.
 *
 * @example
 * nextStatus('active', 'suspend') // { ok: true, value: 'suspended' }
 * nextStatus('deregistered', 'reinstate') // { ok: false, part: 'transition', ... }
 */
export function nextStatus(current: EntityStatus, action: StatusAction): Result<EntityStatus, 'transition'> {
  const t = TRANSITIONS[action];
  if (!t.from.includes(current))
    return err('transition', `an entity that is ${current} cannot be ${action}ed`);
  return ok(t.to);
}
