import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent, eventEnvelopeSchema, newEventId } from './contract.ts';
import { exponentialBackoff } from './loop.ts';

describe('event contracts', () => {
  it('accept versioned names and refuse the rest', () => {
    expect(defineEvent('golden-customs.declaration.released.v1', z.object({})).name).toBe(
      'golden-customs.declaration.released.v1',
    );
    for (const bad of [
      'resident.died.v1',
      'golden-shield.resident.died',
      'Golden.resident.died.v1',
      'a.b.c.v1.x',
    ]) {
      expect(() => defineEvent(bad, z.object({}))).toThrow(/must look like/);
    }
  });

  it('ids are UUIDv7 and sort by time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 20 }), (t, dt) => {
        const [a, b] = [newEventId(t), newEventId(t + dt)];
        expect(eventEnvelopeSchema.shape.id.safeParse(a).success).toBe(true);
        expect(a[14]).toBe('7');
        expect(a < b).toBe(true);
      }),
    );
  });

  it('backoff grows, is capped, and never negative', () => {
    const backoff = exponentialBackoff({ baseMs: 100, maxMs: 5_000, jitter: 0.2 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (attempt) => {
        const ms = backoff(attempt);
        expect(ms).toBeGreaterThanOrEqual(Math.min(5_000, 100 * 2 ** (attempt - 1)) * 0.8 - 1);
        expect(ms).toBeLessThanOrEqual(5_000);
      }),
    );
  });
});
