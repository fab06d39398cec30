import { createSocket, type Socket } from 'node:dgram';
import { decodeRtp, encodeRtp, type RtpPacket } from '../../../../src/media/index.js';

/** A fake far end on loopback: sends RTP, records what it receives and from where. */
export class RtpPeer {
  readonly received: { packet: RtpPacket; fromPort: number }[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('message', (data, from) => {
      this.received.push({ packet: decodeRtp(Buffer.from(data)), fromPort: from.port });
      const ready = this.waiters.filter((w) => this.received.length >= w.count);
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve();
    });
  }

  static async open(): Promise<RtpPeer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new RtpPeer(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Resolves once `count` packets in all have arrived. */
  waitFor(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  send(port: number, packet: Partial<RtpPacket> & { payload: Buffer }): Promise<void> {
    const full: RtpPacket = {
      payloadType: 8,
      sequenceNumber: 1,
      timestamp: 0,
      ssrc: 0x1234,
      marker: false,
      ...packet,
    };
    return new Promise((resolve, reject) =>
      this.socket.send(encodeRtp(full), port, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
    );
  }

  close(): void {
    this.socket.close();
  }
}

/** RFC 4733 §2.3 payload: event, E bit + volume 10, duration. */
export function telephoneEvent(event: number, end: boolean, duration: number): Buffer {
  const payload = Buffer.alloc(4);
  payload.writeUInt8(event, 0);
  payload.writeUInt8((end ? 0x80 : 0) | 10, 1);
  payload.writeUInt16BE(duration, 2);
  return payload;
}
