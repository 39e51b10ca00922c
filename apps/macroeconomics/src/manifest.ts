import { defineManifest } from '@egov/kernel/manifest';

/**
 * Macroeconomic Management (宏观经济管理), run by the National Development and Reform Commission: the
 * golden project of macroeconomic management was the NDRC's (it plans and monitors the economy from
 * other agencies' figures); it keeps the macroeconomic base database (S3.2) from the publications of
 * customs, tax and the treasury. Internal zone: it calls those internal apps through the exchange; its
 * released figures reach the public zone through procedures marked public.
 */
export const manifest = defineManifest({
  name: 'macroeconomics',
  zone: 'internal',
  title: { zh: '宏观经济管理', en: 'Macroeconomic Management' },
  agency: { code: 'ndrc', name: 'National Development and Reform Commission' },
  portOffset: 10,
  permissions: {
    'macroeconomics.indicator.define':
      'defines an indicator: its unit, frequency and the publication that feeds it.',
    'macroeconomics.indicator.read': 'reads the indicators.',
    'macroeconomics.source.manage': "registers a grant held on another agency's published resource.",
    'macroeconomics.source.pull': "pulls a period's publication through the exchange, keeping revisions.",
    'macroeconomics.release.announce': 'announces the release time of a figure, beforehand.',
    'macroeconomics.figure.read':
      'reads figures and their derived changes; embargoed ones only within the embargo scope.',
    'macroeconomics.derived.compute': 'recomputes every derived figure from the current revisions.',
  },
  roles: {
    'macro-statistician': {
      description:
        'the producing team: indicators, ingestion, release calendar; reads embargoed figures with the embargo scope',
      permissions: ['macroeconomics.*'],
    },
    'macro-reader': {
      description: 'reads released macroeconomic figures and their sources',
      permissions: ['macroeconomics.indicator.read', 'macroeconomics.figure.read'],
    },
  },
  // Grant tokens from the platform's catalog; the monthly publications of customs, tax and the treasury.
  calls: {
    platform: ['platform.exchange.token'],
    'golden-customs': ['golden-customs.statistics.read'],
    'golden-tax': ['golden-tax.statistics.read'],
    'golden-finance': ['golden-finance.statistics.read'],
  },
  events: { publishes: [], consumes: [] },
});
