import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serviceKeyFile } from '@egov/kernel/app';
import {
  type AuditVerification,
  type KeptTreeHead,
  loadSnapshot,
  verifyArchive,
  verifySnapshot,
  verifyTreeHead,
  writeArchive,
} from '@egov/kernel/audit';
import { createDatabase, databaseConfigFromEnv, schemaNameFor } from '@egov/kernel/db';
import { loadOrCreateServiceKey } from '@egov/kernel/identity';
import { platformApp } from '@egov/platform/provisioning';
import type { JWK } from 'jose';
import { embeddedApps } from '../embedded/apps.ts';
import { enrolledKey, headsFromFiles, keysFromFiles, UnpinnedError, unpinned } from './audit-trust.ts';

const allApps = () => [platformApp.name, ...embeddedApps.map((a) => a.definition.name)];

function print(label: string, result: AuditVerification): void {
  if (result.ok) {
    console.log(`${label}: ok, ${result.leaves} records in the tree, ${result.treeHeads} signed tree heads`);
    return;
  }
  // The leaf index when a leaf is to blame, else what failed: never an empty "(none)".
  console.log(
    result.firstBrokenIndex === null
      ? `${label}: BROKEN: ${result.problems[0]?.message ?? 'unknown problem'}`
      : `${label}: BROKEN at index ${result.firstBrokenIndex}`,
  );
  for (const p of result.problems.slice(0, 20))
    console.log(`  ${p.kind}${p.index === null ? '' : ` @${p.index}`}: ${p.message}`);
}

/** The service an archive says it is of (its header), to look its key up; checked again by verifyArchive. */
function archiveService(text: string): string | undefined {
  try {
    const header = JSON.parse(text.slice(0, text.indexOf('\n')));
    return typeof header?.service === 'string' ? header.service : undefined;
  } catch {
    return undefined;
  }
}

/** The keys pinned for `app`: the `--key` files, else the key the platform enrolled; never the log's own. */
async function pinnedKeys(env: NodeJS.ProcessEnv, app: string, keyFiles: string[]): Promise<JWK[]> {
  if (keyFiles.length) return keysFromFiles(keyFiles, app);
  const enrolled = await enrolledKey(env, app);
  if (enrolled.keys.length === 0) throw unpinned(app, enrolled.reason ?? 'no key');
  return enrolled.keys;
}

/** The keys of tree heads an auditor kept, each head first checked under its own key. */
async function keysOfKeptHeads(heads: KeptTreeHead[]): Promise<JWK[]> {
  for (const head of heads)
    if (!(await verifyTreeHead(head.publicJwk, head)))
      throw new UnpinnedError(
        `the kept tree head of size ${head.treeSize} does not verify under its own key`,
      );
  return heads.map((h) => h.publicJwk);
}

async function verifyArchiveFile(env: NodeJS.ProcessEnv, file: string, values: Values): Promise<number> {
  const text = readFileSync(file, 'utf8');
  const service = values.app ?? archiveService(text);
  if (!service) throw new UnpinnedError(`${file}: no service named in its header (give --app NAME)`);
  const heads = headsFromFiles(values.head ?? []);
  const keys = values.key?.length || !heads.length ? await pinnedKeys(env, service, values.key ?? []) : [];
  const result = await verifyArchive(text, { keys, heads, service });
  print(file, result);
  return result.ok ? 0 : 1;
}

type Values = { app?: string; archive?: string; out?: string; key?: string[]; head?: string[] };

/**
 * `egov audit verify [--app NAME] [--archive FILE] [--key FILE]... [--head FILE]...`:
 * recomputes each app's Merkle tree from its database (or an exported
 * archive, with no database) against a key pinned from outside the log (the
 * platform's enrolled key, `--key` files, or tree heads an auditor kept) and
 * exits 1 naming the first broken leaf index, 2 when it cannot pin a key.
 * `egov audit export --app NAME [--out FILE]`: writes a signed archive.
 */
export async function audit(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      app: { type: 'string' },
      archive: { type: 'string' },
      out: { type: 'string' },
      key: { type: 'string', multiple: true },
      head: { type: 'string', multiple: true },
    },
  });
  try {
    if (sub === 'verify' && values.archive) return await verifyArchiveFile(env, values.archive, values);
    if (sub === 'verify') {
      const heads = headsFromFiles(values.head ?? []);
      if (heads.length && !values.app)
        throw new UnpinnedError('--head needs --app NAME: a tree head is of one app');
      let failed = false;
      let refused = false;
      for (const app of values.app ? [values.app] : allApps()) {
        let keys: JWK[];
        try {
          keys =
            values.key?.length || !heads.length
              ? await pinnedKeys(env, app, values.key ?? [])
              : await keysOfKeptHeads(heads);
        } catch (error) {
          if (!(error instanceof UnpinnedError)) throw error;
          console.log(`${app}: REFUSED: ${error.message}`);
          refused = true;
          continue;
        }
        const database = await createDatabase<any>(databaseConfigFromEnv(schemaNameFor(app), env));
        try {
          const snapshot = await loadSnapshot(database.db, app, keys);
          // Kept heads must be reproduced by the log: a log cut or rewritten below one fails here.
          for (const head of heads) snapshot.heads.push({ head, publicJwk: head.publicJwk });
          const result = await verifySnapshot(snapshot);
          print(app, result);
          failed ||= !result.ok;
        } finally {
          await database.close();
        }
      }
      return failed ? 1 : refused ? 2 : 0;
    }
  } catch (error) {
    if (!(error instanceof UnpinnedError)) throw error;
    console.log(`${values.archive ?? values.app ?? 'audit'}: REFUSED: ${error.message}`);
    return 2;
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
    'usage: egov audit verify [--app NAME] [--archive FILE] [--key FILE]... [--head FILE]... | egov audit export --app NAME [--out FILE]',
  );
}
