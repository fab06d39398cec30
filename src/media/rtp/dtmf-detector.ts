import { decodeTelephoneEvent, dtmfOf } from './telephone-event.js';

/**
 * Turns a stream of RFC 4733 telephone-event packets into digits, each reported once.
 * All packets of one event share its RTP timestamp (§2.5.1.1) and the end packet is sent three times
 * (§2.5.1.4): a digit is reported on the first end packet of a timestamp; repeats are ignored. When the
 * end packets were all lost, the digit is reported as soon as a packet with a new timestamp arrives.
 */
export class DtmfDetector {
  private pending: { timestamp: number; digit: string } | undefined;
  private lastReported: number | undefined;

  /** Feed one RTP packet's timestamp and payload; returns the digits completed by it (0, 1 or 2). */
  push(timestamp: number, payload: Buffer): string[] {
    const event = decodeTelephoneEvent(payload);
    const digit = dtmfOf(event.event);
    const digits: string[] = [];
    if (this.pending !== undefined && this.pending.timestamp !== timestamp) {
      digits.push(this.pending.digit);
      this.lastReported = this.pending.timestamp;
      this.pending = undefined;
    }
    if (digit === undefined || timestamp === this.lastReported) return digits;
    if (event.end) {
      digits.push(digit);
      this.lastReported = timestamp;
      this.pending = undefined;
    } else {
      this.pending = { timestamp, digit };
    }
    return digits;
  }
}
