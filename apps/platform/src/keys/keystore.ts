import {
  type CryptoKey,
  errors,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWSHeaderParameters,
} from 'jose';
import type { SigningKey } from '@egov/kernel/identity';
import type { PlatformDb } from '../database.ts';
import { ensureActiveKey, liveKeys, verifies } from './key.service.ts';
import type { SigningKeyRow } from './key.table.ts';

export interface KeyStore {
  /** The newest non-retired key, ready for `signAccessToken`. */
  activeSigningKey(): Promise<SigningKey>;
  /** Public halves of every key that still verifies, as served at `/.well-known/jwks.json`. */
  jwks(): Promise<JSONWebKeySet>;
  /** Key resolver for jose / `createTokenVerifier({ keys: { getKey } })`; retired keys past their grace are unknown. */
  getKey(header: JWSHeaderParameters): Promise<CryptoKey>;
  /** Forgets the cached key list (after a rotation in this process). */
  invalidate(): void;
}

export interface KeyStoreOptions {
  /** How long the key list is trusted before it is read again (picks up rotation and retirement). */
  maxAgeMs?: number;
  /** An unknown kid re-reads the list at most this often, so forged kids cannot hammer the database. */
  unknownKidCooldownMs?: number;
}

/**
 * The platform's keys, read from the `signing_key` table and cached: imported
 * CryptoKeys are kept per kid, the key list for `maxAgeMs` (60 s, the JWKS
 * cache lifetime), so verification costs no query in the steady state.
 *
 * @example
 * const keys = createKeyStore(database.db);
 * const token = await signAccessToken(await keys.activeSigningKey(), claims, { audience: 'egov', ttlSeconds: 900 });
 * const verify = createTokenVerifier({ keys: { getKey: keys.getKey }, audience: 'platform' });
 */
export function createKeyStore(db: PlatformDb, options: KeyStoreOptions = {}): KeyStore {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const cooldownMs = options.unknownKidCooldownMs ?? 5_000;
  let cached: { rows: SigningKeyRow[]; at: number } | undefined;
  let loading: Promise<SigningKeyRow[]> | undefined;

  const load = (): Promise<SigningKeyRow[]> => {
    loading ??= liveKeys(db)
      .then((rows) => {
        cached = { rows, at: Date.now() };
        return rows;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };
  // The cache may be up to a minute old, so grace periods are judged at each use, not at load.
  const current = async () => {
    const rows = cached && Date.now() - cached.at < maxAgeMs ? cached.rows : await load();
    const now = new Date();
    return rows.filter((row) => verifies(row, now));
  };
  const atLeastOne = async () => {
    const rows = await current();
    if (rows.some((row) => row.retired_at === null)) return rows;
    await ensureActiveKey(db);
    return load();
  };
  return {
    activeSigningKey: async () => {
      const newest = (await atLeastOne()).find((row) => row.retired_at === null);
      if (!newest) throw new Error('no signing key after ensureActiveKey');
      const privateKey = await importOnce(`private:${newest.kid}`, newest.private_jwk);
      return { kid: newest.kid, privateKey, publicJwk: newest.public_jwk };
    },
    jwks: async () => ({ keys: (await atLeastOne()).map((row) => row.public_jwk) }),
    getKey: async (header) => {
      let row = (await current()).find((r) => r.kid === header.kid);
      if (!row && header.kid && cached && Date.now() - cached.at >= cooldownMs) {
        await load();
        row = (await current()).find((r) => r.kid === header.kid);
      }
      if (!row) throw new errors.JWKSNoMatchingKey();
      return importOnce(`public:${row.kid}`, row.public_jwk);
    },
    invalidate: () => {
      cached = undefined;
    },
  };
}

/**
 * Imported keys by kid, shared by every store in the process: a kid is a
 * random UUID whose key never changes, and importing is the costly part, so
 * even a store that lives for one request (over a mutation's transaction)
 * signs without importing again.
 */
const imported = new Map<string, Promise<CryptoKey>>();

function importOnce(id: string, jwk: JWK): Promise<CryptoKey> {
  let key = imported.get(id);
  if (!key) {
    key = importJWK(jwk, 'EdDSA') as Promise<CryptoKey>;
    key.catch(() => imported.delete(id));
    imported.set(id, key);
  }
  return key;
}

const stores = new WeakMap<PlatformDb, KeyStore>();

/**
 * The key store of a database handle. The app's handle (JWKS route, the
 * platform's own verifier, queries) keeps one for its lifetime; the kernel runs
 * each mutation on its own transaction, whose store reads the key list once.
 */
export function keyStoreFor(db: PlatformDb): KeyStore {
  let store = stores.get(db);
  if (!store) {
    store = createKeyStore(db);
    stores.set(db, store);
  }
  return store;
}
