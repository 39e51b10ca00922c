import { createRootCa, getAlgorithm, issueSealCertificate } from '@egov/kernel/seal';
import { type BootedApp, bootApp, type DatabaseTarget } from '@egov/testing';
import { officeResources } from './app.ts';
import type { OfficeResourcesDatabase } from './database.ts';
import type { OfficeResourcesRouter } from './router.ts';

export type OfficeTestApp = BootedApp<OfficeResourcesDatabase, OfficeResourcesRouter>;

export const perm = {
  draft: 'office-resources.document.draft',
  review: 'office-resources.document.review',
  sign: 'office-resources.document.sign',
  register: 'office-resources.document.register',
  seal: 'office-resources.document.seal',
  distribute: 'office-resources.document.distribute',
  read: 'office-resources.document.read',
  readings: 'office-resources.reading.read',
  authority: 'office-resources.authority.grant',
  recipient: 'office-resources.recipient.manage',
  sealManage: 'office-resources.seal.manage',
  receive: 'office-resources.incoming.receive',
  handle: 'office-resources.incoming.handle',
  readIncoming: 'office-resources.incoming.read',
  archive: 'office-resources.archive.file',
  readArchive: 'office-resources.archive.read',
  manageTraining: 'office-resources.training.manage',
  takeTraining: 'office-resources.training.take',
} as const;

/**
 * Boots office-resources with what an outgoing document needs: a recipient directory (two internal
 * agencies, one external), a seal key certified by a CA made with the kernel's CA functions (as the
 * platform's `seals.issue` does), a leader holding signing authority, and tokens for each role.
 */
export async function bootOffice(target: DatabaseTarget) {
  const app: OfficeTestApp = await bootApp(officeResources, target);
  const as = async (username: string, ...permissions: string[]) =>
    app.client(await app.identity.officialToken({ username, agency: 'gosc', permissions }));
  const admin = await as('admin', perm.authority, perm.recipient, perm.sealManage, perm.readings, perm.read);
  const clerk = await as('clerk', perm.draft, perm.register, perm.seal, perm.distribute, perm.read);
  const reviewer = await as('reviewer', perm.review, perm.read);
  const leader = await as('leader', perm.sign, perm.read);
  for (const r of [
    { agencyCode: 'mwr', name: '水利部', app: 'golden-water', zone: 'internal' as const },
    { agencyCode: 'mof', name: '财政部', app: 'golden-finance', zone: 'internal' as const },
    { agencyCode: 'moa', name: '农业农村部', app: 'golden-agriculture', zone: 'external' as const },
  ])
    await admin.recipients.register.mutate(r);
  const ca = await createRootCa({ name: 'Platform Seal CA SM2', algorithm: 'SM2-SM3', validityDays: 3650 });
  const key = await admin.seals.createKey.mutate({ algorithm: 'SM2-SM3' });
  const certificate = await issueSealCertificate(ca, {
    subjectName: '国务院办公厅',
    agencyCode: 'gosc',
    publicKey: await getAlgorithm('SM2-SM3').importPublicKey(key.publicKey),
    algorithm: 'SM2-SM3',
    validityDays: 365,
    serialNumber: '0a01',
  });
  await admin.seals.install.mutate({ keyId: key.id, certificateChain: [certificate, ca.certificate] });
  await admin.authorities.grant.mutate({
    official: 'official:leader',
    documentCode: '国办发',
    kinds: [],
    maxClassification: 'confidential',
  });
  /** Row counts of the app's tables (the kernel's audit and rate-limit counters left out by `counts`). */
  const written = app.counts;
  return { app, written, as, admin, clerk, reviewer, leader, ca, root: ca.certificate };
}

/** A valid draft: a 通知 of 国办发 to the Ministry of Water Resources, copied to Finance. */
export const notice = (patch: Record<string, unknown> = {}) => ({
  kind: '通知' as const,
  direction: 'downward' as const,
  classification: 'none' as const,
  urgency: 'extra-urgent' as const,
  documentCode: '国办发',
  issuer: '国务院办公厅',
  title: '国务院办公厅关于切实做好2026年防汛抗旱工作的通知',
  addressees: [{ code: 'mwr', name: '水利部' }],
  body: '当前已进入主汛期，各地区、各有关部门要切实落实防汛抗旱责任制。\n要加强监测预报预警，及时转移受威胁群众，确保人民群众生命财产安全。',
  attachments: ['2026年防汛抗旱重点工作清单'],
  notes: '此件公开发布',
  copiesTo: [{ code: 'mof', name: '财政部' }],
  printingOffice: '国务院办公厅秘书局',
  ...patch,
});
