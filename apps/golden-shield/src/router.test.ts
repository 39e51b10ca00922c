import { listProcedures, undeclaredProcedures } from '@egov/kernel/trpc';
import { describe, expect, it } from 'vitest';
import { goldenShieldRouter } from './router.ts';

describe('golden-shield router', () => {
  it('declares a permission or public on every procedure', () => {
    expect(undeclaredProcedures(goldenShieldRouter)).toEqual([]);
  });

  it('guards each procedure with its own golden-shield permission, none public', () => {
    const declared = Object.fromEntries(
      listProcedures(goldenShieldRouter)
        .filter((p) => !p.path.startsWith('audit.')) // the kernel's audit API, tested in the kernel
        .map((p) => [p.path, `${p.type} ${p.meta?.permission}`]),
    );
    expect(declared).toEqual({
      'births.register': 'mutation golden-shield.birth.register',
      'cases.open': 'mutation golden-shield.case.open',
      'cases.attach': 'mutation golden-shield.case.attach',
      'cases.get': 'query golden-shield.case.read',
      'moves.record': 'mutation golden-shield.household.move',
      'deaths.record': 'mutation golden-shield.death.record',
      'residents.get': 'query golden-shield.resident.read',
      'identity.verify': 'mutation golden-shield.identity.verify',
    });
  });
});
