import { describe, expect, it } from 'vitest';
import { selectApps } from './apps.ts';

const names = (only?: string[]) => selectApps(only).map((a) => a.definition.name);

describe('egov start --app', () => {
  it('starts every app when none is named', () => {
    expect(names()).toEqual([
      'golden-shield',
      'golden-finance',
      'golden-tax',
      'golden-customs',
      'social-security',
    ]);
  });

  it('starts the named app and the apps it calls, callees first', () => {
    expect(names(['golden-customs'])).toEqual(['golden-finance', 'golden-tax', 'golden-customs']);
    expect(names(['golden-shield'])).toEqual(['golden-shield']);
    expect(names(['social-security'])).toEqual(['golden-shield', 'social-security']);
    expect(names(['golden-tax', 'golden-shield'])).toEqual(['golden-shield', 'golden-finance', 'golden-tax']);
  });

  it('refuses an unknown name, listing the apps there are', () => {
    expect(() => names(['golden-nothing'])).toThrow(
      /no app named "golden-nothing"; the apps are: golden-shield, /,
    );
  });
});
