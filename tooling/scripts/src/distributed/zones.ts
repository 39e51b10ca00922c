import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect as tcpConnect } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * The zones as network boundaries on one Linux machine (issue 17 item 2, ADR
 * 0012): a network namespace per zone (internal, external, public), each
 * joined by one veth link to a router namespace, and nothing else. The router
 * forwards what its nftables ruleset allows and refuses everything else with
 * an ICMP "administratively prohibited", counted:
 *
 * - internal -> external: only the external zone's exchange endpoint (its
 *   NATS JetStream), opened from the internal side: the one cross-zone path;
 * - public -> external: only the external zone's app ports (the portal-facing
 *   apps; the kernel then admits only procedures marked public);
 * - external -> internal, public -> internal, internal -> public, external ->
 *   public: nothing, on any port;
 * - the operator segment (the machine's own namespace: the launcher's health
 *   checks, the tests) reaches every zone, and no zone reaches it.
 *
 * Needs root (CAP_NET_ADMIN), `ip` (iproute2) and `nft` (nftables).
 */
export type ZoneName = 'internal' | 'external' | 'public';
export const ZONE_NAMES: readonly ZoneName[] = ['internal', 'external', 'public'];

const SEGMENT: Record<ZoneName | 'operator', { index: number; tag: string }> = {
  internal: { index: 1, tag: 'i' },
  external: { index: 2, tag: 'e' },
  public: { index: 3, tag: 'p' },
  operator: { index: 9, tag: 'o' },
};

/** The addresses of one build: 10.<octet>.<segment>.0/24, the router .1 on every segment, the host .2. */
export interface ZoneAddressing {
  octet: number;
}

/** The router's address on a segment (the zone's default gateway). */
export function routerAddress(net: ZoneAddressing, segment: ZoneName | 'operator'): string {
  return `10.${net.octet}.${SEGMENT[segment].index}.1`;
}

/** The address of a zone's host (its apps, its data endpoints), or of the operator's end. */
export function zoneAddress(net: ZoneAddressing, segment: ZoneName | 'operator'): string {
  return `10.${net.octet}.${SEGMENT[segment].index}.2`;
}

/** The router's interface towards a segment. */
function routerLink(segment: ZoneName | 'operator'): string {
  return `r-${segment.slice(0, 3)}`;
}

/** What the router lets through besides replies: ADR 0012. */
export interface ZonePolicy {
  /** The external zone's exchange endpoint (its NATS JetStream) the internal zone may open. */
  exchangePort: number;
  /** The external zone's app ports the public edge may open (from the manifests of external-zone apps). */
  publicPorts: number[];
}

function portList(ports: number[]): string {
  for (const p of ports) if (!Number.isInteger(p) || p < 1 || p > 65_535) throw new Error(`not a port: ${p}`);
  return ports.length === 1
    ? String(ports[0])
    : `{ ${[...new Set(ports)].sort((a, b) => a - b).join(', ')} }`;
}

/**
 * The router's nftables ruleset for ADR 0012's paths, as `nft -f` reads it.
 * Default drop; what is not allowed is rejected with "administratively
 * prohibited" (so a refused connection fails at once, and says it was the
 * network) and counted in the counter `refused`.
 *
 * @example
 * zoneRuleset({ octet: 77 }, { exchangePort: 4222, publicPorts: [] }) // 'table inet egov_zones { … }'
 */
export function zoneRuleset(net: ZoneAddressing, policy: ZonePolicy): string {
  const external = zoneAddress(net, 'external');
  const lines = [
    'table inet egov_zones {',
    '  counter refused {',
    '  }',
    '  chain forward {',
    '    type filter hook forward priority filter; policy drop;',
    '    ct state established,related accept',
    '    ct state invalid drop',
    `    iifname "${routerLink('operator')}" accept comment "operator: health checks and tests reach every zone"`,
    `    iifname "${routerLink('internal')}" oifname "${routerLink('external')}" ip daddr ${external} tcp dport ${portList([policy.exchangePort])} ct state new accept comment "the one cross-zone path: opened from the internal side only"`,
  ];
  if (policy.publicPorts.length > 0)
    lines.push(
      `    iifname "${routerLink('public')}" oifname "${routerLink('external')}" ip daddr ${external} tcp dport ${portList(policy.publicPorts)} ct state new accept comment "the public edge to the external zone's apps"`,
    );
  lines.push(
    '    counter name "refused" reject with icmpx type admin-prohibited',
    '  }',
    '  chain input {',
    '    type filter hook input priority filter; policy drop;',
    '    ct state established,related accept',
    '    counter name "refused" reject with icmpx type admin-prohibited',
    '  }',
    '}',
    '',
  );
  return lines.join('\n');
}

function tool(name: string): string | undefined {
  for (const dir of ['/usr/sbin', '/sbin', '/usr/bin', '/bin']) {
    try {
      execFileSync('test', ['-x', `${dir}/${name}`]);
      return `${dir}/${name}`;
    } catch {
      // not there
    }
  }
  return undefined;
}

/**
 * Whether this machine can build the zones (Linux, root, `ip`, `nft`, network
 * namespaces), and if not, why: the reason a test names when it skips.
 */
export function zoneSupport(): { ok: true } | { ok: false; reason: string } {
  if (process.platform !== 'linux')
    return { ok: false, reason: `network namespaces are Linux's (this is ${process.platform})` };
  if (process.getuid?.() !== 0)
    return { ok: false, reason: 'building network namespaces needs root (CAP_NET_ADMIN)' };
  const ip = tool('ip');
  if (!ip) return { ok: false, reason: 'no `ip` command (apt-get install iproute2)' };
  if (!tool('nft')) return { ok: false, reason: 'no `nft` command (apt-get install nftables)' };
  const probe = `egzchk${randomBytes(3).toString('hex')}`;
  try {
    execFileSync(ip, ['netns', 'add', probe], { stdio: 'pipe' });
    execFileSync(ip, ['netns', 'del', probe], { stdio: 'pipe' });
  } catch (error) {
    return {
      ok: false,
      reason: `\`ip netns add\` failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`,
    };
  }
  return { ok: true };
}

export interface ZoneNetwork {
  net: ZoneAddressing;
  /** The namespace of each zone, and the router's. */
  namespaces: Record<ZoneName | 'router', string>;
  /** The command prefix that runs a program in a zone (`ip netns exec <ns>`). */
  command(zone: ZoneName): string[];
  /** Starts a long-running program in a zone; stopped by `destroy`. */
  spawn(zone: ZoneName, program: string, args: string[], env?: NodeJS.ProcessEnv): ChildProcess;
  /** Runs `program` in a zone to completion; its standard output. */
  run(zone: ZoneName, program: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string>;
  /** Tries to open a TCP connection from a zone: 'connected', or the error code (EHOSTUNREACH when the router refuses). */
  probe(zone: ZoneName, host: string, port: number): Promise<string>;
  /** Packets the router refused so far. */
  refusedPackets(): number;
  /** The ruleset loaded on the router. */
  ruleset: string;
  destroy(): Promise<void>;
}

function ip(args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}

const probeScript = fileURLToPath(new URL('./zone-probe.mjs', import.meta.url));

/**
 * Builds the three zone namespaces and the router, loads the ruleset, and
 * connects this process's namespace as the operator segment. Every name
 * carries a random id, so parallel builds do not meet; `destroy` removes it all.
 */
export async function buildZones(policy: ZonePolicy): Promise<ZoneNetwork> {
  const id = randomBytes(3).toString('hex');
  const used = execFileSync('ip', ['-4', 'route', 'show'], { encoding: 'utf8' });
  let octet = 100 + Math.floor(Math.random() * 150);
  while (used.includes(`10.${octet}.`)) octet = 100 + Math.floor(Math.random() * 150);
  const net = { octet };
  const namespaces = {
    router: `egz${id}r`,
    internal: `egz${id}i`,
    external: `egz${id}e`,
    public: `egz${id}p`,
  };
  const operatorLink = `egz${id}o`;
  const children = new Set<ChildProcess>();
  const ruleset = zoneRuleset(net, policy);

  const destroy = async () => {
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    for (const ns of Object.values(namespaces)) {
      try {
        ip(['netns', 'del', ns]);
      } catch {
        // never made
      }
    }
    try {
      ip(['link', 'del', operatorLink]);
    } catch {
      // went with the router's namespace
    }
  };

  try {
    for (const ns of Object.values(namespaces)) {
      ip(['netns', 'add', ns]);
      ip(['-n', ns, 'link', 'set', 'lo', 'up']);
    }
    const r = namespaces.router;
    for (const zone of ZONE_NAMES) {
      ip([
        '-n',
        r,
        'link',
        'add',
        routerLink(zone),
        'type',
        'veth',
        'peer',
        'name',
        'zone0',
        'netns',
        namespaces[zone],
      ]);
      ip(['-n', r, 'addr', 'add', `${routerAddress(net, zone)}/24`, 'dev', routerLink(zone)]);
      ip(['-n', r, 'link', 'set', routerLink(zone), 'up']);
      ip(['-n', namespaces[zone], 'addr', 'add', `${zoneAddress(net, zone)}/24`, 'dev', 'zone0']);
      ip(['-n', namespaces[zone], 'link', 'set', 'zone0', 'up']);
      ip(['-n', namespaces[zone], 'route', 'add', 'default', 'via', routerAddress(net, zone)]);
    }
    ip(['link', 'add', operatorLink, 'type', 'veth', 'peer', 'name', routerLink('operator'), 'netns', r]);
    ip(['-n', r, 'addr', 'add', `${routerAddress(net, 'operator')}/24`, 'dev', routerLink('operator')]);
    ip(['-n', r, 'link', 'set', routerLink('operator'), 'up']);
    ip(['addr', 'add', `${zoneAddress(net, 'operator')}/24`, 'dev', operatorLink]);
    ip(['link', 'set', operatorLink, 'up']);
    ip(['route', 'add', `10.${octet}.0.0/16`, 'via', routerAddress(net, 'operator')]);
    // Without procps' sysctl, which a slim image may lack: the namespace's own /proc/sys.
    execFileSync('ip', ['netns', 'exec', r, 'sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward'], {
      stdio: 'pipe',
    });
    execFileSync('ip', ['netns', 'exec', r, 'nft', '-f', '-'], {
      input: ruleset,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    await destroy();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`could not build the zones: ${stderr || (error as Error).message}`);
  }

  const command = (zone: ZoneName) => ['ip', 'netns', 'exec', namespaces[zone]];
  const spawnIn = (zone: ZoneName, program: string, args: string[], env?: NodeJS.ProcessEnv) => {
    const child = spawn('ip', ['netns', 'exec', namespaces[zone], program, ...args], {
      env: env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    return child;
  };
  const run = (zone: ZoneName, program: string, args: string[], env?: NodeJS.ProcessEnv) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn('ip', ['netns', 'exec', namespaces[zone], program, ...args], {
        env: env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0
          ? resolve(out)
          : reject(new Error(`${program} in the ${zone} zone exited ${code}: ${err.trim()}`)),
      );
    });
  return {
    net,
    namespaces,
    ruleset,
    command,
    spawn: spawnIn,
    run,
    probe: async (zone, host, port) =>
      (await run(zone, process.execPath, [probeScript, host, String(port)])).trim(),
    refusedPackets: () => {
      const listed = execFileSync(
        'ip',
        ['netns', 'exec', namespaces.router, 'nft', 'list', 'counter', 'inet', 'egov_zones', 'refused'],
        {
          encoding: 'utf8',
        },
      );
      return Number(/packets (\d+)/.exec(listed)?.[1] ?? Number.NaN);
    },
    destroy,
  };
}

/** Waits until a TCP port answers from this (the operator's) namespace. */
export async function waitForPort(host: string, port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect({ host, port, timeout: 1_000 });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing answers on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
