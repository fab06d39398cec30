import { describe, expect, it } from 'vitest';
import { TickScheduler, type TickTimer } from '../../../../src/media/rtp/index.js';

/** A hand-driven clock: timers fire only when the test advances time, each late by `lateness` ms. */
class FakeTimer implements TickTimer {
  time = 1000;
  lateness = 0;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 0;
  readonly delays: number[] = [];

  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    this.delays.push(ms);
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  get pending(): number {
    return this.timers.length;
  }
  /** Moves time forward, firing due timers in order, each `lateness` ms after its deadline. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers.sort((a, b) => a.at - b.at)[0];
      if (next === undefined || next.at + this.lateness > end) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at + this.lateness;
      next.callback();
    }
    this.time = end;
  }
}

describe('TickScheduler', () => {
  it('ticks every 20 ms, numbering ticks from 1', () => {
    const timer = new FakeTimer();
    const ticks: number[] = [];
    new TickScheduler({ timer }).subscribe((tick) => ticks.push(tick));
    timer.advance(100);
    expect(ticks).toEqual([1, 2, 3, 4, 5]);
  });

  it('computes each deadline from the start so a late timer does not add up drift', () => {
    const timer = new FakeTimer();
    timer.lateness = 3;
    const firedAt: number[] = [];
    new TickScheduler({ timer }).subscribe(() => firedAt.push(timer.now()));
    timer.advance(1003);
    // Tick n fires at start + 20n + lateness, never start + n × (20 + lateness).
    expect(firedAt).toEqual(Array.from({ length: 50 }, (_, i) => 1000 + 20 * (i + 1) + 3));
    expect(timer.delays.slice(1).every((d) => d === 17)).toBe(true);
  });

  it('drives every stream from one timer', () => {
    const timer = new FakeTimer();
    const scheduler = new TickScheduler({ timer });
    const a: number[] = [];
    const b: number[] = [];
    scheduler.subscribe((t) => a.push(t));
    timer.advance(40);
    scheduler.subscribe((t) => b.push(t));
    expect(timer.pending).toBe(1);
    timer.advance(40);
    expect(a).toEqual([1, 2, 3, 4]);
    expect(b).toEqual([3, 4]);
  });

  it('replays at most maxCatchUp missed ticks after a stall', () => {
    const timer = new FakeTimer();
    const ticks: number[] = [];
    new TickScheduler({ timer, maxCatchUp: 3 }).subscribe((t) => ticks.push(t));
    timer.lateness = 200; // the first timer fires 200 ms late: ticks 1..11 are due
    timer.advance(220);
    expect(ticks).toEqual([9, 10, 11]);
    timer.lateness = 0;
    timer.advance(20);
    expect(ticks).toEqual([9, 10, 11, 12]);
  });

  it('holds no timer once the last listener leaves, and restarts from tick 1', () => {
    const timer = new FakeTimer();
    const scheduler = new TickScheduler({ timer });
    const ticks: number[] = [];
    const stop = scheduler.subscribe((t) => ticks.push(t));
    timer.advance(60);
    stop();
    expect(scheduler.running).toBe(false);
    expect(timer.pending).toBe(0);
    scheduler.subscribe((t) => ticks.push(t));
    timer.advance(20);
    expect(ticks).toEqual([1, 2, 3, 1]);
  });

  it('unsubscribes a throwing listener, reports it, and keeps the others ticking', () => {
    const timer = new FakeTimer();
    const errors: unknown[] = [];
    const scheduler = new TickScheduler({ timer, onListenerError: (err) => errors.push(err) });
    const ticks: number[] = [];
    scheduler.subscribe(() => {
      throw new Error('broken stream');
    });
    scheduler.subscribe((t) => ticks.push(t));
    timer.advance(60);
    expect(ticks).toEqual([1, 2, 3]);
    expect(errors).toEqual([new Error('broken stream')]);
  });

  it('paces real timers without throwing and stops when asked', async () => {
    const scheduler = new TickScheduler({ periodMs: 5 });
    const ticks: number[] = [];
    await new Promise<void>((resolve) => {
      const stop = scheduler.subscribe((t) => {
        ticks.push(t);
        if (ticks.length === 3) {
          stop();
          resolve();
        }
      });
    });
    expect(ticks).toEqual([1, 2, 3]);
    expect(scheduler.running).toBe(false);
  });
});

/** A timer whose single pending callback the test fires at a time of its choosing (early, for instance). */
class SteppedTimer implements TickTimer {
  time = 1000;
  readonly delays: number[] = [];
  private callback: (() => void) | undefined;
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    this.delays.push(ms);
    this.callback = callback;
    return 1;
  }
  clearTimeout(): void {
    this.callback = undefined;
  }
  fireAt(time: number): void {
    this.time = time;
    const callback = this.callback;
    this.callback = undefined;
    callback?.();
  }
}

describe('TickScheduler early timers', () => {
  it('runs a tick whose timer fires within the early tolerance instead of re-arming', () => {
    const timer = new SteppedTimer();
    const ticks: number[] = [];
    new TickScheduler({ timer, earlyToleranceMs: 1 }).subscribe((tick) => ticks.push(tick));
    timer.fireAt(1019.2);
    expect(ticks).toEqual([1]);
    expect(timer.delays.at(-1)).toBeCloseTo(20.8);
  });

  it('re-arms a timer that fires earlier than the tolerance, without running the tick', () => {
    const timer = new SteppedTimer();
    const ticks: number[] = [];
    new TickScheduler({ timer, earlyToleranceMs: 1 }).subscribe((tick) => ticks.push(tick));
    timer.fireAt(1018.5);
    expect(ticks).toEqual([]);
    expect(timer.delays.at(-1)).toBeCloseTo(1.5);
    timer.fireAt(1020);
    expect(ticks).toEqual([1]);
  });
});
