import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serviceKeyFile } from '@egov/kernel/app';
import {
  type AuditVerification,
  loadSnapshot,
  verifyArchive,
  verifySnapshot,
  writeArchive,
} from '@egov/kernel/audit';
import { createDatabase, databaseConfigFromEnv, schemaNameFor } from '@egov/kernel/db';
import { loadOrCreateServiceKey } from '@egov/kernel/identity';
import { platformApp } from '@egov/platform/provisioning';
import { sql } from 'kysely';
import type { JWK } from 'jose';
import { embeddedApps } from '../embedded/apps.ts';

const allApps = () => [platformApp.name, ...embeddedApps.map((a) => a.definition.name)];

/** The key the platform has enrolled for `app`: the only key its tree heads may be signed with. */
async function enrolledKey(env: NodeJS.ProcessEnv, app: string): Promise<JWK[]> {
  const platform = await createDatabase<any>(databaseConfigFromEnv(schemaNameFor('platform'), env));
  try {
    const row = await sql<{
      public_jwk: JWK | string;
    }>`select public_jwk from ${sql.table('platform.service_account')} where name = ${app}`
      .execute(platform.db)
      .catch(() => ({ rows: [] as { public_jwk: JWK | string }[] }));
    const jwk = row.rows[0]?.public_jwk;
    return jwk ? [typeof jwk === 'string' ? (JSON.parse(jwk) as JWK) : jwk] : [];
  } finally {
    await platform.close();
  }
}

function print(app: string, result: AuditVerification): void {
  if (result.ok) {
    console.log(`${app}: ok, ${result.leaves} records in the tree, ${result.treeHeads} signed tree heads`);
    return;
  }
  console.log(`${app}: BROKEN at index ${result.firstBrokenIndex ?? '(none)'}`);
  for (const p of result.problems.slice(0, 20))
    console.log(`  ${p.kind}${p.index === null ? '' : ` @${p.index}`}: ${p.message}`);
}

/**
 * `egov audit verify [--app NAME] [--archive FILE]`: recomputes each app's
 * Merkle tree from its database (or an exported archive, with no database)
 * and exits non-zero naming the first broken index.
 * `egov audit export --app NAME [--out FILE]`: writes a signed archive.
 */
export async function audit(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { app: { type: 'string' }, archive: { type: 'string' }, out: { type: 'string' } },
  });
  if (sub === 'verify' && values.archive) {
    const trusted = values.app ? await enrolledKey(env, values.app) : [];
    const result = await verifyArchive(readFileSync(values.archive, 'utf8'), trusted);
    print(values.archive, result);
    return result.ok ? 0 : 1;
  }
  if (sub === 'verify') {
    let failed = false;
    for (const app of values.app ? [values.app] : allApps()) {
      const database = await createDatabase<any>(databaseConfigFromEnv(schemaNameFor(app), env));
      try {
        const result = await verifySnapshot(
          await loadSnapshot(database.db, app, await enrolledKey(env, app)),
        );
        print(app, result);
        failed ||= !result.ok;
      } finally {
        await database.close();
      }
    }
    return failed ? 1 : 0;
  }
  if (sub === 'export') {
    if (!values.app) throw new Error('audit export needs --app NAME');
    const key = await loadOrCreateServiceKey(serviceKeyFile(values.app, env), {});
    const database = await createDatabase<any>(databaseConfigFromEnv(schemaNameFor(values.app), env));
    try {
      const snapshot = await loadSnapshot(database.db, values.app);
      const archive = await writeArchive(
        snapshot,
        { keyId: `service:${values.app}`, privateKey: key.privateKey, publicJwk: key.publicJwk },
        new Date(),
      );
      const out = values.out ?? `audit-${values.app}-${new Date().toISOString().replace(/[:.]/g, '')}.jsonl`;
      writeFileSync(out, archive);
      console.log(
        `${values.app}: ${snapshot.records.length} records, ${snapshot.heads.length} tree heads written to ${out}`,
      );
    } finally {
      await database.close();
    }
    return 0;
  }
  throw new Error(
    'usage: egov audit verify [--app NAME] [--archive FILE] | egov audit export --app NAME [--out FILE]',
  );
}
