import { resolve } from 'node:path';
import { dataRoot } from '@egov/kernel/db';
import { createSecretBox, type SecretBox, secretsMasterKey } from '@egov/kernel/secrets';
import type { PlatformDb } from '../database.ts';

let current: SecretBox | undefined;

/**
 * The platform's secret box (SM4 + HMAC-SM3) under `EGOV_SECRETS_KEY`, or the
 * key file `<EGOV_DATA_DIR or .data>/keys/platform-secrets.key` made on first use.
 *
 * @example
 * const stored = platformSecrets().seal(secret, totpContext(officialId));
 */
export function platformSecrets(): SecretBox {
  current ??= createSecretBox(
    secretsMasterKey(process.env, resolve(dataRoot(), 'keys', 'platform-secrets.key')),
  );
  return current;
}

/** Tests give the platform a box of their own; returns the function that puts the previous one back. */
export function configureSecrets(box: SecretBox): () => void {
  const previous = current;
  current = box;
  return () => {
    current = previous;
  };
}

/** What a TOTP secret is bound to: its row. A sealed secret copied to another official does not open. */
export const totpContext = (officialId: string) => `official_mfa:${officialId}`;

/**
 * Seals TOTP secrets stored in plaintext by releases before secrets were
 * sealed; run at start-up, before serving. Idempotent.
 *
 * @example
 * await sealStoredSecrets(database.db); // 0 on a current database
 */
export async function sealStoredSecrets(db: PlatformDb): Promise<number> {
  const box = platformSecrets();
  const rows = await db.selectFrom('official_mfa').select(['official_id', 'secret']).execute();
  let sealed = 0;
  for (const row of rows) {
    if (box.isSealed(row.secret)) continue;
    await db
      .updateTable('official_mfa')
      .set({ secret: box.seal(row.secret, totpContext(row.official_id)) })
      .where('official_id', '=', row.official_id)
      .where('secret', '=', row.secret)
      .execute();
    sealed += 1;
  }
  return sealed;
}
