import { BlockList, isIP } from 'node:net';

/** `::ffff:10.1.2.3` (an IPv4 client on a dual-stack socket) is `10.1.2.3`. */
export function normaliseIp(value: string): string | undefined {
  const trimmed = value.trim();
  const plain = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed)?.[1] ?? trimmed;
  return isIP(plain) ? plain.toLowerCase() : undefined;
}

/**
 * A set of addresses from `10.0.0.0/8,::1,192.0.2.7`; a malformed entry
 * throws, naming the setting it came from.
 */
export function parseAddressList(entries: string[], setting: string): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const ip = normaliseIp(address);
    const family = ip && isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    const bits = prefix === undefined ? (family === 'ipv6' ? 128 : 32) : Number(prefix);
    const maxBits = family === 'ipv6' ? 128 : 32;
    if (
      !ip ||
      !Number.isInteger(bits) ||
      bits < 0 ||
      bits > maxBits ||
      (prefix !== undefined && !/^\d+$/.test(prefix))
    )
      throw new Error(`${setting}: "${entry}" is not an IP address or CIDR range`);
    list.addSubnet(ip, bits, family);
  }
  return list;
}

export function inList(list: BlockList, ip: string): boolean {
  return list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address for the record and the rate limits: the socket's,
 * unless the socket is a trusted proxy; then `X-Forwarded-For` is read from
 * the right, skipping trusted proxies, and the first other hop is the
 * client. A hop that is not an IP ends the walk at the last proxy that was
 * trusted, so a client can never write its own source address.
 *
 * @example
 * const resolve = addressResolver(['10.0.0.0/8']);
 * resolve('10.0.0.5', '203.0.113.9, 10.0.0.7'); // '203.0.113.9'
 * resolve('198.51.100.4', '1.2.3.4');            // '198.51.100.4': not a trusted proxy
 */
export function addressResolver(trustedProxies: string[]) {
  const trusted = parseAddressList(trustedProxies, 'EGOV_TRUSTED_PROXIES');
  const none = trustedProxies.length === 0;
  return (socket: string | undefined, forwardedFor: string | undefined): string | undefined => {
    let client = socket ? normaliseIp(socket) : undefined;
    if (!client || none || !forwardedFor) return client;
    const hops = forwardedFor.split(',');
    while (client && inList(trusted, client) && hops.length > 0) {
      const next = normaliseIp(hops.pop() ?? '');
      if (!next) break;
      client = next;
    }
    return client;
  };
}

/** The socket's remote address under `@hono/node-server` (absent in `app.request()` tests). */
export function socketAddress(env: unknown): string | undefined {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}
