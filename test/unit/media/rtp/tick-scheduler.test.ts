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
    timer.advance(41);
    expect(a).toEqual([1, 2, 3, 4]);
    // b runs in the next slot (1 ms later), whose turn of tick 2 had not come yet.
    expect(b).toEqual([2, 3, 4]);
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
    timer.advance(61);
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
    new TickScheduler({ timer, slots: 1, earlyToleranceMs: 1 }).subscribe((tick) => ticks.push(tick));
    timer.fireAt(1019.2);
    expect(ticks).toEqual([1]);
    expect(timer.delays.at(-1)).toBeCloseTo(20.8);
  });

  it('re-arms a timer that fires earlier than the tolerance, without running the tick', () => {
    const timer = new SteppedTimer();
    const ticks: number[] = [];
    new TickScheduler({ timer, slots: 1, earlyToleranceMs: 1 }).subscribe((tick) => ticks.push(tick));
    timer.fireAt(1018.5);
    expect(ticks).toEqual([]);
    expect(timer.delays.at(-1)).toBeCloseTo(1.5);
    timer.fireAt(1020);
    expect(ticks).toEqual([1]);
  });
});

describe('TickScheduler slots', () => {
  it('spreads listeners over the period, each called exactly one period apart at its slot', () => {
    const timer = new FakeTimer();
    const scheduler = new TickScheduler({ timer, slots: 4 });
    const calls: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      scheduler.subscribe((tick) => calls.push(`${name}${tick}@${timer.now() - 1000}`));
    }
    timer.advance(40);
    // Slot s of tick n is due at n × 20 + s × 5 ms; the fifth listener shares slot 0 with the first.
    expect(calls).toEqual(['a1@20', 'e1@20', 'b1@25', 'c1@30', 'd1@35', 'a2@40', 'e2@40']);
  });

  it('places a new listener in the least-loaded slot and keeps it there', () => {
    const timer = new FakeTimer();
    const scheduler = new TickScheduler({ timer, slots: 4 });
    const phases = new Map<string, number[]>();
    const listen = (name: string) =>
      scheduler.subscribe(() => phases.set(name, [...(phases.get(name) ?? []), (timer.now() - 1000) % 20]));
    listen('a');
    const offB = listen('b');
    listen('c');
    listen('d');
    timer.advance(20);
    offB();
    listen('e'); // slot 1 is now the emptiest
    timer.advance(60);
    expect(phases.get('a')).toEqual([0, 0, 0, 0]);
    expect(phases.get('e')).toEqual([5, 5, 5]);
    expect(phases.get('d')).toEqual([15, 15, 15]);
  });

  it('wakes only for slots that have listeners', () => {
    const timer = new FakeTimer();
    const scheduler = new TickScheduler({ timer, slots: 20 });
    scheduler.subscribe(() => {});
    scheduler.subscribe(() => {});
    timer.advance(100);
    // Slots 0 and 1 (1 ms apart) of each period: 1 ms, then 19 ms to the next period.
    expect(timer.delays.slice(1, 5)).toEqual([1, 19, 1, 19]);
  });

  it('tells the listeners the ideal instant of their slot, late timer or not', () => {
    const timer = new FakeTimer();
    timer.lateness = 0.3;
    const scheduler = new TickScheduler({ timer, slots: 4 });
    const seen: (number | undefined)[] = [];
    scheduler.subscribe(() => seen.push(scheduler.runningDeadline));
    scheduler.subscribe(() => seen.push(scheduler.runningDeadline));
    timer.advance(46);
    expect(seen).toEqual([1020, 1025, 1040, 1045]);
    expect(scheduler.runningDeadline).toBeUndefined();
  });

  it('runs the next due slot at once when a slot outlasts its share of the period', () => {
    const timer = new SteppedTimer();
    const scheduler = new TickScheduler({ timer, slots: 4 });
    const calls: string[] = [];
    scheduler.subscribe(() => {
      calls.push(`a@${timer.time}`);
      timer.time += 6; // this slot's work takes longer than a slot (5 ms)
    });
    scheduler.subscribe(() => calls.push(`b@${timer.time}`));
    timer.fireAt(1020);
    expect(calls).toEqual(['a@1020', 'b@1026']);
    expect(timer.delays.at(-1)).toBe(14); // then waits for the next period's slot 0
  });

  it('caps the early tolerance at half a slot so a slot never runs in the previous one', () => {
    const timer = new SteppedTimer();
    const ticks: number[] = [];
    new TickScheduler({ timer, slots: 20, earlyToleranceMs: 1 }).subscribe((tick) => ticks.push(tick));
    timer.fireAt(1019.4);
    expect(ticks).toEqual([]);
    timer.fireAt(1019.6);
    expect(ticks).toEqual([1]);
  });

  it('keeps one subscription for a listener subscribed twice', () => {
    const timer = new FakeTimer();
    const scheduler = new TickScheduler({ timer, slots: 4 });
    const ticks: number[] = [];
    const listener = (tick: number) => ticks.push(tick);
    scheduler.subscribe(listener);
    scheduler.subscribe(listener);
    timer.advance(40);
    expect(ticks).toEqual([1, 2]);
  });
});

describe('TickScheduler afterSlot', () => {
  it('runs once after each slot that ran, with its listeners done, still inside the slot', () => {
    const timer = new FakeTimer();
    const events: string[] = [];
    let scheduler: TickScheduler | undefined;
    scheduler = new TickScheduler({
      timer,
      slots: 2,
      afterSlot: () => events.push(`after@${scheduler?.runningDeadline}`),
    });
    scheduler.subscribe((tick) => events.push(`a${tick}`));
    scheduler.subscribe((tick) => events.push(`b${tick}`));
    timer.advance(40);
    expect(events).toEqual(['a1', 'after@1020', 'b1', 'after@1030', 'a2', 'after@1040']);
  });
});
