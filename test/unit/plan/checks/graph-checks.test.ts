import { describe, expect, it } from 'vitest';
import { codes, compileYaml, planYaml, RELEASE_ALL } from '../support/compile-yaml.js';

describe('loops', () => {
  it('rejects a cycle of nodes that never wait (set -> branch -> set)', () => {
    const plan = planYaml(
      'p',
      'a',
      `  a: { type: set, vars: { x: "1" }, next: b }
  b: { type: branch, variable: x, cases: [{ equals: "2", next: hangup }], rest: a }
`,
    );
    const result = compileYaml({ 'p.yaml': plan });
    expect(codes(result)).toEqual(['PLAN_INFINITE_LOOP']);
    expect(result.planSet).toBeUndefined();
  });

  it('only warns about a cycle through a menu, which waits for the caller', () => {
    const plan = planYaml(
      'p',
      'menu',
      `  menu:
    type: ivr
    prompt: choose-language
    choices: { "1": { next: hangup } }
    outputs: { noInput: again, invalid: again }
  again: { type: language, language: nl, next: menu }
`,
    );
    const result = compileYaml({ 'p.yaml': plan });
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning PLAN_LOOP']);
    expect(result.planSet).toBeDefined();
  });

  it('rejects a node that loops to itself without waiting', () => {
    const plan = planYaml('p', 'a', '  a: { type: set, vars: { x: "1" }, next: a }\n');
    expect(codes(compileYaml({ 'p.yaml': plan }))).toEqual(['PLAN_INFINITE_LOOP']);
  });
});

describe('outputs', () => {
  it('warns about each destination outcome left unconnected, with the status the caller gets', () => {
    const plan = planYaml(
      'p',
      'd',
      '  d: { type: destination, number: "+3222022200", outputs: { busy: hangup } }\n',
    );
    const result = compileYaml({ 'p.yaml': plan });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'outcome "noAnswer" is not connected: the caller is released with 480',
      'outcome "unreachable" is not connected: the caller is released with 404',
      'outcome "congestion" is not connected: the caller is released with 503',
      'outcome "cause31" is not connected: the caller is released with 480',
    ]);
    expect(result.planSet).toBeDefined();
  });

  it('accepts queue outputs only on a destination with a queue', () => {
    const plan = planYaml(
      'p',
      'd',
      `  d:
    type: destination
    number: "+3222022200"
    outputs: { queueFull: hangup, busy: hangup, noAnswer: hangup, unreachable: hangup, congestion: hangup, cause31: hangup }
`,
    );
    const result = compileYaml({ 'p.yaml': plan });
    expect(codes(result)).toEqual(['PLAN_UNKNOWN_OUTPUT']);
    expect(result.diagnostics[0]?.message).toContain('only with a `queue`');
  });

  it('requires every calendar rule and `rest` to be connected', () => {
    const resources = 'kind: resources\ncalendars:\n  c: { rules: [{ name: open, days: [mon] }] }\n';
    const plan = planYaml('p', 'cal', '  cal: { type: calendar, calendar: c, outputs: { open: hangup } }\n');
    const result = compileYaml({ 'r.yaml': resources, 'p.yaml': plan });
    expect(result.diagnostics.map((d) => d.message)).toEqual(['output "rest" is not connected']);
  });
});

describe('variables', () => {
  it('accepts variables set by `set`, selected by `table` and the system ones; warns about the others', () => {
    const resources = 'kind: resources\ntables:\n  t: { columns: [cli, tier, region], rows: [] }\n';
    const plan = planYaml(
      'p',
      'lookup',
      `  lookup: { type: table, table: t, query: "SELECT tier AS level FROM t WHERE cli = :caller", outputs: { found: s, notFound: s } }
  s: { type: set, vars: { who: "\${caller} \${level}" }, next: d }
  d: { type: destination, number: "\${who}\${region}", outputs: ${RELEASE_ALL} }
`,
    );
    const result = compileYaml({ 'r.yaml': resources, 'p.yaml': plan });
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.location.path}`)).toEqual([
      'warning PLAN_UNKNOWN_VARIABLE nodes.d.number',
    ]);
    expect(result.diagnostics[0]?.message).toContain('"region"');
  });
});
