import type { TickTimer } from '../rtp/tick-scheduler.js';

/**
 * Fires once when nothing was received for `timeoutMs`. One timer per leg, re-armed only when it fires
 * (for the time left since the last packet), never per packet: the hot path only stores a time.
 */
export class InactivityWatch {
  private handle: unknown;

  constructor(
    private readonly timer: TickTimer,
    private readonly timeoutMs: number,
    private readonly lastActivity: () => number,
    private readonly onInactive: () => void,
  ) {}

  start(): void {
    this.stop();
    if (this.timeoutMs > 0) this.arm(this.timeoutMs);
  }

  stop(): void {
    if (this.handle !== undefined) this.timer.clearTimeout(this.handle);
    this.handle = undefined;
  }

  private arm(ms: number): void {
    this.handle = this.timer.setTimeout(() => this.check(), ms);
  }

  private check(): void {
    this.handle = undefined;
    const idle = this.timer.now() - this.lastActivity();
    if (idle >= this.timeoutMs) this.onInactive();
    else this.arm(this.timeoutMs - idle);
  }
}
