import { defineManifest } from '@egov/kernel/manifest';

/** Office Business Resources (办公业务资源系统), run by the General Office of the State Council. */
export const manifest = defineManifest({
  name: 'office-resources',
  zone: 'internal',
  title: { zh: '办公业务资源系统', en: 'Office Business Resources' },
  agency: { code: 'gosc', name: 'General Office of the State Council' },
  portOffset: 9,
  permissions: {
    'office-resources.document.draft': 'drafts an official document and submits it for review.',
    'office-resources.document.review': "reviews another official's draft: approves it or returns it.",
    'office-resources.document.sign':
      'signs off a reviewed document, within the signing authority granted to the official.',
    'office-resources.document.register': 'registers a signed document, giving it the next document number.',
    'office-resources.document.seal': "seals a registered document with the agency's electronic seal.",
    'office-resources.document.distribute':
      'distributes a sealed document to its addressees and copy recipients.',
    'office-resources.document.read':
      'reads and renders documents (each reading of a classified document is recorded).',
    'office-resources.reading.read': 'reads who read a classified document (阅文登记).',
    'office-resources.authority.grant': 'grants an official the authority to sign off documents.',
    'office-resources.recipient.manage': 'registers agencies documents go to, with their zone.',
    'office-resources.seal.manage': "makes the agency's seal key and installs the CA's certificate for it.",
    'office-resources.incoming.receive': 'signs for an incoming document (签收), which sends a receipt back.',
    'office-resources.incoming.handle': 'assigns, circulates, urges, answers and closes incoming documents.',
    'office-resources.incoming.read': 'reads incoming documents, their handling and overdue lists.',
    'office-resources.archive.file': 'files a closed document in the archive with its retention period.',
    'office-resources.archive.read': "reads the archive's catalogue.",
    'office-resources.training.manage':
      "creates courses and exams, reads any official's annual record and the agency's completion report.",
    'office-resources.training.take':
      'enrols in courses, sits their exams and reads one’s own annual record.',
  },
  roles: {
    'document-clerk': {
      description: 'drafts documents, registers, seals and distributes them; signs for incoming ones',
      permissions: [
        'office-resources.document.draft',
        'office-resources.document.register',
        'office-resources.document.seal',
        'office-resources.document.distribute',
        'office-resources.document.read',
        'office-resources.incoming.receive',
        'office-resources.incoming.read',
        'office-resources.archive.file',
        'office-resources.archive.read',
      ],
    },
    'document-reviewer': {
      description: 'reviews drafts (核稿) and handles incoming documents',
      permissions: [
        'office-resources.document.review',
        'office-resources.document.read',
        'office-resources.incoming.handle',
        'office-resources.incoming.read',
      ],
    },
    'office-leader': {
      description: 'signs off documents within their granted authority',
      permissions: [
        'office-resources.document.sign',
        'office-resources.document.read',
        'office-resources.incoming.read',
      ],
    },
    'office-administrator': {
      description:
        'grants signing authority, keeps the recipient directory and the seal, reads reading records',
      permissions: [
        'office-resources.authority.grant',
        'office-resources.recipient.manage',
        'office-resources.seal.manage',
        'office-resources.reading.read',
        'office-resources.document.read',
      ],
    },
    'training-officer': {
      description: 'runs civil-servant training: courses, exams, records and the completion report',
      permissions: ['office-resources.training.manage', 'office-resources.training.take'],
    },
    'civil-servant': {
      description: 'takes training courses and exams and sees their own record',
      permissions: ['office-resources.training.take'],
    },
  },
  calls: {},
  events: {
    publishes: ['office-resources.document.distributed.v1', 'office-resources.incoming.receipted.v1'],
    // Receipts for the documents this agency sent, from whichever agency's system signed for them.
    consumes: ['office-resources.incoming.receipted.v1'],
  },
});
