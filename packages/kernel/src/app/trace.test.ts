import { describe, expect, it } from 'vitest';
import { traceIdFrom, traceparentFor } from './trace.ts';

describe('W3C trace context', () => {
  it('continues a valid traceparent and starts a fresh trace otherwise', () => {
    const id = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(traceIdFrom(`00-${id}-00f067aa0ba902b7-01`)).toBe(id);
    for (const bad of [
      undefined,
      '',
      'garbage',
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
      `00-${id.toUpperCase()}-00f067aa0ba902b7-01`,
    ]) {
      const fresh = traceIdFrom(bad);
      expect(fresh).toMatch(/^[0-9a-f]{32}$/);
      expect(fresh).not.toBe(id);
    }
    expect(new Set(Array.from({ length: 1000 }, () => traceIdFrom(undefined))).size).toBe(1000);
  });

  it('makes a traceparent with the trace id and a fresh 16-digit span', () => {
    const id = traceIdFrom(undefined);
    const header = traceparentFor(id);
    expect(header).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(traceIdFrom(header)).toBe(id);
    expect(traceparentFor(id)).not.toBe(header);
  });
});
