import { describe, expect, it } from 'vitest';
import { codes, compileYaml, planYaml } from '../support/compile-yaml.js';

/** A plan whose calendar node connects every rule, so only the coverage check can complain. */
function compileCalendar(rules: string[]) {
  const names = rules.map((r) => /name: ([\w-]+)/.exec(r)?.[1] as string);
  const outputs = [...new Set(names), 'rest'].map((n) => `${n}: hangup`).join(', ');
  const resources = `kind: resources\ncalendars:\n  c:\n    rules:\n${rules.map((r) => `      - ${r}\n`).join('')}`;
  const plan = planYaml('p', 'cal', `  cal: { type: calendar, calendar: c, outputs: { ${outputs} } }\n`);
  return compileYaml({ 'r.yaml': resources, 'p.yaml': plan });
}

describe('calendar rule coverage', () => {
  it('accepts the seed order: holidays, then opening hours, then the rest', () => {
    const result = compileCalendar([
      '{ name: holidays, dates: ["2026-12-25"] }',
      '{ name: open, days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00" }',
      '{ name: closed }',
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('rejects holidays placed after open + closed, which together match every minute', () => {
    const result = compileCalendar([
      '{ name: open, days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00" }',
      '{ name: closed }',
      '{ name: holidays, dates: ["2026-12-25", "2027-01-01"] }',
    ]);
    expect(codes(result)).toEqual(['PLAN_CALENDAR_RULE_SHADOWED']);
    expect(result.diagnostics[0]?.location.path).toBe('calendars.c.rules.2');
    expect(result.diagnostics[0]?.message).toContain('"open", "closed"');
  });

  it('accepts a holiday after weekday hours when the holiday falls outside them', () => {
    // 2026-12-26 is a Saturday: Mon-Fri opening hours never match it.
    const result = compileCalendar([
      '{ name: open, days: [mon, tue, wed, thu, fri] }',
      '{ name: boxing-day, dates: ["2026-12-26"] }',
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('rejects a weekly rule covered piecewise by earlier weekly rules, not by dated ones', () => {
    const pieces = compileCalendar([
      '{ name: morning, days: [mon], from: "00:00", to: "12:00" }',
      '{ name: afternoon, days: [mon], from: "12:00" }',
      '{ name: monday, days: [mon], from: "08:00", to: "09:00" }',
    ]);
    expect(codes(pieces)).toEqual(['PLAN_CALENDAR_RULE_SHADOWED']);
    const dated = compileCalendar([
      '{ name: holiday, dates: ["2026-12-28"] }',
      '{ name: monday, days: [mon] }',
    ]);
    expect(dated.diagnostics).toEqual([]);
  });

  it('rejects a time range that ends before it starts, and dates that fall on none of the days', () => {
    const result = compileCalendar([
      '{ name: night, from: "22:00", to: "06:00" }',
      '{ name: odd, dates: ["2026-12-25"], days: [sat, sun] }',
    ]);
    expect(codes(result)).toEqual(['PLAN_CALENDAR_TIME_RANGE', 'PLAN_CALENDAR_RULE_SHADOWED']);
  });
});
