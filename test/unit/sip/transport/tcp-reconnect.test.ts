import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { wireText } from '../../../../src/sip/message/index.js';
import { tcpOptions, tcpUnderTest } from './tcp-under-test.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const ignore = (): void => {};

/** The peer's listening side (its Via sent-by): resolves with the first bytes a new connection brings. */
async function peerListener(): Promise<{ port: number; received: Promise<string> }> {
  let onData: (text: string) => void = ignore;
  const received = new Promise<string>((resolve) => {
    onData = resolve;
  });
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (d: Buffer) => onData(d.toString()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, received };
}

const REQUEST = tcpOptions('rc-1', '127.0.0.1');

describe('TCP responses after the request connection closed (RFC 3261 §18.2.2)', () => {
  it('opens a new connection to the sent-by port, not to the closed connection source port', async () => {
    const engine = await tcpUnderTest((stop) => cleanup.push(stop));
    const peer = await peerListener();
    const client: Socket = connect(engine.port, '127.0.0.1');
    await new Promise<void>((resolve) => client.once('connect', resolve));
    client.write(REQUEST);
    const { source } = await engine.framed;
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.destroy();
    await closed;
    // Wait until our side saw the close too, so the send below cannot use the old connection.
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && engine.tcp['connectionTo'](source))
      await new Promise((r) => setImmediate(r));
    engine.tcp.send(wireText(Buffer.from('SIP/2.0 200 OK\r\n\r\n')), {
      ...source,
      reconnect: { transport: 'tcp', address: '127.0.0.1', port: peer.port },
    });
    expect(await peer.received).toBe('SIP/2.0 200 OK\r\n\r\n');
  });
});
