import { DateTime } from 'luxon';
import type { CalendarNode, CalendarRule } from '../../plan/types.js';
import type { CallContext, StepOutcome } from '../call-context.js';
import { resource } from '../resource.js';

/** P5: the first rule of the calendar that matches now, in the calendar's time zone (DST-correct). */
export async function executeCalendar(node: CalendarNode, ctx: CallContext): Promise<StepOutcome> {
  const calendar = resource(ctx, node, 'calendars', node.calendar);
  const local = DateTime.fromMillis(ctx.ports.clock.now(), { zone: calendar.timezone, locale: 'en' });
  const when = local.toFormat('ccc yyyy-MM-dd HH:mm ZZ');
  const rule = calendar.rules.find((r) => ruleMatches(r, local));
  if (rule === undefined) return { output: 'rest', reason: `no rule of "${calendar.name}" matches ${when}` };
  const data = { rule: rule.name, local: local.toISO(), timezone: calendar.timezone };
  if (node.outputs[rule.name] === undefined)
    return { output: 'rest', reason: `rule "${rule.name}" matches ${when} but is not connected`, data };
  return { output: rule.name, reason: `rule "${rule.name}" matches ${when}`, data };
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Every criterion the rule sets must hold: date list, weekdays, `from` inclusive, `to` exclusive. */
export function ruleMatches(rule: CalendarRule, local: DateTime): boolean {
  if (rule.dates !== undefined && !rule.dates.includes(local.toISODate() ?? '')) return false;
  if (rule.days !== undefined && !rule.days.includes(WEEKDAYS[local.weekday - 1] ?? 'mon')) return false;
  const minute = local.hour * 60 + local.minute;
  if (rule.from !== undefined && minute < minutesOf(rule.from)) return false;
  if (rule.to !== undefined && minute >= minutesOf(rule.to)) return false;
  return true;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
