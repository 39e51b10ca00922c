/**
 * One life of the payment crash test, run in a child process by
 * `pay-crash.test.ts`: golden-finance and golden-customs (the real apps) on
 * their own schemas, finance served over HTTP, customs calling it through the
 * kernel's network client. A life first lets customs' step recovery finish
 * what an earlier life left (it starts with the network client), then, when
 * told to, submits a declaration and pays it, SIGKILLing itself at the chosen
 * point of the payment:
 *
 * - `before-first-call`: the step is recorded at customs, nothing was sent;
 * - `after-first-receipt`: finance committed the first tax's receipt;
 * - `after-all-receipts`: finance committed every receipt, customs has not committed the payment.
 *
 * Configured by `PAY_CRASH_CONFIG` (a `PayCrashConfig` as JSON); writes a
 * journal that survives the kill.
 */
import { appendFileSync } from 'node:fs';
import { goldenCustoms } from '@egov/golden-customs';
import { registerImporter, SubmitDeclarationInput, submitDeclaration } from '@egov/golden-customs/services';
import { goldenFinance } from '@egov/golden-finance';
import { type AgencyApp, createAgencyApp, type ServingApp, serveAgencyApp } from '@egov/kernel/app';
import { createTokenVerifier } from '@egov/kernel/identity';
import { createLogger } from '@egov/kernel/log';
import { createNetwork } from '@egov/kernel/network';
import { testIdentity } from '@egov/kernel/testing';
import { issueCreditCode } from '@egov/standards';
import { sql } from 'kysely';
import type { PayCrashConfig } from './pay-crash.points.ts';

const config = JSON.parse(process.env.PAY_CRASH_CONFIG ?? 'null') as PayCrashConfig;
if (!config) throw new Error('PAY_CRASH_CONFIG is not set');
const journal = (kind: string, ...args: string[]) =>
  appendFileSync(config.journal, `${[kind, ...args].join(' ')}\n`);
const log = createLogger({ name: 'pay-crash', level: process.env.PAY_CRASH_LOG_LEVEL ?? 'silent' });

function die(point: string, id: string): never {
  journal('kill', point, id);
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

/** The kill points sit on the wire between customs and finance: finance has committed once it answered. */
let armed: { declarationId: string; receipts: number } | undefined;
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
  if (armed && config.kill === 'before-first-call' && path.endsWith('/treasury.expect'))
    die(config.kill, armed.declarationId);
  const res = await realFetch(input, init);
  if (armed && path.endsWith('/treasury.receive') && res.ok) {
    armed.receipts += 1;
    journal('receipt', armed.declarationId, String(armed.receipts));
    if (config.kill === 'after-first-receipt' && armed.receipts === 1) die(config.kill, armed.declarationId);
    if (config.kill === 'after-all-receipts' && armed.receipts === 3) die(config.kill, armed.declarationId);
  }
  return res;
};

const identity = await testIdentity('pay-crash');
const verifierFor = (audience: string) =>
  createTokenVerifier({ keys: { jwks: { keys: [identity.key.publicJwk] } }, audience });

const finance: AgencyApp<any> = await createAgencyApp(goldenFinance, {
  database: config.databases.finance,
  verifyToken: verifierFor('golden-finance'),
  logger: log,
  auditIntervalMs: 200,
});
const financeServing: ServingApp = await serveAgencyApp(finance, { port: 0 });
const customs: AgencyApp<any> = await createAgencyApp(goldenCustoms, {
  database: config.databases.customs,
  verifyToken: verifierFor('golden-customs'),
  logger: log,
  auditIntervalMs: 200,
  // The test's patience: resumptions are looked for every 200 ms, retried after 200 ms.
  steps: { pollMs: 200, backoff: () => 200 },
});
journal('ready');
// As a host does: the network client last; customs' step recovery starts with it.
customs.attachNetwork(
  createNetwork({
    self: { name: 'golden-customs', zone: 'internal' },
    registry: {
      register: async () => {},
      resolve: async (name) => ({ name, zone: 'internal', baseUrl: financeServing.url, version: 'test' }),
      forget: () => {},
    },
    tokens: {
      get: (audience) =>
        identity.serviceToken({
          app: 'golden-customs',
          permissions: ['golden-finance.treasury.expect', 'golden-finance.treasury.receive'],
          audience,
        }),
    },
    retryBaseMs: 20,
  }),
);

const pendingSteps = async () =>
  Number(
    (
      await sql<{
        n: string;
      }>`select count(*) as n from ${sql.table(`${customs.database.schema}.pending_step`)}
        where status = 'pending'`.execute(customs.database.db)
    ).rows[0]?.n,
  );
const deadline = Date.now() + 60_000;
while ((await pendingSteps()) > 0) {
  if (Date.now() > deadline) {
    journal('stuck');
    process.exit(3);
  }
  await new Promise((r) => setTimeout(r, 50));
}
journal('recovered');

if (config.kill) {
  const importer = issueCreditCode({
    division: '310115',
    organisationBody: `P${String(config.index).padStart(7, '0')}`,
  });
  const recorder = { by: 'official:customs-officer', at: new Date() };
  await registerImporter(
    customs.database.db,
    { creditCode: importer, name: '崩溃测试进口企业', aeoClass: null },
    recorder,
  );
  const declaration = await submitDeclaration(
    customs.database.db,
    SubmitDeclarationInput.parse({
      importerCreditCode: importer,
      lines: [
        {
          commodityCode: '8903320000',
          description: '游艇 长12米',
          quantity: '1',
          unit: 'vessel',
          value: '100000.00',
          currency: 'CNY',
          incoterm: 'CIF',
        },
      ],
    }),
    recorder,
  );
  journal('declaration', declaration.id, declaration.declarationNo, config.kill);
  const token = await identity.officialToken({
    permissions: ['golden-customs.declaration.pay'],
    username: 'customs-officer',
  });
  armed = { declarationId: declaration.id, receipts: 0 };
  const res = await customs.hono.request('/trpc/declarations.pay', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ declarationId: declaration.id }),
  });
  // Not reached: the life dies inside the payment.
  journal('answered', declaration.id, String(res.status));
  process.exit(4);
}

// Let the audit sequencers fold what this life wrote, then stop cleanly.
await new Promise((r) => setTimeout(r, 500));
await financeServing.stop();
await customs.close();
journal('exit');
process.exit(0);
