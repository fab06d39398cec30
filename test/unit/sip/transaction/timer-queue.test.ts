import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type TimerName, TimerQueue, type TimerTarget } from '../../../../src/sip/transaction/timer-queue.js';

function recorder(label: string, log: string[]): TimerTarget {
  return { onTimer: (name: TimerName) => log.push(`${label}:${name}`) };
}

describe('TimerQueue', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('fires timers in deadline order, ties in scheduling order, from one Node timer', () => {
    const queue = new TimerQueue();
    const log: string[] = [];
    queue.schedule(recorder('x', log), 'B', 300);
    queue.schedule(recorder('y', log), 'A', 100);
    queue.schedule(recorder('z', log), 'E', 100);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(99);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['y:A', 'z:E']);
    vi.advanceTimersByTime(200);
    expect(log).toEqual(['y:A', 'z:E', 'x:B']);
  });

  it('never fires a cancelled timer', () => {
    const queue = new TimerQueue();
    const log: string[] = [];
    const entry = queue.schedule(recorder('x', log), 'F', 50);
    queue.schedule(recorder('y', log), 'K', 60);
    entry.cancel();
    vi.advanceTimersByTime(100);
    expect(log).toEqual(['y:K']);
    expect(queue.size).toBe(0);
  });

  it('re-arms for an earlier deadline scheduled later, and for timers scheduled while firing', () => {
    const queue = new TimerQueue();
    const log: string[] = [];
    const chained: TimerTarget = {
      onTimer: (name) => {
        log.push(`c:${name}`);
        if (name === 'A') queue.schedule(chained, 'B', 10);
      },
    };
    queue.schedule(recorder('late', log), 'H', 1000);
    queue.schedule(chained, 'A', 20);
    vi.advanceTimersByTime(30);
    expect(log).toEqual(['c:A', 'c:B']);
    vi.advanceTimersByTime(1000);
    expect(log).toEqual(['c:A', 'c:B', 'late:H']);
  });

  it('keeps thousands of random deadlines in order', () => {
    const queue = new TimerQueue();
    const fired: number[] = [];
    const delays = Array.from({ length: 2000 }, (_, i) => (i * 7919) % 5003);
    for (const delay of delays) queue.schedule({ onTimer: () => fired.push(Date.now()) }, 'J', delay);
    vi.advanceTimersByTime(6000);
    expect(fired).toHaveLength(delays.length);
    expect(fired).toEqual([...fired].sort((a, b) => a - b));
    expect(fired[0]).toBe(Math.min(...delays));
  });
});

describe('TimerQueue lanes (one FIFO per delay)', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('interleaves the lanes of several delays in deadline order', () => {
    let clock = 0;
    const queue = new TimerQueue(() => clock);
    const fired: string[] = [];
    for (let t = 0; t < 4; t++) {
      clock = t * 100;
      for (const delay of [500, 5000, 32_000, 1000])
        queue.schedule({ onTimer: () => fired.push(`${t * 100 + delay}`) }, 'A', delay);
    }
    clock = 40_000;
    vi.advanceTimersByTime(40_000);
    const deadlines = fired.map(Number);
    expect(deadlines).toHaveLength(16);
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
  });

  it('keeps one delay in scheduling order when the clock steps back (no timer fires before an older one)', () => {
    let clock = 10_000;
    const queue = new TimerQueue(() => clock);
    const fired: string[] = [];
    queue.schedule({ onTimer: () => fired.push('first') }, 'J', 1000);
    clock = 5000; // the wall clock was stepped back 5 s
    queue.schedule({ onTimer: () => fired.push('second') }, 'J', 1000);
    clock = 11_000;
    vi.advanceTimersByTime(11_000);
    expect(fired).toEqual(['first', 'second']);
    expect(queue.size).toBe(0);
  });
});

describe('TimerQueue compaction', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('drops cancelled entries once they are the majority, and still fires the live ones in order', () => {
    const queue = new TimerQueue();
    const fired: number[] = [];
    const entries = Array.from({ length: 10_000 }, (_, i) =>
      queue.schedule({ onTimer: () => fired.push(i) }, 'B', 32_000 + (i % 97)),
    );
    entries.forEach((entry, i) => {
      if (i % 10 !== 0) entry.cancel();
    });
    expect(queue.size).toBeLessThanOrEqual(5000); // without compaction: 10,000
    vi.advanceTimersByTime(33_000);
    expect(fired).toHaveLength(1000);
    const order = fired.map((i) => 32_000 + (i % 97));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('compacts lanes of more live timers than a call can take as arguments (3,000 calls/s for 64×T1)', () => {
    const queue = new TimerQueue();
    let fired = 0;
    const target = { onTimer: () => fired++ };
    const entries = Array.from({ length: 400_000 }, (_, i) => queue.schedule(target, 'J', 32_000 + (i % 7)));
    for (let i = 0; i < entries.length; i += 2) entries[i]!.cancel();
    expect(queue.size).toBe(200_000);
    vi.advanceTimersByTime(33_000);
    expect(fired).toBe(200_000);
  });

  it('lets go of its target when cancelled (the entry itself waits in its lane until its deadline)', () => {
    const queue = new TimerQueue();
    let fired = 0;
    const entry = queue.schedule({ onTimer: () => fired++ }, 'B', 32_000);
    entry.cancel();
    entry.fire();
    vi.advanceTimersByTime(32_000);
    expect(fired).toBe(0);
  });

  it('ignores cancel() on a timer that already fired', () => {
    const queue = new TimerQueue();
    const entry = queue.schedule({ onTimer: () => {} }, 'A', 10);
    vi.advanceTimersByTime(10);
    entry.cancel();
    expect(entry.cancelled).toBe(false);
  });
});

describe('TimerQueue when the event loop was late', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('defers a late timer past pending I/O, so a response read meanwhile can still cancel it', () => {
    let clock = 0;
    const queue = new TimerQueue(() => clock);
    const log: string[] = [];
    const retransmit = queue.schedule(recorder('x', log), 'A', 10);
    queue.schedule(recorder('y', log), 'G', 10);
    clock = 600; // the process was descheduled: the Node timer fires long after its deadline
    vi.advanceTimersByTime(10);
    expect(log).toEqual([]);
    retransmit.cancel(); // what the 180 read in the poll phase does to Timer A
    vi.runOnlyPendingTimers(); // the check phase: setImmediate
    expect(log).toEqual(['y:G']);
  });

  it('fires on time without yielding when the loop is not late', () => {
    const queue = new TimerQueue();
    const log: string[] = [];
    queue.schedule(recorder('x', log), 'A', 10);
    vi.advanceTimersByTime(10);
    expect(log).toEqual(['x:A']);
  });
});
