import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

export interface OverloadOptions {
  /** Server transactions awaiting the TU's final response at which new INVITEs are refused. */
  readonly maxServerTransactions: number;
  /**
   * Event-loop delay (p99 over the last sample window, ms) above which new INVITEs are refused; 0 = off.
   * Only INVITEs whose socket wait is not measured (TCP, dgram): see `OverloadGuard.reason`.
   */
  readonly maxEventLoopDelayMs: number;
  /**
   * A new INVITE that waited longer than this (ms) in the SIP socket before being read is refused; 0 = off.
   * The event loop can turn quickly while a backlog grows in the kernel (each turn reads a batch); once the
   * wait nears T1 (500 ms) the engine retransmits requests whose answers are only waiting there, and calls
   * fail. Refusing just the INVITEs that waited (a 503 costs a fraction of a call) drains the backlog and
   * accepts again at once. Measured by the native UDP sockets only (`Endpoint.waitedMs`).
   */
  readonly maxWaitMs: number;
  /** Retry-After (s) on the 503 (RFC 3261 §21.5.4, §20.33). */
  readonly retryAfterSeconds: number;
  /** How often the event-loop delay is sampled (ms). */
  readonly sampleIntervalMs?: number;
}

/**
 * Which bound refused a new INVITE: it waited too long in the socket, the event loop lags, or too many
 * requests wait for an answer.
 */
export type OverloadReason = 'socketWait' | 'eventLoopDelay' | 'pendingTransactions';

export const DEFAULT_OVERLOAD: OverloadOptions = {
  maxServerTransactions: 20_000,
  maxEventLoopDelayMs: 200,
  maxWaitMs: 300,
  retryAfterSeconds: 5,
};

/**
 * Decides, in O(1) per INVITE, whether the process is overloaded. The event-loop delay (a histogram) is
 * read every sample window, not per call; the INVITE's own wait in the socket comes with it: the hot path
 * only compares numbers.
 */
export class OverloadGuard {
  private lagging = false;
  private histogram: IntervalHistogram | undefined;
  private sampler: NodeJS.Timeout | undefined;

  constructor(readonly options: OverloadOptions) {}

  start(): void {
    if (this.sampler || this.options.maxEventLoopDelayMs <= 0) return;
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

  /**
   * Why a new INVITE is refused now, or undefined when it is not (cheapest checks first). `waitedMs`: how
   * long the INVITE waited in the socket, when its transport measures it (native UDP sockets).
   *
   * A measured wait replaces the event-loop delay: both say how late the engine reads its input, but the
   * wait says it of this INVITE, while the delay is a p99 over the last window that refuses every INVITE of
   * the next one. A single long pause was enough to open such a window: `bench/sip-load` at 2,400 calls/s
   * refused 1,739 calls on `eventLoopDelay` and none on `socketWait` (the main thread ~90 % busy, no
   * INVITE waiting 300 ms). The delay bound still guards INVITEs whose wait is unknown (TCP, dgram).
   */
  reason(pendingServerTransactions: number, waitedMs?: number): OverloadReason | undefined {
    const { maxWaitMs, maxServerTransactions } = this.options;
    if (waitedMs === undefined) {
      if (this.lagging) return 'eventLoopDelay';
    } else if (maxWaitMs > 0 && waitedMs > maxWaitMs) return 'socketWait';
    if (pendingServerTransactions >= maxServerTransactions) return 'pendingTransactions';
    return undefined;
  }

  /** Reads the event-loop delay now and resets it (every sample window). */
  private sample(): void {
    const histogram = this.histogram;
    if (!histogram) return;
    // The histogram counts in nanoseconds.
    this.observeDelay(histogram.percentile(99) / 1e6);
    histogram.reset();
  }
}
