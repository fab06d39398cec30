import { DateTime } from 'luxon';
import type { CallVariables } from './variables.js';

/** Time zone of the `time`, `date` and `weekday` variables (the calendar default). */
export const VARIABLES_TIMEZONE = 'Europe/Brussels';

/**
 * Time-zone offsets are looked up (luxon, costly) once per 15-minute slice and zone: real zone transitions
 * fall on quarter hours. A slice whose two ends disagree contains a transition (or an odd historic one) and
 * is never cached, so every result equals luxon's.
 */
const SLICE_MS = 15 * 60_000;
const MAX_CACHED_SLICES = 4096;
const offsets = new Map<string, number | null>();
/** The slice asked for last, and its answer. */
const lastAsked: { slice: number; zone: string; offset: number | undefined } = {
  slice: Number.NaN,
  zone: '',
  offset: undefined,
};
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Offset from UTC in minutes at `now` in `zone`, or undefined when luxon must format this instant itself. */
function sliceOffset(now: number, zone: string): number | undefined {
  const slice = Math.floor(now / SLICE_MS);
  // Nearly every call asks for the same zone and slice as the one before: no key string, no lookup.
  if (slice === lastAsked.slice && zone === lastAsked.zone) return lastAsked.offset;
  const key = `${zone}|${slice}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const first = DateTime.fromMillis(slice * SLICE_MS, { zone }).offset;
    const last = DateTime.fromMillis((slice + 1) * SLICE_MS - 1, { zone }).offset;
    offset = first === last && Number.isInteger(first) ? first : null;
    if (offsets.size >= MAX_CACHED_SLICES) offsets.clear();
    offsets.set(key, offset);
  }
  lastAsked.slice = slice;
  lastAsked.zone = zone;
  lastAsked.offset = offset ?? undefined;
  return offset ?? undefined;
}

/** The wall-clock fields at `now` in `zone` (read with getUTC*), with its offset; undefined: ask luxon. */
function localClock(now: number, zone: string): { local: Date; offset: number } | undefined {
  const offset = sliceOffset(now, zone);
  if (offset === undefined) return undefined;
  const local = new Date(now + offset * 60_000);
  const year = local.getUTCFullYear();
  // luxon writes other years with a sign and six digits.
  return year >= 1000 && year <= 9999 ? { local, offset } : undefined;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function dateText(local: Date): string {
  return `${local.getUTCFullYear()}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}`;
}

function timeText(local: Date): string {
  return `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
}

/** Refreshes `time` (HH:mm), `date` (YYYY-MM-DD) and `weekday` (mon..sun) from the call's clock. */
export function setClockVariables(vars: CallVariables, now: number, zone = VARIABLES_TIMEZONE): void {
  const clock = localClock(now, zone);
  if (clock === undefined) {
    setWithLuxon(vars, now, zone);
    return;
  }
  vars.set('time', timeText(clock.local));
  vars.set('date', dateText(clock.local));
  vars.set('weekday', WEEKDAYS[clock.local.getUTCDay()] as string);
}

function setWithLuxon(vars: CallVariables, now: number, zone: string): void {
  const local = DateTime.fromMillis(now, { zone });
  vars.set('time', local.toFormat('HH:mm'));
  vars.set('date', local.toFormat('yyyy-MM-dd'));
  vars.set('weekday', local.setLocale('en').toFormat('ccc').toLowerCase());
}

/** ISO 8601 with milliseconds and the zone's offset, as luxon's `toISO()` writes it. */
export function isoTime(now: number, zone = VARIABLES_TIMEZONE): string {
  const clock = localClock(now, zone);
  // luxon writes a zero offset as `Z` in fixed zones and `+00:00` in others: let it decide.
  if (clock === undefined || clock.offset === 0)
    return DateTime.fromMillis(now, { zone }).toISO() ?? new Date(now).toISOString();
  const { local, offset } = clock;
  const ms = local.getUTCMilliseconds();
  const millis = ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : String(ms);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const zoneText = `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  return `${dateText(local)}T${timeText(local)}:${pad2(local.getUTCSeconds())}.${millis}${zoneText}`;
}
