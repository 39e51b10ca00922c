import { type CryptoKey, type JWK, importJWK } from 'jose';

/** A signed tree head: the log's size and root at a time, signed by the app's own key. */
export interface TreeHead {
  service: string;
  treeSize: number;
  rootHash: string; // hex
  issuedAt: string; // ISO
  keyId: string;
  signature: string; // base64
}

export interface AuditSigner {
  keyId: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** The exact bytes a tree head signature covers; versioned so the format can change safely. */
export function treeHeadMessage(h: Omit<TreeHead, 'signature' | 'keyId'>): Uint8Array {
  return new TextEncoder().encode(
    `egov-audit-tree-head:v1\n${h.service}\n${h.treeSize}\n${h.rootHash}\n${h.issuedAt}\n`,
  );
}

export async function signTreeHead(
  signer: AuditSigner,
  h: Omit<TreeHead, 'signature' | 'keyId'>,
): Promise<TreeHead> {
  const sig = await crypto.subtle.sign('Ed25519', signer.privateKey, treeHeadMessage(h));
  return { ...h, keyId: signer.keyId, signature: Buffer.from(sig).toString('base64') };
}

/** False (never a throw) for a bad signature, a malformed key or garbage. */
export async function verifyTreeHead(publicJwk: JWK, head: TreeHead): Promise<boolean> {
  try {
    const key = (await importJWK({ ...publicJwk, alg: 'EdDSA' }, 'EdDSA')) as CryptoKey;
    return await crypto.subtle.verify(
      'Ed25519',
      key,
      Buffer.from(head.signature, 'base64'),
      treeHeadMessage(head),
    );
  } catch {
    return false;
  }
}
