import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/engine/dry-run/virtual-clock.js';

describe('VirtualClock', () => {
  it('jumps to the next timer once nothing else runs, and fires timers in time order', async () => {
    const clock = new VirtualClock(1_000);
    const fired: string[] = [];
    const late = clock.sleep(60_000).then(() => fired.push(`late@${clock.now()}`));
    const early = clock.sleep(5_000).then(() => fired.push(`early@${clock.now()}`));
    await Promise.all([late, early]);
    expect(fired).toEqual(['early@6000', 'late@61000']);
  });

  it('does not move time while work that does not wait is still running', async () => {
    const clock = new VirtualClock(0);
    const sleeping = clock.sleep(1_000);
    let seen = -1;
    for (let i = 0; i < 100; i++) await Promise.resolve();
    seen = clock.now();
    await sleeping;
    expect(seen).toBe(0);
    expect(clock.now()).toBe(1_000);
  });

  it('resolves an aborted sleep early with false and does not move time for it', async () => {
    const clock = new VirtualClock(0);
    const stop = new AbortController();
    const sleeping = clock.sleep(10_000, stop.signal);
    stop.abort();
    expect(await sleeping).toBe(false);
    expect(clock.now()).toBe(0);
    expect(clock.pending).toBe(0);
    expect(await clock.sleep(1, stop.signal)).toBe(false);
  });

  it('resolves a completed sleep with true', async () => {
    const clock = new VirtualClock(0);
    expect(await clock.sleep(250)).toBe(true);
    expect(clock.now()).toBe(250);
  });
});
