import { decodeTelephoneEvent, dtmfOf } from './telephone-event.js';

/**
 * Turns a stream of RFC 4733 telephone-event packets into digits, each reported once.
 * All packets of one event share its RTP timestamp (§2.5.1.1) and the end packet is sent three times
 * (§2.5.1.4): a digit is reported on the first end packet of a timestamp; repeats are ignored. When the
 * end packets were all lost, the digit is reported as soon as a packet with a new timestamp arrives.
 */
export class DtmfDetector {
  private inProgress: { timestamp: number; digit: string } | undefined;
  private lastReported: number | undefined;

  /** Feed one RTP packet's timestamp and payload; returns the digits completed by it (0, 1 or 2). */
  push(timestamp: number, payload: Buffer): string[] {
    const event = decodeTelephoneEvent(payload);
    const digit = dtmfOf(event.event);
    const digits: string[] = [];
    if (this.inProgress !== undefined && this.inProgress.timestamp !== timestamp) {
      digits.push(this.inProgress.digit);
      this.lastReported = this.inProgress.timestamp;
      this.inProgress = undefined;
    }
    if (digit === undefined || timestamp === this.lastReported) return digits;
    if (event.end) {
      digits.push(digit);
      this.lastReported = timestamp;
      this.inProgress = undefined;
    } else {
      this.inProgress = { timestamp, digit };
    }
    return digits;
  }

  /** True while a digit has started but no end packet (nor a later event) has completed it. */
  get pending(): boolean {
    return this.inProgress !== undefined;
  }

  /**
   * Completes the digit in progress as if its end packet had come: for when all three end packets were
   * lost and no later event follows (the caller then sees nothing for a while). Repeats stay ignored.
   */
  flush(): string | undefined {
    const pending = this.inProgress;
    if (pending === undefined) return undefined;
    this.lastReported = pending.timestamp;
    this.inProgress = undefined;
    return pending.digit;
  }
}
