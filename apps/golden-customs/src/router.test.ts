import { listProcedures, undeclaredProcedures } from '@egov/kernel/trpc';
import { describe, expect, it } from 'vitest';
import { goldenCustomsRouter } from './router.ts';

describe('golden-customs router', () => {
  it('declares a permission or public on every procedure', () => {
    expect(undeclaredProcedures(goldenCustomsRouter)).toEqual([]);
  });

  it('guards each procedure with its own golden-customs permission, none public', () => {
    const declared = Object.fromEntries(
      listProcedures(goldenCustomsRouter)
        .filter((p) => !p.path.startsWith('audit.')) // the kernel's audit API, tested in the kernel
        .map((p) => [p.path, `${p.type} ${p.meta?.permission}`]),
    );
    expect(declared).toEqual({
      'importers.register': 'mutation golden-customs.importer.register',
      'importers.get': 'query golden-customs.importer.read',
      'importers.standing': 'query golden-customs.importer.read',
      'declarations.submit': 'mutation golden-customs.declaration.submit',
      'declarations.get': 'query golden-customs.declaration.read',
      'declarations.pay': 'mutation golden-customs.declaration.pay',
      'declarations.release': 'mutation golden-customs.declaration.release',
      'inspections.record': 'mutation golden-customs.inspection.record',
      'tariff.get': 'query golden-customs.tariff.read',
      'statistics.monthlyTrade': 'query golden-customs.statistics.read',
    });
  });
});
