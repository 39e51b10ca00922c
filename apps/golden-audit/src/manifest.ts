import { defineManifest } from '@egov/kernel/manifest';

/** Golden Audit (金审工程), run by the National Audit Office. */
export const manifest = defineManifest({
  name: 'golden-audit',
  zone: 'internal',
  title: { zh: '金审工程', en: 'Golden Audit' },
  agency: { code: 'cnao', name: 'National Audit Office' },
  portOffset: 6,
  permissions: {
    'golden-audit.project.manage': 'opens an audit project with its scope, team and period.',
    'golden-audit.project.read': 'reads audit projects, their pulls, samples and findings.',
    'golden-audit.data.pull':
      "pulls another agency's catalog resource for a project, under the owner's grant (team members only).",
    'golden-audit.check.run': "runs an audit rule over a project's pulled data and issues its findings.",
    'golden-audit.sample.draw': "draws a reproducible sample of a project's pulled records.",
    'golden-audit.finding.rectify': 'records that an audited body rectified a finding.',
    'golden-audit.seal.manage':
      "makes the report seal's key and installs the certificate the platform's CA issued for it.",
    'golden-audit.report.export': "exports a project's report as a sealed document.",
  },
  roles: {
    auditor: {
      description:
        'works on audit projects as a team member: pulls data, runs rules, samples, tracks findings, exports reports',
      permissions: [
        'golden-audit.project.read',
        'golden-audit.data.pull',
        'golden-audit.check.run',
        'golden-audit.sample.draw',
        'golden-audit.finding.rectify',
        'golden-audit.report.export',
      ],
    },
    'audit-director': {
      description: 'opens audit projects and appoints their teams; holds the report seal',
      permissions: ['golden-audit.*'],
    },
  },
  // Networked audit: each owner's procedure is called only under its catalog grant (the platform is implicit).
  calls: {
    'golden-finance': [
      'golden-finance.appropriation.read',
      'golden-finance.payment.read',
      'golden-finance.ledger.read',
    ],
    'golden-tax': ['golden-tax.input.read'],
  },
  events: { publishes: [], consumes: [] },
});
