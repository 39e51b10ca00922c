import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.ts';
import { waitForServices, where } from './wait-for-services.ts';

const log = createLogger({ name: 'wait-test', level: 'silent' });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('waitForServices', () => {
  it('names a database by host and database, never its password', () => {
    expect(where('postgres://app:s3cret@db.internal:5432/egov_golden_tax')).toBe(
      'db.internal:5432/egov_golden_tax',
    );
    expect(where('not a url')).toBe('(not a URL)');
  });

  it('serves /healthz 200 and /readyz 503 with the reasons while it waits, then frees the port and returns', async () => {
    const port = await freePort();
    let tries = 0;
    let natsUp = false;
    const waiting = waitForServices<[string, number]>(
      [
        {
          what: 'NATS at n:4222',
          attempt: async () => {
            if (!natsUp) throw new Error('connect ECONNREFUSED');
            return 'transport';
          },
        },
        {
          what: 'the database at db:5432/x',
          attempt: async () => {
            tries += 1;
            if (tries < 3) throw new Error(`no answer (${tries})`);
            return 42;
          },
        },
      ],
      { appName: 'golden-tax', port, hostname: '127.0.0.1', log, retryMs: 20, maxRetryMs: 40 },
    );
    const url = `http://127.0.0.1:${port}`;
    let body: any;
    for (let i = 0; i < 100 && !body; i++) {
      body = await fetch(`${url}/readyz`)
        .then(async (r) => (r.status === 503 ? r.json() : undefined))
        .catch(() => undefined);
      if (!body) await new Promise((r) => setTimeout(r, 10));
    }
    expect(body.status).toBe('waiting');
    expect(body.app).toBe('golden-tax');
    expect(body.waitingFor[0]).toBe('NATS at n:4222 unreachable: connect ECONNREFUSED');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/trpc/anything`)).status).toBe(503);
    // The database comes after a few tries; NATS is still missing, so it waits on.
    await new Promise((r) => setTimeout(r, 200));
    expect(tries).toBe(3);
    const later = (await (await fetch(`${url}/readyz`)).json()) as { waitingFor: string[] };
    expect(later.waitingFor).toEqual(['NATS at n:4222 unreachable: connect ECONNREFUSED']);
    natsUp = true;
    expect(await waiting).toEqual(['transport', 42]);
    // The port is free again for the app's own server.
    await new Promise<void>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => s.close(() => resolve()));
    });
  });

  it('returns at once when everything answers, without taking the port', async () => {
    const port = await freePort();
    expect(
      await waitForServices<[number]>([{ what: 'x', attempt: async () => 1 }], {
        appName: 'a',
        port,
        hostname: '127.0.0.1',
        log,
      }),
    ).toEqual([1]);
  });
});
