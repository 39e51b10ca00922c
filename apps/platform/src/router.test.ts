import { listProcedures, undeclaredProcedures } from '@egov/kernel/trpc';
import { describe, expect, it } from 'vitest';
import { platformRouter } from './router.ts';

describe('platform router', () => {
  it('declares a permission or public on every procedure', () => {
    expect(undeclaredProcedures(platformRouter)).toEqual([]);
  });

  it('opens exactly the token endpoints to the public: login, refresh (its token is the credential), service tokens', () => {
    const open = listProcedures(platformRouter).filter((p) => p.meta?.public);
    expect(open.map((p) => p.path).sort()).toEqual([
      'auth.login',
      'auth.refresh',
      'auth.serviceToken',
      'seals.trustAnchors',
    ]);
  });

  it('asks only for platform permissions (and the kernel audit administrator for audit.* and the published keys)', () => {
    const forAuditors = ['services.publicKeys', 'seals.certificates'];
    for (const p of listProcedures(platformRouter)) {
      if (p.meta?.permission)
        expect(p.meta.permission, p.path).toMatch(
          p.path.startsWith('audit.') || forAuditors.includes(p.path) ? /^kernel\.audit\./ : /^platform\./,
        );
    }
  });
});
