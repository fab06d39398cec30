import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tcpOptions, tcpUnderTest } from './tcp-under-test.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A raw TCP client on `port`: all it received so far, and a wait for its next data. */
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

const OPTIONS = tcpOptions('ka-1', '127.0.0.1:5999');

describe('TCP keep-alives (RFC 5626 §4.4.1)', () => {
  it('answers a double-CRLF ping with a single CRLF pong and keeps framing messages after it', async () => {
    const { port, framed } = await tcpUnderTest((stop) => cleanup.push(stop));
    const peer = await client(port);
    const pong = peer.next();
    peer.socket.write('\r\n\r\n');
    await pong;
    expect(peer.received()).toBe('\r\n');
    peer.socket.write(OPTIONS);
    const { item: message } = await framed;
    expect(Buffer.isBuffer(message) ? message.toString('latin1') : message.callId).toContain('ka-1');
    expect(peer.received()).toBe('\r\n');
  });
});
