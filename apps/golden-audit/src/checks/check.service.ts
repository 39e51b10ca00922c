import type { GoldenAuditDb } from '../database.ts';
import { issueFindings } from '../findings/finding.service.ts';
import { projectForTeam } from '../projects/project.service.ts';
import { latestPulls } from '../pulls/pull.service.ts';
import type { Actor } from '../shared/actor.ts';
import type { RuleFinding } from './check.rules.ts';
import {
  AppropriationShape,
  CertificateShape,
  DeathRecordShape,
  DeductionShape,
  PaymentShape,
  PensionPaymentShape,
  type RuleName,
  TrialBalanceShape,
} from './check.schemas.ts';
import { importVatMismatches } from './import-vat.rules.ts';
import { ledgerImbalances } from './ledger-balance.rules.ts';
import { paymentsOverAppropriation } from './over-appropriation.rules.ts';
import { pensionPaidAfterDeath } from './pension-after-death.rules.ts';

/** Each rule over the latest pulls of the sources it reads. */
async function evaluate(
  db: GoldenAuditDb,
  projectId: string,
  rule: RuleName,
): Promise<{ found: RuleFinding[]; pullIds: string[] }> {
  if (rule === 'pension-after-death') {
    const p = await latestPulls(db, projectId, ['deaths', 'pension-payments']);
    return {
      found: pensionPaidAfterDeath(
        DeathRecordShape.array().parse(p.deaths.records),
        PensionPaymentShape.array().parse(p['pension-payments'].records),
      ),
      pullIds: [p.deaths.id, p['pension-payments'].id],
    };
  }
  if (rule === 'over-appropriation') {
    const p = await latestPulls(db, projectId, ['appropriations', 'payments']);
    return {
      found: paymentsOverAppropriation(
        AppropriationShape.array().parse(p.appropriations.records),
        PaymentShape.array().parse(p.payments.records),
      ),
      pullIds: [p.appropriations.id, p.payments.id],
    };
  }
  if (rule === 'import-vat') {
    const p = await latestPulls(db, projectId, ['customs-certificates', 'import-vat-deductions']);
    return {
      found: importVatMismatches(
        CertificateShape.array().parse(p['customs-certificates'].records),
        DeductionShape.array().parse(p['import-vat-deductions'].records),
      ),
      pullIds: [p['customs-certificates'].id, p['import-vat-deductions'].id],
    };
  }
  const p = await latestPulls(db, projectId, ['treasury-ledger']);
  return {
    found: TrialBalanceShape.array()
      .parse(p['treasury-ledger'].records)
      .flatMap((tb) => ledgerImbalances(tb)),
    pullIds: [p['treasury-ledger'].id],
  };
}

/**
 * Runs a rule over the project's latest pulls and issues its findings, each
 * with a rectification deadline `days` Chinese working days away. Only the
 * team; CONFLICT naming the source not pulled yet.
 *
 * @example
 * await runCheck(db, { projectId, rule: 'ledger-balance', rectifyWorkingDays: 60 }, recorderOf(ctx));
 */
export async function runCheck(
  db: GoldenAuditDb,
  input: { projectId: string; rule: RuleName; rectifyWorkingDays: number },
  recorder: Actor,
): Promise<{ rule: RuleName; pullIds: string[]; findingIds: string[] }> {
  await projectForTeam(db, input.projectId, recorder);
  const { found, pullIds } = await evaluate(db, input.projectId, input.rule);
  const findingIds = await issueFindings(
    db,
    input.projectId,
    found,
    pullIds,
    input.rectifyWorkingDays,
    recorder,
  );
  return { rule: input.rule, pullIds, findingIds };
}
