import type { CalendarResource, CalendarRule, Weekday } from '../types.js';
import type { CheckContext } from './check-context.js';

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MINUTES_PER_DAY = 24 * 60;

/** A rule as the set of (day, minute) it matches: weekly when `dates` is absent, else those dates only. */
interface RuleShape {
  readonly rule: CalendarRule;
  readonly days: ReadonlySet<number>;
  readonly dates: ReadonlySet<string> | undefined;
  readonly from: number;
  readonly to: number;
}

/**
 * P5: the first matching rule wins, so a rule whose every minute is already matched by earlier rules can
 * never be taken (the seed's "holidays after open + closed" mistake). Computed over the week's minutes
 * for weekly rules and over each listed date for dated rules.
 */
export function checkCalendarCoverage(ctx: CheckContext): void {
  for (const calendar of ctx.resources.calendars.values()) checkCalendar(ctx, calendar);
}

function checkCalendar(ctx: CheckContext, calendar: CalendarResource): void {
  const earlier: RuleShape[] = [];
  for (const rule of calendar.rules) {
    const shape = shapeOf(rule);
    if (shape.from >= shape.to) {
      const message = `rule ${JSON.stringify(rule.name)}: from ${rule.from ?? '00:00'} is not before to ${rule.to ?? '24:00'}`;
      ctx.sink.error('PLAN_CALENDAR_TIME_RANGE', message, rule.source);
      continue;
    }
    const points = pointsOf(shape);
    if (points.length === 0) {
      const message = `rule ${JSON.stringify(rule.name)} never matches: none of its dates falls on its days`;
      ctx.sink.error('PLAN_CALENDAR_RULE_SHADOWED', message, rule.source);
    } else {
      const covering = earlier.filter((e) => points.some((p) => covers(e, p)));
      if (points.every((p) => covering.some((e) => covers(e, p)))) {
        const names = covering.map((e) => JSON.stringify(e.rule.name)).join(', ');
        const message = `rule ${JSON.stringify(rule.name)} can never match: earlier rules ${names} always match first`;
        ctx.sink.error('PLAN_CALENDAR_RULE_SHADOWED', message, rule.source);
      }
    }
    earlier.push(shape);
  }
}

function shapeOf(rule: CalendarRule): RuleShape {
  const days = rule.days === undefined ? [0, 1, 2, 3, 4, 5, 6] : rule.days.map((d) => WEEKDAYS.indexOf(d));
  return {
    rule,
    days: new Set(days),
    dates: rule.dates === undefined ? undefined : new Set(rule.dates),
    from: minutesOf(rule.from, 0),
    to: minutesOf(rule.to, MINUTES_PER_DAY),
  };
}

/** One minute of one day: `date` undefined stands for every date of that weekday. */
interface Point {
  readonly weekday: number;
  readonly date: string | undefined;
  readonly minute: number;
}

function pointsOf(shape: RuleShape): Point[] {
  const days: { weekday: number; date: string | undefined }[] =
    shape.dates === undefined
      ? [...shape.days].map((weekday) => ({ weekday, date: undefined }))
      : [...shape.dates]
          .map((date) => ({ weekday: weekdayOf(date), date }))
          .filter((d) => shape.days.has(d.weekday));
  const points: Point[] = [];
  for (const day of days) {
    for (let minute = shape.from; minute < shape.to; minute++) points.push({ ...day, minute });
  }
  return points;
}

/** A dated rule covers only its dates, so it can never cover "every Monday". */
function covers(shape: RuleShape, p: Point): boolean {
  if (!shape.days.has(p.weekday) || p.minute < shape.from || p.minute >= shape.to) return false;
  if (shape.dates === undefined) return true;
  return p.date !== undefined && shape.dates.has(p.date);
}

function minutesOf(time: string | undefined, fallback: number): number {
  if (time === undefined) return fallback;
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Monday = 0 ... Sunday = 6, for an ISO date (the calendar day itself, whatever the time zone). */
function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}
