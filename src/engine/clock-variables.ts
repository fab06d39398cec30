import { DateTime } from 'luxon';
import type { CallVariables } from './variables.js';

/** Time zone of the `time`, `date` and `weekday` variables (the calendar default). */
export const VARIABLES_TIMEZONE = 'Europe/Brussels';

/** Refreshes `time` (HH:mm), `date` (YYYY-MM-DD) and `weekday` (mon..sun) from the call's clock. */
export function setClockVariables(vars: CallVariables, now: number, zone = VARIABLES_TIMEZONE): void {
  const local = DateTime.fromMillis(now, { zone });
  vars.set('time', local.toFormat('HH:mm'));
  vars.set('date', local.toFormat('yyyy-MM-dd'));
  vars.set('weekday', local.setLocale('en').toFormat('ccc').toLowerCase());
}

export function isoTime(now: number, zone = VARIABLES_TIMEZONE): string {
  return DateTime.fromMillis(now, { zone }).toISO() ?? new Date(now).toISOString();
}
