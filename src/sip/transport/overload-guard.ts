import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

export interface OverloadOptions {
  /** Server transactions awaiting the TU's final response at which new INVITEs are refused. */
  readonly maxServerTransactions: number;
  /** Event-loop delay (p99 over the last sample window, ms) above which new INVITEs are refused; 0 = off. */
  readonly maxEventLoopDelayMs: number;
  /** Retry-After (s) on the 503 (RFC 3261 §21.5.4, §20.33). */
  readonly retryAfterSeconds: number;
  /** How often the event-loop delay is sampled (ms). */
  readonly sampleIntervalMs?: number;
}

export const DEFAULT_OVERLOAD: OverloadOptions = {
  maxServerTransactions: 20_000,
  maxEventLoopDelayMs: 200,
  retryAfterSeconds: 5,
};

/**
 * Decides, in O(1) per INVITE, whether the process is overloaded. The event-loop delay is read from a
 * histogram every sample window (not per call), so the hot path only compares two numbers.
 */
export class OverloadGuard {
  private lagging = false;
  private histogram: IntervalHistogram | undefined;
  private sampler: NodeJS.Timeout | undefined;

  constructor(readonly options: OverloadOptions) {}

  start(): void {
    if (this.options.maxEventLoopDelayMs <= 0 || this.histogram) return;
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    this.sampler = setInterval(() => this.sample(), this.options.sampleIntervalMs ?? 1000);
    this.sampler.unref();
  }

  stop(): void {
    this.histogram?.disable();
    this.histogram = undefined;
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = undefined;
    this.lagging = false;
  }

  /** Feeds one event-loop delay reading (ms); exposed so tests can force the threshold. */
  observeDelay(delayMs: number): void {
    this.lagging = this.options.maxEventLoopDelayMs > 0 && delayMs > this.options.maxEventLoopDelayMs;
  }

  isOverloaded(pendingServerTransactions: number): boolean {
    return this.lagging || pendingServerTransactions >= this.options.maxServerTransactions;
  }

  private sample(): void {
    const histogram = this.histogram;
    if (!histogram) return;
    // The histogram counts in nanoseconds.
    this.observeDelay(histogram.percentile(99) / 1e6);
    histogram.reset();
  }
}
