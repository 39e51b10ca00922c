// Forwards every connection made to <listen> to <target>, each `host:port` or
// `unix:/path`: a zone's endpoint for a server that runs outside the zones (the
// machine's PostgreSQL), over a Unix socket, which crosses network namespaces
// because it lives in the file system. Plain JavaScript: it runs under
// `ip netns exec` without a TypeScript loader. Prints 'listening' once it listens.
import { rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';

const address = (text) =>
  text.startsWith('unix:')
    ? { path: text.slice(5) }
    : { host: text.slice(0, text.lastIndexOf(':')), port: Number(text.slice(text.lastIndexOf(':') + 1)) };
const [listen, target] = process.argv.slice(2).map(address);
if (listen.path) rmSync(listen.path, { force: true });
const server = createServer((inbound) => {
  const outbound = connect(target);
  inbound.pipe(outbound).pipe(inbound);
  inbound.on('error', () => outbound.destroy());
  outbound.on('error', () => inbound.destroy());
});
server.listen(listen, () => process.stdout.write('listening\n'));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
