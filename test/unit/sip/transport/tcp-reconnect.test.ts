import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Endpoint, SipMessage } from '../../../../src/sip/message/types.js';
import { TcpTransport } from '../../../../src/sip/transport/tcp-transport.js';
import type { TransportSink } from '../../../../src/sip/transport/transport.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const ignore = (): void => {};

/** Our TCP transport on a free port; `framed` resolves with the first message and where it came from. */
async function engineSide(): Promise<{ tcp: TcpTransport; port: number; framed: Promise<Endpoint> }> {
  let onFramed: (source: Endpoint) => void = ignore;
  const framed = new Promise<Endpoint>((resolve) => {
    onFramed = resolve;
  });
  const sink: TransportSink = {
    datagram: ignore,
    framed: (_item: SipMessage | Buffer, source: Endpoint) => onFramed(source),
    framingError: ignore,
    sendError: ignore,
  };
  const tcp = new TcpTransport([{ host: '127.0.0.1', port: 0 }], sink);
  await tcp.start();
  cleanup.push(() => tcp.stop());
  return { tcp, port: tcp.local[0]?.port ?? 0, framed };
}

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

const REQUEST =
  'OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-rc1\r\n' +
  'From: <sip:trunk@127.0.0.1>;tag=t1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: rc-1\r\nCSeq: 1 OPTIONS\r\n' +
  'Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n';

describe('TCP responses after the request connection closed (RFC 3261 §18.2.2)', () => {
  it('opens a new connection to the sent-by port, not to the closed connection source port', async () => {
    const engine = await engineSide();
    const peer = await peerListener();
    const client: Socket = connect(engine.port, '127.0.0.1');
    await new Promise<void>((resolve) => client.once('connect', resolve));
    client.write(REQUEST);
    const source = await engine.framed;
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.destroy();
    await closed;
    // Wait until our side saw the close too, so the send below cannot use the old connection.
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && engine.tcp['connectionTo'](source))
      await new Promise((r) => setImmediate(r));
    engine.tcp.send(Buffer.from('SIP/2.0 200 OK\r\n\r\n'), {
      ...source,
      reconnect: { transport: 'tcp', address: '127.0.0.1', port: peer.port },
    });
    expect(await peer.received).toBe('SIP/2.0 200 OK\r\n\r\n');
  });
});
