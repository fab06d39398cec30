/** The timer functions the scheduler needs; injectable so tests drive time by hand. */
export interface TickTimer {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type TickListener = (tick: number) => void;

export interface TickSchedulerOptions {
  /** Default 20 ms, the PCMA packet time. */
  periodMs?: number;
  timer?: TickTimer;
  /** Missed ticks replayed after a stall (default 3); older ones are skipped. */
  maxCatchUp?: number;
  /**
   * A timer that fires this close before a tick's deadline runs the tick (default 1 ms). Node's timers
   * work on a cached millisecond loop clock and often fire up to ~1.5 ms early; re-arming for the
   * remaining fraction would make that tick 1-2 ms late instead, doubling the jitter.
   */
  earlyToleranceMs?: number;
  /** A throwing listener is unsubscribed (one broken stream must not stop the others) and reported here. */
  onListenerError?: (err: unknown) => void;
}

const SYSTEM_TIMER: TickTimer = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * One timer paces every media stream (20 ms for PCMA). Tick n is due at start + n × period: each deadline
 * is computed from the start, never by adding periods to a late timer, so lateness does not accumulate.
 * When the process stalls, at most `maxCatchUp` missed ticks are replayed back to back (RTP receivers
 * tolerate a short burst better than a gap); older ones are skipped. The timer runs only while someone
 * listens, so an idle engine holds no timer.
 */
export class TickScheduler {
  private readonly listeners = new Set<TickListener>();
  private handle: unknown;
  private start = 0;
  private nextTick = 0;
  /** Bumped on every (re)start so a tick loop in progress notices it was superseded. */
  private generation = 0;

  readonly periodMs: number;
  private readonly timer: TickTimer;
  private readonly maxCatchUp: number;
  private readonly earlyToleranceMs: number;
  private readonly onListenerError: (err: unknown) => void;

  constructor(options: TickSchedulerOptions = {}) {
    this.periodMs = options.periodMs ?? 20;
    this.timer = options.timer ?? SYSTEM_TIMER;
    this.maxCatchUp = options.maxCatchUp ?? 3;
    this.earlyToleranceMs = options.earlyToleranceMs ?? 1;
    this.onListenerError = options.onListenerError ?? ((err) => process.emitWarning(String(err)));
  }

  /** Calls `listener` on every tick from now on; returns the function that stops it. */
  subscribe(listener: TickListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.begin();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  get running(): boolean {
    return this.handle !== undefined;
  }

  private begin(): void {
    this.generation++;
    this.start = this.timer.now();
    this.nextTick = 1;
    this.arm();
  }

  private stop(): void {
    if (this.handle !== undefined) this.timer.clearTimeout(this.handle);
    this.handle = undefined;
  }

  private arm(): void {
    const delay = Math.max(0, this.start + this.nextTick * this.periodMs - this.timer.now());
    this.handle = this.timer.setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    this.handle = undefined;
    const generation = this.generation;
    const due = Math.floor((this.timer.now() - this.start + this.earlyToleranceMs) / this.periodMs);
    // Skip what is too old to replay, then run every remaining due tick.
    this.nextTick = Math.max(this.nextTick, due - this.maxCatchUp + 1);
    while (this.nextTick <= due && this.generation === generation && this.listeners.size > 0) {
      const tick = this.nextTick++;
      for (const listener of [...this.listeners]) this.call(listener, tick);
    }
    if (this.generation === generation && this.listeners.size > 0) this.arm();
  }

  private call(listener: TickListener, tick: number): void {
    try {
      listener(tick);
    } catch (err) {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
      this.onListenerError(err);
    }
  }
}
