import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export interface ServiceKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * An app's own Ed25519 key: read from `EGOV_SERVICE_KEY` (a private JWK as
 * JSON) when given, else from `file`, else generated and written to `file`
 * with mode 0600. The platform only ever sees the public half.
 */
export async function loadOrCreateServiceKey(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServiceKey> {
  let jwk: JWK | undefined;
  if (env.EGOV_SERVICE_KEY) jwk = JSON.parse(env.EGOV_SERVICE_KEY) as JWK;
  else {
    try {
      jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  if (!jwk) {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    jwk = await exportJWK(pair.privateKey);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  const privateKey = (await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA')) as CryptoKey;
  const { d: _private, ...publicJwk } = jwk;
  return { privateKey, publicJwk: { ...publicJwk, alg: 'EdDSA', use: 'sig' } };
}
