import { describe, expect, it } from 'vitest';
import { embeddedApps as apps, selectApps } from './apps.ts';

const names = (only?: string[]) => selectApps(only).map((a) => a.definition.name);

describe('egov start --app', () => {
  it('starts every app of the workspace when none is named, each after the apps it calls', () => {
    const all = names();
    // Every app the workspace holds, whatever is added later with the generator.
    expect([...all].sort()).toEqual(apps.map((a) => a.definition.name).sort());
    expect(all.slice(0, 3)).toEqual(['golden-shield', 'golden-finance', 'golden-tax']);
    for (const entry of apps)
      for (const callee of Object.keys(entry.manifest.calls ?? {}).filter((c) => c !== 'platform'))
        expect(all.indexOf(callee), `${callee} before ${entry.definition.name}`).toBeLessThan(
          all.indexOf(entry.definition.name),
        );
  });

  it('starts the named app and the apps it calls, callees first', () => {
    // golden-tax attaches invoice findings to golden-shield's cases (flow 6), so customs brings shield too;
    // customs asks golden-quality for CCC certificates (flow 5).
    expect(names(['golden-customs'])).toEqual([
      'golden-shield',
      'golden-finance',
      'golden-tax',
      'golden-quality',
      'golden-customs',
    ]);
    expect(names(['financial-supervision'])).toEqual([
      'golden-shield',
      'golden-finance',
      'golden-tax',
      'financial-supervision',
    ]);
    expect(names(['golden-shield'])).toEqual(['golden-shield']);
    expect(names(['social-security'])).toEqual(['golden-shield', 'golden-finance', 'social-security']);
    expect(names(['golden-tax', 'golden-shield'])).toEqual(['golden-shield', 'golden-finance', 'golden-tax']);
  });

  it('refuses an unknown name, listing the apps there are', () => {
    expect(() => names(['golden-nothing'])).toThrow(
      /no app named "golden-nothing"; the apps are: golden-shield, /,
    );
  });
});
