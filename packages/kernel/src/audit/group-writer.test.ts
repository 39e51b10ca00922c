import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../db/database.ts';
import { databaseTargets, dropFresh, freshDatabase } from '../testing/index.ts';
import { createAuditWriter } from './group-writer.ts';
import { appRoleMigrations } from '../db/app-role-migrations.ts';
import { AUDIT_TABLES, auditMigrations } from './migrations.ts';
import type { AuditEntry } from './record.ts';

const entry = (i: number): AuditEntry => ({
  at: new Date(),
  actor: `service:caller-${i}`,
  actorAgency: null,
  subject: null,
  service: 'group-test',
  procedure: 'things.get',
  kind: 'call-in',
  objectIds: [`thing:${i}`],
  outcome: 'ok',
  errorCode: null,
  sourceAddress: null,
  traceId: 't'.repeat(32),
  requestId: `r${i}`,
});

/** Counts the statements Kysely sends. */
function counting() {
  const plugin: KyselyPlugin & { inserts: number } = {
    inserts: 0,
    transformQuery(args) {
      if (args.node.kind === 'InsertQueryNode') plugin.inserts += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return plugin;
}

describe.each(databaseTargets())('the audit group writer on $name', (target) => {
  let database: AppDatabase<any>;
  beforeAll(async () => {
    database = await freshDatabase(target, 'audit_group');
    await database.migrate({
      ...auditMigrations(database.schema),
      ...appRoleMigrations(database.schema, AUDIT_TABLES),
    });
  });
  afterAll(() => dropFresh(database));

  const stored = async () =>
    (await database.db.selectFrom('audit_record').select('request_id').orderBy('seq').execute()).map(
      (r) => r.request_id,
    );

  it('writes records arriving together in fewer inserts, and each caller hears of its own commit', async () => {
    const plugin = counting();
    const writer = createAuditWriter(database.db.withPlugin(plugin));
    await Promise.all(Array.from({ length: 50 }, (_, i) => writer.append(entry(i))));
    expect(await stored()).toEqual(Array.from({ length: 50 }, (_, i) => `r${i}`));
    // the first goes alone (nothing to wait for), the other 49 arrived while it was written
    expect(plugin.inserts).toBe(2);
  });

  it('fails only the record the database refuses, not the others in its batch', async () => {
    const writer = createAuditWriter(database.db);
    const before = (await stored()).length;
    const bad = { ...entry(999), actor: null } as unknown as AuditEntry;
    const results = await Promise.allSettled([
      writer.append(entry(100)),
      writer.append(entry(101)),
      writer.append(bad),
      writer.append(entry(102)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await stored()).slice(before)).toEqual(['r100', 'r101', 'r102']);
  });
});
