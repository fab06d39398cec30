import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_STRIDE, loadVmsRtp, PacketBatch } from '../../../../src/media/index.js';
import { pauseReceiving, resumeReceiving, socketFd } from '../../../../src/media/ports/dgram-handle.js';

const open: Socket[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function bound(): Promise<Socket> {
  // Room for a whole batch in the receive buffer: the kernel drops what does not fit.
  const socket = createSocket({ type: 'udp4', recvBufferSize: 1 << 20 });
  open.push(socket);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/** A sender connected to a receiver that records what it gets. */
async function connectedPair(): Promise<{
  sender: Socket;
  received: Buffer[];
  arrived: (n: number) => Promise<void>;
}> {
  const receiver = await bound();
  const sender = await bound();
  await new Promise<void>((resolve) => sender.connect(receiver.address().port, '127.0.0.1', resolve));
  const received: Buffer[] = [];
  const waiters: (() => void)[] = [];
  receiver.on('message', (data) => {
    received.push(data);
    for (const wake of waiters.splice(0)) wake();
  });
  const arrived = async (n: number): Promise<void> => {
    while (received.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { sender, received, arrived };
}

describe('PacketBatch (native sendBatch)', () => {
  it('sends what one task queued when the task ends, in order, each on its own socket', async () => {
    const batch = new PacketBatch(loadVmsRtp());
    const one = await connectedPair();
    const two = await connectedPair();
    const packet = Buffer.alloc(172);
    for (let i = 0; i < 3; i++) {
      packet[0] = i;
      expect(batch.add(socketFd(one.sender), packet, 172)).toBe(true);
    }
    packet[0] = 9;
    batch.add(socketFd(two.sender), packet, 100);
    expect(one.received).toHaveLength(0);
    await Promise.all([one.arrived(3), two.arrived(1)]);
    expect(one.received.map((p) => p[0])).toEqual([0, 1, 2]);
    expect(two.received[0]).toHaveLength(100);
    expect(two.received[0]?.[0]).toBe(9);
  });

  it('drops what was queued for a socket that closes before the flush, and refuses a packet over the stride', async () => {
    const batch = new PacketBatch(loadVmsRtp());
    const gone = await connectedPair();
    const kept = await connectedPair();
    batch.add(socketFd(gone.sender), Buffer.alloc(20, 1), 20);
    batch.forget(socketFd(gone.sender));
    batch.add(socketFd(kept.sender), Buffer.alloc(20, 2), 20);
    expect(batch.add(socketFd(kept.sender), Buffer.alloc(BATCH_STRIDE + 1), BATCH_STRIDE + 1)).toBe(false);
    expect(batch.flush()).toBe(1);
    await kept.arrived(1);
    expect(gone.received).toHaveLength(0);
  });

  it('grows past its first capacity without losing a packet', async () => {
    const batch = new PacketBatch(loadVmsRtp());
    const pair = await connectedPair();
    const fd = socketFd(pair.sender);
    for (let i = 0; i < 300; i++) batch.add(fd, Buffer.from([i & 0xff, i >> 8]), 2);
    expect(batch.flush()).toBe(300);
    await pair.arrived(300);
    expect(pair.received.map((p) => p[0]! | (p[1]! << 8))).toEqual([...Array(300).keys()]);
  });
});

describe('dgram-handle', () => {
  it('pauses and resumes reading a socket in the event loop', async () => {
    const { sender, received, arrived } = await connectedPair();
    const receiver = open[0] as Socket;
    pauseReceiving(receiver);
    // On loopback a datagram is in the receiver's buffer once send completes; two loop turns later (a
    // poll phase between) a socket still read by the event loop would have delivered it.
    await new Promise<void>((resolve, reject) =>
      sender.send(Buffer.from('while paused'), (err) => (err ? reject(err) : resolve())),
    );
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(received).toHaveLength(0);
    resumeReceiving(receiver);
    await arrived(1);
    expect(received[0]?.toString()).toBe('while paused');
  });

  it('refuses the fd of a closed socket with MEDIA_SESSION_CLOSED', async () => {
    const socket = await bound();
    socket.close();
    open.splice(open.indexOf(socket), 1);
    expect(() => socketFd(socket)).toThrow(expect.objectContaining({ code: 'MEDIA_SESSION_CLOSED' }));
  });
});
