/**
 * Secrets at rest: small values sealed with SM4 and HMAC-SM3 under a master
 * key from the environment or a key file.
 */
export { createSecretBox, type SecretBox } from './secret-box.ts';
export { secretsMasterKey } from './master-key.ts';
