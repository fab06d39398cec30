import { randomInt } from 'node:crypto';
import { ALAW_FRAME_BYTES, FRAME_MS } from '../rtp/alaw-frames.js';
import { RTP_HEADER_BYTES, RTP_VERSION } from '../rtp/rtp-packet.js';

/**
 * A few packet buffers per stream, used in turn: dgram may queue a send and read the buffer later, so one
 * buffer could be overwritten before it leaves; four 20 ms ticks is far longer than any local send queue.
 */
const SLOTS = 4;
export const PACKET_BYTES = RTP_HEADER_BYTES + ALAW_FRAME_BYTES;

/**
 * Our outgoing RTP stream on one leg (RFC 3550 §5.1): random SSRC, sequence and timestamp start
 * (§5.1 recommends random initial values), +1 and +160 per 20 ms packet. Marker (RFC 3551 §4.1): only on
 * the first packet after packets were not sent contiguously (the stream's first packet, or after a pause
 * or a skipped tick); silence frames are sent, so a prompt after silence is not a new talkspurt.
 * Writes into reused buffers: nothing is allocated per packet.
 */
export class RtpStream {
  readonly ssrc = randomInt(0, 2 ** 32);
  payloadType = 8;
  private sequence = randomInt(0, 2 ** 16);
  private timestamp = randomInt(0, 2 ** 32);
  private markNext = true;
  private pausedAt: number | undefined;
  private slot = 0;
  private readonly slots: Buffer[] = [];

  constructor() {
    for (let i = 0; i < SLOTS; i++) {
      const packet = Buffer.alloc(PACKET_BYTES);
      packet.writeUInt8(RTP_VERSION << 6, 0);
      packet.writeUInt32BE(this.ssrc, 8);
      this.slots.push(packet);
    }
  }

  /** Writes `frame` as the next packet of the stream into a reused buffer and returns the packet. */
  next(frame: Buffer): Buffer {
    const packet = this.slots[this.slot] as Buffer;
    this.slot = (this.slot + 1) % SLOTS;
    packet[1] = (this.markNext ? 0x80 : 0) | (this.payloadType & 0x7f);
    packet.writeUInt16BE(this.sequence, 2);
    packet.writeUInt32BE(this.timestamp, 4);
    frame.copy(packet, RTP_HEADER_BYTES, 0, ALAW_FRAME_BYTES);
    this.markNext = false;
    this.sequence = (this.sequence + 1) & 0xffff;
    this.timestamp = (this.timestamp + ALAW_FRAME_BYTES) >>> 0;
    return packet;
  }

  /**
   * One 20 ms tick passed without a packet (nowhere to send yet, or recvonly): the timestamp follows the
   * sampling clock (RFC 3550 §5.1) and the next packet is marked, the receiver saw a gap.
   */
  skip(): void {
    this.timestamp = (this.timestamp + ALAW_FRAME_BYTES) >>> 0;
    this.markNext = true;
  }

  /** The stream stops for an unknown time (a relay took over); `now` in ms. */
  pause(now: number): void {
    this.pausedAt = now;
  }

  /**
   * The stream goes on after a pause: the next packet is marked and its timestamp moved on by the time
   * nothing was sent (RFC 3550 §5.1: the timestamp follows the sampling clock, also while nothing is sent).
   */
  resume(now: number): void {
    if (this.pausedAt === undefined) return;
    const silentFrames = Math.max(0, Math.round((now - this.pausedAt) / FRAME_MS));
    this.timestamp = (this.timestamp + silentFrames * ALAW_FRAME_BYTES) >>> 0;
    this.pausedAt = undefined;
    this.markNext = true;
  }
}
