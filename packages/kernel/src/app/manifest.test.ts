import { describe, expect, it } from 'vitest';
import { kernelTRPC } from '../trpc/kernel-trpc.ts';
import { type AppManifest, defineManifest, servicePermissions } from './manifest.ts';
import { checkWorkspace, startOrder } from './workspace.ts';

const water = defineManifest({
  name: 'golden-water',
  zone: 'internal',
  title: { zh: '金水工程', en: 'Golden Water' },
  agency: { code: 'mwr', name: 'Ministry of Water Resources' },
  portOffset: 12,
  permissions: {
    'golden-water.gauge.read': 'reads river gauge readings.',
    'golden-water.gauge.record': 'records a gauge reading.',
  },
  roles: { 'gauge-keeper': { description: 'keeps gauges', permissions: ['golden-water.*'] } },
  calls: { 'golden-finance': ['golden-finance.treasury.read'] },
});

const finance: AppManifest = {
  ...water,
  name: 'golden-finance',
  portOffset: 2,
  permissions: { 'golden-finance.treasury.read': 'reads the treasury.' },
  roles: {},
  calls: {},
};

describe('app manifests', () => {
  it('types requires() by the manifest: an undeclared permission does not compile, nor build', () => {
    const { procedure } = kernelTRPC<object, typeof water>(water);
    expect(procedure.requires('golden-water.gauge.read')._def.meta).toEqual({
      permission: 'golden-water.gauge.read',
    });
    // @ts-expect-error not a permission golden-water declares
    expect(() => procedure.requires('golden-water.gauge.delete')).toThrow(/not a permission of its manifest/);
  });

  it('refuses a permission outside the app, without a sentence, or a role holding an undeclared one', () => {
    const bad = (patch: Partial<AppManifest>) => () => defineManifest({ ...water, ...patch } as AppManifest);
    expect(bad({ permissions: { 'golden-tax.invoice.read': 'reads' } })).toThrow(
      /must start with "golden-water."/,
    );
    expect(bad({ permissions: { 'golden-water.gauge.read': ' ' } })).toThrow(/needs a description/);
    expect(bad({ roles: { r: { description: 'x', permissions: ['golden-water.dam.open'] } } })).toThrow(
      /does not declare/,
    );
    expect(bad({ calls: { 'golden-water': [] } })).toThrow(/does not call itself/);
    expect(bad({ calls: { 'golden-tax': ['golden-finance.treasury.read'] } })).toThrow(
      /not a permission of golden-tax/,
    );
  });

  it('checks a workspace: calls aimed at declared permissions, unique ports, callees first', () => {
    const apps = [{ manifest: water }, { manifest: finance }];
    expect(startOrder(checkWorkspace(apps)).map((a) => a.manifest.name)).toEqual([
      'golden-finance',
      'golden-water',
    ]);
    expect(servicePermissions(water)).toEqual(['golden-finance.treasury.read']);
    expect(() => checkWorkspace([{ manifest: water }])).toThrow(/golden-finance, which is not an app/);
    expect(() =>
      checkWorkspace([
        { manifest: water },
        { manifest: { ...finance, permissions: { 'golden-finance.x.y': 'y' } } },
      ]),
    ).toThrow(/does not declare/);
    expect(() => checkWorkspace([{ manifest: water }, { manifest: { ...finance, portOffset: 12 } }])).toThrow(
      /both take port offset 12/,
    );
    const loop = { ...finance, calls: { 'golden-water': ['golden-water.gauge.read'] } };
    expect(() => startOrder([{ manifest: water }, { manifest: loop }])).toThrow(/cycle/);
  });
});
