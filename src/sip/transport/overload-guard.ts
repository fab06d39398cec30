import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

export interface OverloadOptions {
  /** Server transactions awaiting the TU's final response at which new INVITEs are refused. */
  readonly maxServerTransactions: number;
  /** Event-loop delay (p99 over the last sample window, ms) above which new INVITEs are refused; 0 = off. */
  readonly maxEventLoopDelayMs: number;
  /**
   * Age (ms) of the oldest datagram read from a SIP socket during the last sample window above which new
   * INVITEs are refused; 0 = off. The event loop can turn quickly while a backlog grows in the kernel
   * (each turn reads a batch); past T1 (500 ms) the engine retransmits requests whose answers are only
   * waiting there, and calls fail. Measured by the native UDP sockets only.
   */
  readonly maxBacklogMs: number;
  /** Retry-After (s) on the 503 (RFC 3261 §21.5.4, §20.33). */
  readonly retryAfterSeconds: number;
  /** How often the event-loop delay and the backlog age are sampled (ms). */
  readonly sampleIntervalMs?: number;
}

export const DEFAULT_OVERLOAD: OverloadOptions = {
  maxServerTransactions: 20_000,
  maxEventLoopDelayMs: 200,
  maxBacklogMs: 200,
  retryAfterSeconds: 5,
};

/**
 * Decides, in O(1) per INVITE, whether the process is overloaded. The event-loop delay (a histogram) and
 * the backlog age (the transport's worst) are read every sample window, not per call: the hot path only
 * compares numbers.
 */
export class OverloadGuard {
  private lagging = false;
  private backlogged = false;
  private histogram: IntervalHistogram | undefined;
  private sampler: NodeJS.Timeout | undefined;
  private backlogAge: () => number = () => 0;

  constructor(readonly options: OverloadOptions) {}

  /** `backlogAge`: the oldest datagram's wait since the last call, ms (the transport's measure). */
  start(backlogAge?: () => number): void {
    if (this.sampler) return;
    if (backlogAge) this.backlogAge = backlogAge;
    if (this.options.maxEventLoopDelayMs > 0) {
      this.histogram = monitorEventLoopDelay({ resolution: 10 });
      this.histogram.enable();
    }
    if (this.options.maxEventLoopDelayMs <= 0 && this.options.maxBacklogMs <= 0) return;
    this.sampler = setInterval(() => this.sample(), this.options.sampleIntervalMs ?? 1000);
    this.sampler.unref();
  }

  stop(): void {
    this.histogram?.disable();
    this.histogram = undefined;
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = undefined;
    this.lagging = false;
    this.backlogged = false;
  }

  /** Feeds one event-loop delay reading (ms); exposed so tests can force the threshold. */
  observeDelay(delayMs: number): void {
    this.lagging = this.options.maxEventLoopDelayMs > 0 && delayMs > this.options.maxEventLoopDelayMs;
  }

  /** Feeds one backlog age reading (ms); exposed so tests can force the threshold. */
  observeBacklog(ageMs: number): void {
    this.backlogged = this.options.maxBacklogMs > 0 && ageMs > this.options.maxBacklogMs;
  }

  isOverloaded(pendingServerTransactions: number): boolean {
    return this.lagging || this.backlogged || pendingServerTransactions >= this.options.maxServerTransactions;
  }

  /** Reads both measures now and resets them (every sample window; tests call it directly). */
  sample(): void {
    this.observeBacklog(this.backlogAge());
    const histogram = this.histogram;
    if (!histogram) return;
    // The histogram counts in nanoseconds.
    this.observeDelay(histogram.percentile(99) / 1e6);
    histogram.reset();
  }
}
