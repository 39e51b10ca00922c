import { listProcedures, undeclaredProcedures } from '@egov/kernel/trpc';
import { describe, expect, it } from 'vitest';
import { socialSecurity } from './app.ts';

describe('social-security router', () => {
  it('guards every procedure with a permission of its manifest', () => {
    expect(undeclaredProcedures(socialSecurity.router)).toEqual([]);
    const declared = listProcedures(socialSecurity.router).filter((p) => !p.path.startsWith('audit.'));
    expect(declared.length).toBeGreaterThan(0);
    for (const p of declared)
      expect(Object.keys(socialSecurity.manifest?.permissions ?? {})).toContain(p.meta?.permission);
  });
});
