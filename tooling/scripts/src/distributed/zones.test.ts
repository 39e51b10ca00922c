import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedDistributed, launchDistributed } from './launch.ts';
import {
  buildZones,
  waitForPort,
  ZONE_NAMES,
  type ZoneName,
  type ZoneNetwork,
  zoneAddress,
  zoneRuleset,
  zoneSupport,
} from './zones.ts';

/*
 * Zones as network boundaries (issue 17 item 2, ADR 0012): the apps run in
 * their zone's network namespace behind a router whose nftables ruleset allows
 * only the paths of the design. Refusals are the network's (ICMP
 * "administratively prohibited", EHOSTUNREACH, counted on the router), not the
 * kernel's, and every refused port is shown to be open from its own zone.
 */

describe("the router's ruleset (ADR 0012)", () => {
  const rules = zoneRuleset({ octet: 77 }, { exchangePort: 7422, publicPorts: [4300, 4301] });
  const accepts = rules.split('\n').filter((l) => /\baccept\b/.test(l) && /iifname/.test(l));

  it('drops by default and refuses the rest with a counted administrative prohibition', () => {
    expect(rules).toMatch(/chain forward \{\n\s+type filter hook forward priority filter; policy drop;/);
    expect(rules).toMatch(
      /counter name "refused" reject with icmpx type admin-prohibited\n\s+\}\n\s+chain input/,
    );
  });

  it('lets nothing into the internal zone but replies, and the internal zone only to the exchange', () => {
    expect(accepts.filter((l) => /oifname "r-int"/.test(l))).toEqual([]);
    const fromInternal = accepts.filter((l) => /iifname "r-int"/.test(l));
    expect(fromInternal).toHaveLength(1);
    expect(fromInternal[0]).toMatch(
      /oifname "r-ext" ip daddr 10\.77\.2\.2 tcp dport 7422 ct state new accept/,
    );
  });

  it('lets the public edge reach only the external zone’s app ports, and no zone reach the public edge', () => {
    const fromPublic = accepts.filter((l) => /iifname "r-pub"/.test(l));
    expect(fromPublic).toHaveLength(1);
    expect(fromPublic[0]).toMatch(
      /oifname "r-ext" ip daddr 10\.77\.2\.2 tcp dport \{ 4300, 4301 \} ct state new accept/,
    );
    expect(accepts.filter((l) => /oifname "r-pub"/.test(l))).toEqual([]);
    expect(accepts.filter((l) => /iifname "r-ext"/.test(l))).toEqual([]);
    // With no external-zone app, the public edge reaches nothing at all.
    const none = zoneRuleset({ octet: 77 }, { exchangePort: 7422, publicPorts: [] });
    expect(none).not.toMatch(/iifname "r-pub"/);
  });

  it('refuses a port that is not one', () => {
    expect(() => zoneRuleset({ octet: 77 }, { exchangePort: 70_000, publicPorts: [] })).toThrow(
      /not a port: 70000/,
    );
  });
});

const support = zoneSupport();
const natsServer = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find(
  (p) => {
    try {
      execFileSync('test', ['-x', p]);
      return true;
    } catch {
      return false;
    }
  },
);
const unavailable = !support.ok ? support.reason : natsServer ? undefined : 'no nats-server binary';
if (unavailable && process.env.CI === 'true')
  it('builds the zones in CI', () => {
    throw new Error(`CI must be able to build the zones' network namespaces, but: ${unavailable}`);
  });
if (unavailable) console.warn(`zones on the wire: skipped here: ${unavailable}`);

const bridgeScript = fileURLToPath(new URL('./zone-bridge.mjs', import.meta.url));
const PG = 5432;
const NATS = 4222;
const NATS_MONITOR = 8222;
const LEAF = 7422;

describe.skipIf(unavailable !== undefined)(
  `zones on the wire: namespaces and a router, apps in their zone${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'egov-zones-'));
    const prefix = `egov_z${randomBytes(4).toString('hex')}_`;
    const basePort = 23_000 + Math.floor(Math.random() * 20_000);
    const own: ChildProcess[] = [];
    let zones: ZoneNetwork;
    let launched: LaunchedDistributed;
    let addr: Record<ZoneName, string>;
    const nats: NatsConnection[] = [];

    const started = (child: ChildProcess, what: string, ready: RegExp) =>
      new Promise<void>((resolve, reject) => {
        let out = '';
        const seen = (c: Buffer) => {
          out += c.toString();
          if (ready.test(out)) resolve();
        };
        child.stdout!.on('data', seen);
        child.stderr!.on('data', seen);
        child.once('exit', (code) => reject(new Error(`${what} exited ${code}: ${out.trim()}`)));
      });

    beforeAll(async () => {
      zones = await buildZones({ exchangePort: LEAF, publicPorts: [] });
      addr = Object.fromEntries(ZONE_NAMES.map((z) => [z, zoneAddress(zones.net, z)])) as Record<
        ZoneName,
        string
      >;

      // Each zone's database endpoint: the machine's PostgreSQL behind a Unix socket (a real
      // deployment runs a server per zone; the router treats the endpoint the same).
      const server = new URL(process.env.DATABASE_URL!);
      const socket = join(dir, 'pg.sock');
      const outside = spawn(
        process.execPath,
        [bridgeScript, `unix:${socket}`, `${server.hostname}:${server.port || PG}`],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      own.push(outside);
      await started(outside, 'the PostgreSQL bridge', /listening/);
      for (const zone of ['internal', 'external'] as const) {
        const inside = zones.spawn(zone, process.execPath, [
          bridgeScript,
          `${addr[zone]}:${PG}`,
          `unix:${socket}`,
        ]);
        await started(inside, `the ${zone} zone's PostgreSQL endpoint`, /listening/);
      }

      // NATS JetStream in each zone. The external one listens for leaf nodes on the exchange port;
      // the internal one connects out to it as a leaf node (ADR 0012), bound to an account that
      // shares only the exchange subjects with the apps' account.
      writeFileSync(
        join(dir, 'external.conf'),
        `listen: "${addr.external}:${NATS}"\nhttp: "${addr.external}:${NATS_MONITOR}"\n` +
          `jetstream { store_dir: "${join(dir, 'js-external')}", domain: external }\n` +
          `leafnodes { listen: "${addr.external}:${LEAF}" }\n`,
      );
      writeFileSync(
        join(dir, 'internal.conf'),
        `listen: "${addr.internal}:${NATS}"\n` +
          `jetstream { store_dir: "${join(dir, 'js-internal')}", domain: internal }\n` +
          'accounts {\n' +
          '  APPS { jetstream: enabled, users: [{ user: apps, password: apps }],\n' +
          '    exports: [{ stream: "egov.exchange.out.>" }],\n' +
          '    imports: [{ stream: { account: EXCHANGE, subject: "egov.exchange.in.>" } }] }\n' +
          '  EXCHANGE { users: [{ user: exchange, password: exchange }],\n' +
          '    exports: [{ stream: "egov.exchange.in.>" }],\n' +
          '    imports: [{ stream: { account: APPS, subject: "egov.exchange.out.>" } }] }\n' +
          '}\nno_auth_user: apps\n' +
          `leafnodes { remotes: [{ url: "nats-leaf://${addr.external}:${LEAF}", account: EXCHANGE }] }\n`,
      );
      for (const zone of ['external', 'internal'] as const) {
        const child = zones.spawn(zone, natsServer!, ['-c', join(dir, `${zone}.conf`)]);
        child.stderr!.on('data', () => undefined);
        await waitForPort(addr[zone], NATS);
      }

      launched = await launchDistributed({
        basePort,
        databasePrefix: prefix,
        only: ['golden-shield'],
        env: {
          ...process.env,
          NATS_URL: `nats://${addr.internal}:${NATS}`,
          EGOV_DATA_DIR: join(dir, 'data'),
          EGOV_SEED: 'false',
          EGOV_LOG_LEVEL: 'warn',
        },
        place: ({ zone }) => ({
          command: zones.command(zone),
          host: addr[zone],
          databaseUrl: (url) => {
            const u = new URL(url);
            u.hostname = addr[zone];
            u.port = String(PG);
            return u.href;
          },
          natsUrl: `nats://${addr[zone]}:${NATS}`,
        }),
      });
    });

    afterAll(async () => {
      for (const nc of nats) await nc.close().catch(() => undefined);
      await launched?.stop();
      for (const child of own) child.kill('SIGTERM');
      await zones?.destroy();
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      const { rows } = await client.query<{ datname: string }>(
        'select datname from pg_database where datname like $1',
        [`${prefix}%`],
      );
      for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
      await client.end();
      rmSync(dir, { recursive: true, force: true });
    });

    const port = (name: string) => Number(new URL(launched.apps.find((a) => a.name === name)!.url).port);

    it('runs each app in its zone’s namespace, registered at its zone address', () => {
      for (const app of launched.apps) expect(new URL(app.url).hostname).toBe(addr.internal);
      const ns = execFileSync('ip', ['netns', 'identify', String(launched.apps[1]!.process.pid)], {
        encoding: 'utf8',
      }).trim();
      expect(ns).toBe(zones.namespaces.internal);
    });

    it('lets an internal app reach its own zone: the apps, the database, NATS', async () => {
      expect(await zones.probe('internal', addr.internal, port('golden-shield'))).toBe('connected');
      expect(await zones.probe('internal', addr.internal, PG)).toBe('connected');
      expect(await zones.probe('internal', addr.internal, NATS)).toBe('connected');
    });

    it('refuses, in the network, every connection from the external zone or the public edge into the internal zone', async () => {
      const before = zones.refusedPackets();
      for (const from of ['external', 'public'] as const)
        for (const target of [port('golden-shield'), port('platform'), PG, NATS])
          expect(`${from} -> internal:${target} ${await zones.probe(from, addr.internal, target)}`).toBe(
            `${from} -> internal:${target} EHOSTUNREACH`,
          );
      expect(zones.refusedPackets()).toBeGreaterThanOrEqual(before + 8);
      // Nor the operator's segment (this machine): refused by the router, not by an absent listener (ECONNREFUSED).
      for (const from of ZONE_NAMES)
        expect(`${from} -> operator ${await zones.probe(from, zoneAddress(zones.net, 'operator'), PG)}`).toBe(
          `${from} -> operator EHOSTUNREACH`,
        );
    });

    it('refuses an internal app every external port but the exchange, and the public edge all of them (no external-zone app yet)', async () => {
      for (const target of [PG, NATS, NATS_MONITOR])
        expect(`internal -> external:${target} ${await zones.probe('internal', addr.external, target)}`).toBe(
          `internal -> external:${target} EHOSTUNREACH`,
        );
      for (const target of [PG, NATS, NATS_MONITOR, LEAF])
        expect(`public -> external:${target} ${await zones.probe('public', addr.external, target)}`).toBe(
          `public -> external:${target} EHOSTUNREACH`,
        );
      // Each of those is open from its own zone.
      for (const target of [PG, NATS, NATS_MONITOR, LEAF])
        expect(await zones.probe('external', addr.external, target)).toBe('connected');
    });

    it('moves the exchange subjects, and only those, over the one path the internal side opened', async () => {
      // The leaf connection on the exchange port, opened by the internal zone's NATS.
      let leafs: { ip: string }[] = [];
      for (let i = 0; i < 100 && leafs.length === 0; i++) {
        leafs = (
          (await (await fetch(`http://${addr.external}:${NATS_MONITOR}/leafz`)).json()) as {
            leafs: { ip: string }[];
          }
        ).leafs;
        if (leafs.length === 0) await new Promise((r) => setTimeout(r, 200));
      }
      expect(leafs.map((l) => l.ip)).toEqual([addr.internal]);

      const internal = await connect({ servers: `nats://${addr.internal}:${NATS}` });
      const external = await connect({ servers: `nats://${addr.external}:${NATS}` });
      nats.push(internal, external);
      const got = (nc: NatsConnection, subject: string) => {
        const seen: string[] = [];
        const sub = nc.subscribe(subject);
        (async () => {
          for await (const m of sub) seen.push(`${m.subject} ${m.string()}`);
        })();
        return seen;
      };
      const inside = got(internal, 'egov.>');
      const outside = got(external, 'egov.>');
      await internal.flush();
      await external.flush();

      // Outbound: the exchange subject crosses, the apps' own events never do.
      for (let i = 0; i < 100 && outside.length === 0; i++) {
        internal.publish('egov.events.golden-shield.person.died.v1', 'internal only');
        internal.publish('egov.exchange.out.notice', `notice ${i}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      // Inbound: a request queued in the external zone crosses in; other subjects do not.
      for (let i = 0; i < 100 && !inside.some((s) => s.startsWith('egov.exchange.in.')); i++) {
        external.publish('egov.events.golden-shield.person.died.v1', 'forged');
        external.publish('egov.exchange.in.identity-check', `request ${i}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 300));
      // Each side also sees what it published itself; what matters is what came from the other side.
      expect(outside.filter((s) => s.startsWith('egov.exchange.out.notice notice ')).length).toBeGreaterThan(
        0,
      );
      expect(outside.filter((s) => s.endsWith(' internal only'))).toEqual([]);
      expect(
        inside.filter((s) => s.startsWith('egov.exchange.in.identity-check request ')).length,
      ).toBeGreaterThan(0);
      expect(inside.filter((s) => s.endsWith(' forged'))).toEqual([]);
    });
  },
);
