import { describe, expect, it } from 'vitest';
import { checkEntityType, nextStatus } from './entity.rules.ts';

describe('entity rules', () => {
  it('takes the entity types of GB 32100-2015 under their authority only', () => {
    expect(checkEntityType('9', '1')).toEqual({ ok: true, value: '企业' });
    expect(checkEntityType('5', '3')).toEqual({ ok: true, value: '基金会' });
    expect(checkEntityType('9', '4')).toMatchObject({ ok: false, part: 'entity_type' });
    expect(checkEntityType('1', '5')).toMatchObject({ ok: false, part: 'entity_type' });
  });

  it('moves an entity between active and suspended, and deregistration is final', () => {
    expect(nextStatus('active', 'suspend')).toEqual({ ok: true, value: 'suspended' });
    expect(nextStatus('suspended', 'reinstate')).toEqual({ ok: true, value: 'active' });
    expect(nextStatus('suspended', 'deregister')).toEqual({ ok: true, value: 'deregistered' });
    expect(nextStatus('active', 'reinstate')).toMatchObject({ ok: false, part: 'transition' });
    for (const action of ['suspend', 'reinstate', 'deregister'] as const)
      expect(nextStatus('deregistered', action)).toMatchObject({ ok: false, part: 'transition' });
  });
});
