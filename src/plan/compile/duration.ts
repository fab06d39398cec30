import type { Millis } from '../types.js';
import type { RawDuration } from './raw-types.js';

const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** `20s`, `1m30s`, `500ms`, `1h` or a number of seconds -> milliseconds. The schema has checked the form. */
export function parseDuration(value: RawDuration): Millis {
  if (typeof value === 'number') return Math.round(value * 1000);
  let total = 0;
  for (const match of value.matchAll(/(\d+)(ms|h|m|s)/g)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 0);
  }
  return total;
}

export function durationOr(value: RawDuration | undefined, fallback: Millis): Millis {
  return value === undefined ? fallback : parseDuration(value);
}
