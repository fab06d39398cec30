import { describe, expect, it } from 'vitest';
import { liveClock } from '../../../../src/engine/live/live-clock.js';
import { systemClock } from '../../../../src/engine/system-clock.js';

describe('liveClock', () => {
  it('is the system clock when no start time is set', () => {
    expect(liveClock()).toBe(systemClock);
  });

  it('reads the start time at start, then moves on with real time', () => {
    const start = Date.parse('2026-12-25T10:00:00Z');
    const before = Date.now();
    const clock = liveClock(start);
    const read = clock.now();
    const elapsed = Date.now() - before;
    expect(read).toBeGreaterThanOrEqual(start);
    expect(read).toBeLessThanOrEqual(start + elapsed);
  });
});
