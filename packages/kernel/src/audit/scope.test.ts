import { describe, expect, it } from 'vitest';
import { createAuditScope } from './scope.ts';

describe('audit scope', () => {
  it('names every object one way, <kind>:<id>, and refuses any other spelling', () => {
    const { scope, state } = createAuditScope();
    scope.objects('invoice:24112000000000000001', 'budget-unit:201001');
    scope.revealed('resident:0b6f2c1e');
    expect(state.objectIds).toEqual(['invoice:24112000000000000001', 'budget-unit:201001']);
    for (const bad of ['24112000000000000001', 'Invoice:1', 'invoice:', 'invoice: 1', ':1'])
      expect(() => scope.objects(bad), bad).toThrow(/<kind>:<id>/);
    expect(() => scope.revealed('110105194912310021')).toThrow(/<kind>:<id>/);
  });
});
