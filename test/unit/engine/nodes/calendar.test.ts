import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { CalendarNode, CalendarResource, HangupNode } from '../../../../src/plan/types.js';
import { harness } from '../support/harness.js';
import { here, node, planSet } from '../support/plan-set.js';

const office: Omit<CalendarResource, 'name' | 'source'> = {
  timezone: 'Europe/Brussels',
  rules: [
    { name: 'holidays', source: here, dates: ['2026-12-25', '2027-01-01'] },
    { name: 'open', source: here, days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' },
  ],
};

const set = planSet(
  [
    node<CalendarNode>('hours', {
      type: 'calendar',
      calendar: 'office',
      outputs: { holidays: 'end', open: 'end', rest: 'end' },
    }),
    node<HangupNode>('end', { type: 'hangup', status: 480, outputs: {} }),
  ],
  { resources: { calendars: { office } } },
);

async function outputAt(local: string, zone = 'Europe/Brussels'): Promise<string | undefined> {
  const at = DateTime.fromISO(local, { zone }).toMillis();
  const record = await harness(set, { at }).run();
  return record.steps[0]?.output;
}

describe('calendar executor', () => {
  it('takes the holiday rule on a listed date, before the weekday rule', async () => {
    expect(await outputAt('2026-12-25T10:00')).toBe('holidays');
  });

  it('takes open on a Tuesday at 10:00 and rest on a Sunday', async () => {
    expect(await outputAt('2026-12-01T10:00')).toBe('open');
    expect(await outputAt('2026-12-06T10:00')).toBe('rest');
  });

  it('treats from as inclusive and to as exclusive', async () => {
    expect(await outputAt('2026-12-01T09:00')).toBe('open');
    expect(await outputAt('2026-12-01T08:59')).toBe('rest');
    expect(await outputAt('2026-12-01T18:00')).toBe('rest');
  });

  it('reads the time in the calendar zone across the DST change (Monday 2026-03-30, 07:30 UTC is 09:30 CEST)', async () => {
    // In winter 07:30 UTC is 08:30 in Brussels (closed); after the 2026-03-29 switch it is 09:30 (open).
    expect(await outputAt('2026-03-23T07:30', 'UTC')).toBe('rest');
    expect(await outputAt('2026-03-30T07:30', 'UTC')).toBe('open');
  });

  it('says which rule matched and the local time', async () => {
    const at = DateTime.fromISO('2026-12-25T10:00', { zone: 'Europe/Brussels' }).toMillis();
    const record = await harness(set, { at }).run();
    expect(record.steps[0]?.reason).toContain('rule "holidays" matches Fri 2026-12-25 10:00');
  });
});
