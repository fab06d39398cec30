import type { Clock } from '../ports.js';
import { systemClock } from '../system-clock.js';

/**
 * The live calls' clock: real time, or real time shifted so that the engine starts at `startMs`
 * (`VMS_CLOCK_START`, tests and debugging of calendars). Waits are real either way.
 */
export function liveClock(startMs?: number): Clock {
  if (startMs === undefined) return systemClock;
  const offset = startMs - Date.now();
  return { now: () => Date.now() + offset, sleep: systemClock.sleep };
}
