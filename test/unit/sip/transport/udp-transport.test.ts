import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransportSink } from '../../../../src/sip/transport/transport.js';
import { UdpTransport } from '../../../../src/sip/transport/udp-transport.js';

const opened: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.stop()));
});

async function peer(): Promise<{ port: number; next(): Promise<string> }> {
  const socket: Socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  opened.push({ stop: () => new Promise<void>((resolve) => socket.close(() => resolve())) });
  const port = socket.address().port;
  return {
    port,
    next: () => new Promise((resolve) => socket.once('message', (data) => resolve(data.toString()))),
  };
}

const ignore = (): void => {};
const SINK: TransportSink = { datagram: ignore, framed: ignore, framingError: ignore, sendError: ignore };

async function transport(): Promise<UdpTransport> {
  const udp = new UdpTransport([{ host: '127.0.0.1', port: 0 }], SINK);
  await udp.start();
  opened.push(udp);
  return udp;
}

describe('UDP transport sends (RFC 3261 §18.1.1)', () => {
  // That IP literals skip the deferred lookup is a cost, measured by bench/call-path, not observable here.
  it('delivers to an IP address', async () => {
    const udp = await transport();
    const far = await peer();
    const received = far.next();
    udp.send(Buffer.from('OPTIONS to an address'), {
      transport: 'udp',
      address: '127.0.0.1',
      port: far.port,
    });
    expect(await received).toBe('OPTIONS to an address');
  });

  it('still resolves a host name (a Contact or Route may name its host)', async () => {
    const udp = await transport();
    const far = await peer();
    const received = far.next();
    udp.send(Buffer.from('OPTIONS to a name'), { transport: 'udp', address: 'localhost', port: far.port });
    expect(await received).toBe('OPTIONS to a name');
  });
});
