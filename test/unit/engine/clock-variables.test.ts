import { fc, test } from '@fast-check/vitest';
import { DateTime } from 'luxon';
import { expect } from 'vitest';
import { isoTime, setClockVariables } from '../../../src/engine/clock-variables.js';
import { CallVariables } from '../../../src/engine/variables.js';

// Zones with summer time, half- and quarter-hour offsets, a 30-minute DST shift, and UTC.
const ZONES = [
  'Europe/Brussels',
  'America/New_York',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'UTC',
];
// 1900 .. 2100, so historic local-mean-time offsets are covered too.
const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });
// Around the Brussels spring-forward and fall-back transitions of 2026, to the millisecond.
const nearTransition = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 2, 29, 0, 0), max: Date.UTC(2026, 2, 29, 2, 0) }),
  fc.integer({ min: Date.UTC(2026, 9, 25, 0, 0), max: Date.UTC(2026, 9, 25, 2, 0) }),
);

function luxonVariables(now: number, zone: string): Record<string, string> {
  const local = DateTime.fromMillis(now, { zone });
  return {
    time: local.toFormat('HH:mm'),
    date: local.toFormat('yyyy-MM-dd'),
    weekday: local.setLocale('en').toFormat('ccc').toLowerCase(),
  };
}

test.prop([fc.oneof(instant, nearTransition), fc.constantFrom(...ZONES)], { numRuns: 2000 })(
  'isoTime writes exactly what luxon toISO writes',
  (now, zone) => {
    expect(isoTime(now, zone)).toBe(DateTime.fromMillis(now, { zone }).toISO());
  },
);

test.prop([fc.oneof(instant, nearTransition), fc.constantFrom(...ZONES)], { numRuns: 2000 })(
  'the time, date and weekday variables equal luxon formatting in the zone',
  (now, zone) => {
    const vars = new CallVariables();
    setClockVariables(vars, now, zone);
    expect(vars.toRecord()).toEqual(luxonVariables(now, zone));
  },
);
