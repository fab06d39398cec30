import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SipMessage } from '../../../../src/sip/message/types.js';
import { TcpTransport } from '../../../../src/sip/transport/tcp-transport.js';
import type { TransportSink } from '../../../../src/sip/transport/transport.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A TCP transport on a free port; `framed` resolves with the first message it frames. */
async function listening(): Promise<{ port: number; framed: Promise<SipMessage | Buffer> }> {
  const ignore = (): void => {};
  let onFramed: (item: SipMessage | Buffer) => void = ignore;
  const framed = new Promise<SipMessage | Buffer>((resolve) => {
    onFramed = resolve;
  });
  const sink: TransportSink = {
    datagram: ignore,
    framed: (item) => onFramed(item),
    framingError: ignore,
    sendError: ignore,
  };
  const tcp = new TcpTransport([{ host: '127.0.0.1', port: 0 }], sink);
  await tcp.start();
  cleanup.push(() => tcp.stop());
  return { port: tcp.local[0]?.port ?? 0, framed };
}

async function client(
  port: number,
): Promise<{ socket: Socket; received: () => string; next: () => Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  cleanup.push(() => void socket.destroy());
  let text = '';
  let waiter: (() => void) | undefined;
  socket.on('data', (d: Buffer) => {
    text += d.toString('latin1');
    waiter?.();
  });
  return {
    socket,
    received: () => text,
    next: () =>
      new Promise<void>((resolve) => {
        waiter = resolve;
      }),
  };
}

const OPTIONS =
  'OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-ka1\r\n' +
  'From: <sip:trunk@127.0.0.1>;tag=t1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: ka-1\r\nCSeq: 1 OPTIONS\r\n' +
  'Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n';

describe('TCP keep-alives (RFC 5626 §4.4.1)', () => {
  it('answers a double-CRLF ping with a single CRLF pong and keeps framing messages after it', async () => {
    const { port, framed } = await listening();
    const peer = await client(port);
    const pong = peer.next();
    peer.socket.write('\r\n\r\n');
    await pong;
    expect(peer.received()).toBe('\r\n');
    peer.socket.write(OPTIONS);
    const message = await framed;
    expect(Buffer.isBuffer(message) ? message.toString('latin1') : message.callId).toContain('ka-1');
    expect(peer.received()).toBe('\r\n');
  });
});
