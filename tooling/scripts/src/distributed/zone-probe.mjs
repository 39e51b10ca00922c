// Opens one TCP connection to <host> <port> from the namespace it runs in and prints
// 'connected' or the error's code (EHOSTUNREACH when the zones' router refuses it,
// ECONNREFUSED when nothing listens, ETIMEDOUT after 3 s). Plain JavaScript: it runs
// under `ip netns exec` without a TypeScript loader.
import { connect } from 'node:net';

const [host, port] = process.argv.slice(2);
const socket = connect({ host, port: Number(port) });
const done = (result) => {
  socket.destroy();
  process.stdout.write(`${result}\n`);
  process.exit(0);
};
socket.setTimeout(3_000, () => done('ETIMEDOUT'));
socket.once('connect', () => done('connected'));
socket.once('error', (error) => done(error.code ?? error.message));
