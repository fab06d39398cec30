/** Digits kept for the next collection when nobody is listening (type-ahead), at most this many. */
const MAX_BUFFERED = 32;

export type DigitListener = (digit: string) => void;

/**
 * Where every digit of a leg arrives, whatever carried it (RFC 4733 events, SIP INFO): listeners see each
 * one; the current consumer (a barge-in play, a collection) takes it; otherwise it waits in the buffer.
 */
export class DigitInbox {
  private readonly buffered: string[] = [];
  private readonly listeners = new Set<DigitListener>();
  /** Takes every digit while set. */
  consumer: ((digit: string) => void) | undefined;

  push(digit: string): void {
    for (const listener of this.listeners) listener(digit);
    if (this.consumer !== undefined) {
      this.consumer(digit);
      return;
    }
    if (this.buffered.length >= MAX_BUFFERED) this.buffered.shift();
    this.buffered.push(digit);
  }

  take(): string | undefined {
    return this.buffered.shift();
  }

  clear(): void {
    this.buffered.length = 0;
  }

  listen(listener: DigitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
