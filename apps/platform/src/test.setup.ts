import { randomBytes } from 'node:crypto';
import { createSecretBox } from '@egov/kernel/secrets';
import { configureSecrets } from './mfa/secrets.ts';

// Secrets sealed in tests use a throwaway key, not a key file under the repository's .data.
configureSecrets(createSecretBox(randomBytes(32)));
