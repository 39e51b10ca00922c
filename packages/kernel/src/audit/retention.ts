import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../errors/domain-error.ts';
import { writeArchive } from './archive.ts';
import { loadSnapshot } from './snapshot.ts';
import type { AuditDatabase } from './table.ts';
import type { AuditSigner } from './tree-head.ts';

/** The Cybersecurity Law keeps network logs at least six months. */
export const RETENTION_MONTHS = 6;

export function retentionCutoff(now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - RETENTION_MONTHS);
  return cutoff;
}

/**
 * Removes records older than `before` after writing them to an archive.
 * Refuses a cutoff inside the retention period; the database trigger refuses
 * it again by its own clock. Leaves and tree heads stay, so the log still
 * verifies; the archive (whose digest is recorded) holds what was removed.
 */
export async function pruneAudit(
  db: Kysely<any>,
  options: {
    service: string;
    before: Date;
    now: Date;
    signer: AuditSigner;
    store: (archive: string) => Promise<void>;
  },
): Promise<{ pruned: number; archiveSha256: string }> {
  if (options.before > retentionCutoff(options.now)) {
    throw new DomainError('INVALID', `records younger than ${RETENTION_MONTHS} months are kept`, {
      field: 'before',
      rule: 'retention',
    });
  }
  const archive = await writeArchive(await loadSnapshot(db, options.service), options.signer, options.now);
  await options.store(archive);
  const archiveSha256 = createHash('sha256').update(archive).digest('hex');
  return (db as Kysely<AuditDatabase>).transaction().execute(async (trx) => {
    await sql`set local egov.audit_retention = 'on'`.execute(trx);
    // Prune a prefix of the log in leaf order, so "below leaf k" says exactly what was removed.
    const rows = await trx
      .selectFrom('audit_leaf as l')
      .innerJoin('audit_record as r', 'r.seq', 'l.record_seq')
      .select(['l.leaf_index', 'r.seq', 'r.at'])
      .orderBy('l.leaf_index')
      .execute();
    const firstKept = rows.findIndex((r) => new Date(r.at) >= options.before);
    const doomed = (firstKept < 0 ? rows : rows.slice(0, firstKept)).map((r) => r.seq);
    const beforeLeaf = doomed.length ? Number(rows[doomed.length - 1]!.leaf_index) + 1 : 0;
    if (doomed.length) await trx.deleteFrom('audit_record').where('seq', 'in', doomed).execute();
    await trx
      .insertInto('audit_prune')
      .values({
        before: options.before,
        before_leaf: String(beforeLeaf),
        archive_sha256: archiveSha256,
        at: options.now,
      })
      .execute();
    return { pruned: doomed.length, archiveSha256 };
  });
}
