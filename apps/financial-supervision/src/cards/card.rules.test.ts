import { describe, expect, it } from 'vitest';
import { binOf, canChangeStatus, cardStatuses } from './card.rules.ts';

describe('card status changes', () => {
  it('never leave cancelled, and a lost card is only cancelled', () => {
    for (const to of cardStatuses) expect(canChangeStatus('cancelled', to)).toBe(false);
    expect(canChangeStatus('lost', 'active')).toBe(false);
    expect(canChangeStatus('lost', 'cancelled')).toBe(true);
    expect(canChangeStatus('frozen', 'active')).toBe(true);
    expect(canChangeStatus('active', 'active')).toBe(false);
  });

  it('reads the BIN from the first six digits', () => {
    expect(binOf('6222021001123456789')).toBe(622202);
  });
});
