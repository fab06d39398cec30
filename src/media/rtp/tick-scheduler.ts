import { TickSlots } from './tick-slots.js';

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
  /**
   * Slots per period (default 20: one per ms). Each listener runs in the least-loaded slot, and keeps it,
   * so the sends of thousands of streams are spread over the period instead of leaving in one burst.
   */
  slots?: number;
  timer?: TickTimer;
  /** Missed ticks replayed after a stall (default 3); older ones are skipped. */
  maxCatchUp?: number;
  /**
   * A timer that fires this close before a slot's deadline runs the slot (default 0.5 ms, at most half a
   * slot). Node's timers count on a cached millisecond loop clock and often fire early; re-arming for the
   * remaining fraction would wait a whole millisecond and make that slot late instead.
   */
  earlyToleranceMs?: number;
  /** A throwing listener is unsubscribed (one broken stream must not stop the others) and reported here. */
  onListenerError?: (err: unknown) => void;
  /**
   * Runs after each slot's listeners: the native PacketBatch sends the slot's packets here, so a slot
   * replayed after a stall does not wait for the ones behind it.
   */
  afterSlot?: () => void;
}

const SYSTEM_TIMER: TickTimer = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * One timer paces every media stream (20 ms for PCMA). The period is cut into slots; slot s of tick n is
 * due at start + n × period + s × period / slots. Each deadline is computed from the start, never by adding
 * periods to a late timer, so lateness does not accumulate. When the process stalls, at most `maxCatchUp`
 * missed ticks are replayed back to back (RTP receivers tolerate a short burst better than a gap); older
 * ones are skipped. The timer wakes only for slots that have listeners, and runs only while someone
 * listens, so an idle engine holds no timer.
 */
export class TickScheduler {
  private readonly slots: TickSlots;
  private handle: unknown;
  private start = 0;
  /** The next slot turn to run, counted over all periods: turn k is slot k % slots of tick k / slots. */
  private nextTurn = 0;
  private deadline: number | undefined;
  /** Bumped on every (re)start so a run in progress notices it was superseded. */
  private generation = 0;

  readonly periodMs: number;
  private readonly slotMs: number;
  private readonly timer: TickTimer;
  private readonly maxCatchUp: number;
  private readonly earlyToleranceMs: number;
  private readonly onListenerError: (err: unknown) => void;
  private readonly afterSlot: (() => void) | undefined;

  constructor(options: TickSchedulerOptions = {}) {
    this.periodMs = options.periodMs ?? 20;
    this.slots = new TickSlots(Math.max(1, Math.floor(options.slots ?? 20)));
    this.slotMs = this.periodMs / this.slots.count;
    this.timer = options.timer ?? SYSTEM_TIMER;
    this.maxCatchUp = options.maxCatchUp ?? 3;
    this.earlyToleranceMs = Math.min(options.earlyToleranceMs ?? 0.5, this.slotMs / 2);
    this.onListenerError = options.onListenerError ?? ((err) => process.emitWarning(String(err)));
    this.afterSlot = options.afterSlot;
  }

  /** Calls `listener` once per period from now on, always in the same slot; returns the function that stops it. */
  subscribe(listener: TickListener): () => void {
    const idle = this.slots.size === 0;
    this.slots.add(listener);
    if (idle) this.begin();
    return () => this.unsubscribe(listener);
  }

  get running(): boolean {
    return this.handle !== undefined;
  }

  /**
   * While listeners run: the ideal instant of their slot on the timer's clock (what send jitter is
   * measured against); undefined between runs.
   */
  get runningDeadline(): number | undefined {
    return this.deadline;
  }

  private unsubscribe(listener: TickListener): void {
    if (this.slots.delete(listener) && this.slots.size === 0) this.stop();
  }

  private begin(): void {
    this.generation++;
    this.start = this.timer.now();
    this.nextTurn = this.slots.count; // tick 1, slot 0
    this.arm();
  }

  private stop(): void {
    if (this.handle !== undefined) this.timer.clearTimeout(this.handle);
    this.handle = undefined;
  }

  /** Waits for the next turn of a slot that has listeners. */
  private arm(): void {
    let turn = this.nextTurn;
    while (this.slots.load(turn % this.slots.count) === 0) turn++;
    const delay = Math.max(0, this.start + turn * this.slotMs - this.timer.now());
    this.handle = this.timer.setTimeout(() => this.fire(), delay);
  }

  /**
   * Runs the due turns in time order, reading the clock again after each: when a slot's work outlasts the
   * slot, the next due one runs at once instead of a timer round later. At most one period of turns per
   * timer callback, so received packets are read in between even when the process cannot keep up.
   */
  private fire(): void {
    this.handle = undefined;
    const generation = this.generation;
    const count = this.slots.count;
    for (let runs = 0; runs < count; runs++) {
      const due = Math.floor((this.timer.now() - this.start + this.earlyToleranceMs) / this.slotMs);
      // Skip what is too old to replay.
      let turn = Math.max(this.nextTurn, due - this.maxCatchUp * count + 1);
      while (turn <= due && this.slots.load(turn % count) === 0) turn++;
      this.nextTurn = turn + 1;
      if (turn > due) {
        this.nextTurn = turn;
        break;
      }
      this.run(turn % count, Math.floor(turn / count), this.start + turn * this.slotMs);
      if (this.generation !== generation || this.slots.size === 0) return;
    }
    this.arm();
  }

  private run(slot: number, tick: number, deadline: number): void {
    this.deadline = deadline;
    for (const listener of this.slots.listeners(slot)) {
      try {
        listener(tick);
      } catch (err) {
        this.unsubscribe(listener);
        this.onListenerError(err);
      }
    }
    this.afterSlot?.();
    this.deadline = undefined;
  }
}
