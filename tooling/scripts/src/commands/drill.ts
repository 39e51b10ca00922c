import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreDrill } from '../drill/restore-drill.ts';

/**
 * `egov drill restore [--pg-bin DIR] [--keep]`: the restore drill on a throwaway PostgreSQL cluster
 * (see drill/restore-drill.ts); prints what was restored, the audit verification, RTO and RPO.
 */
export async function drill(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'pg-bin': { type: 'string' }, keep: { type: 'boolean' } },
  });
  if (positionals[0] !== 'restore') throw new Error('usage: egov drill restore [--pg-bin DIR] [--keep]');
  const work = mkdtempSync(join(tmpdir(), 'egov-drill-'));
  try {
    const r = await restoreDrill({
      workDir: work,
      ...(values['pg-bin'] ? { pgBin: values['pg-bin'] } : {}),
      say: (line) => console.log(`egov drill: ${line}`),
    });
    const ok =
      r.markers.A &&
      !r.markers.B &&
      !r.markers.C &&
      r.audits.every((a) => a.ok) &&
      r.auditRecords.restored === r.auditRecords.atT;
    console.log(
      `egov drill: marker A ${r.markers.A ? 'present' : 'MISSING'}, B ${r.markers.B ? 'PRESENT' : 'absent'} (after T)`,
    );
    for (const a of r.audits) console.log(`egov drill: audit ${a.output}`);
    console.log(
      `egov drill: platform audit records: ${r.auditRecords.atT} at T, ${r.auditRecords.atB} at B, ${r.auditRecords.restored} restored`,
    );
    console.log(
      `egov drill: RTO ${r.rtoMs} ms (copy ${r.copyMs} ms, WAL replay and promotion ${r.replayMs} ms; base backup ${(r.baseBackupBytes / 2 ** 20).toFixed(1)} MiB, ${r.walSegmentsArchived} WAL segments archived)`,
    );
    console.log(
      `egov drill: RPO ${r.rpoToTargetMs} ms before the target; archiving alone lost the last ${r.rpoArchiveOnlyMs} ms of commits (bounded by archive_timeout)`,
    );
    console.log(ok ? 'egov drill: passed' : 'egov drill: FAILED');
    return ok ? 0 : 1;
  } finally {
    if (values.keep) console.log(`egov drill: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}
