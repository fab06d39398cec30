import { describe, expect, it } from 'vitest';
import { compileYaml, planYaml } from './support/compile-yaml.js';

const RESOURCES = `kind: resources
directory:
  helpdesk: { numbers: ["+3222022301", "+3222022302"] }
`;

describe('compilePlanSet', () => {
  it('compiles durations to ms, directory entries to numbers and a default limit key of <plan>/<node>', () => {
    const plan = planYaml(
      'p',
      'desk',
      `  desk:
    type: destination
    directory: helpdesk
    strategy: parallel
    ringTimeout: 1m30s
    limit: { perInterval: { calls: 3, interval: 20 } }
    outputs: { overLimit: hangup, busy: hangup, noAnswer: hangup, unreachable: hangup, congestion: hangup, cause31: hangup }
`,
    );
    const { planSet, diagnostics } = compileYaml({ 'r.yaml': RESOURCES, 'p.yaml': plan });
    expect(diagnostics).toEqual([]);
    expect(planSet?.plans.get('p')?.nodes.get('desk')).toMatchObject({
      type: 'destination',
      numbers: ['+3222022301', '+3222022302'],
      strategy: 'parallel',
      ringTimeout: 90_000,
      limit: { perInterval: { calls: 3, interval: 20_000 }, key: 'p/desk' },
      outputs: { busy: 'hangup' },
    });
  });

  it('turns next, IVR choices and branch cases into outputs', () => {
    const plan = planYaml(
      'p',
      'menu',
      `  menu:
    type: ivr
    prompt: choose-language
    choices: { "1": { next: tier, language: nl }, "2": { next: bye } }
    outputs: { noInput: bye, invalid: bye }
  tier:
    type: branch
    variable: caller
    cases: [{ prefix: "+32", next: bye }, { name: gold, oneOf: [a, b], next: bye }]
    rest: bye
  bye:
    type: announcement
    prompt: closed
    next: hangup
`,
    );
    const nodes = compileYaml({ 'p.yaml': plan }).planSet?.plans.get('p')?.nodes;
    expect(nodes?.get('menu')).toMatchObject({
      outputs: { '1': 'tier', '2': 'bye', noInput: 'bye', invalid: 'bye' },
      choices: { '1': { output: '1', language: 'nl' }, '2': { output: '2' } },
      retries: 2,
      timeout: 5000,
      interDigitTimeout: 3000,
    });
    expect(nodes?.get('tier')).toMatchObject({
      outputs: { case1: 'bye', gold: 'bye', rest: 'bye' },
      cases: [
        { output: 'case1', prefix: '+32' },
        { output: 'gold', oneOf: ['a', 'b'] },
      ],
    });
    expect(nodes?.get('bye')?.outputs).toEqual({ next: 'hangup' });
  });

  it('freezes the compiled model so no call can change it', () => {
    const plan = planYaml('p', 'end', '  end: { type: hangup }\n');
    const planSet = compileYaml({ 'p.yaml': plan }).planSet;
    const end = planSet?.plans.get('p')?.nodes.get('end');
    expect(end).toMatchObject({ type: 'hangup', status: 480 });
    expect(Object.isFrozen(end)).toBe(true);
    expect(Object.isFrozen(end?.source)).toBe(true);
  });

  it('reports every error of every file, not only the first', () => {
    const broken = planYaml('a', 'x', '  x: { type: hangup, colour: red }\n');
    const dangling = planYaml('b', 'y', '  y: { type: announcement, prompt: closed, next: nowhere }\n');
    const syntax = 'kind: plan\nname: [c\n';
    const result = compileYaml({ 'a.yaml': broken, 'b.yaml': dangling, 'c.yaml': syntax });
    // Schema and syntax come first: the semantic checks need well-formed files.
    expect(result.diagnostics.map((d) => `${d.location.file} ${d.code}`)).toEqual([
      'a.yaml PLAN_SCHEMA',
      'c.yaml PLAN_YAML_SYNTAX',
    ]);
    const fixed = compileYaml({
      'b.yaml': dangling,
      'd.yaml': planYaml('d', 'nowhere', '  z: { type: hangup }\n'),
    });
    expect(fixed.diagnostics.map((d) => `${d.location.file} ${d.code}`)).toEqual([
      'b.yaml PLAN_UNKNOWN_NODE',
      'd.yaml PLAN_UNKNOWN_NODE',
      'd.yaml PLAN_UNREACHABLE_NODE',
    ]);
  });
});
