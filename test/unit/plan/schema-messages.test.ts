import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/plan/index.js';
import { compileYaml } from './support/compile-yaml.js';

describe('schema diagnostics', () => {
  it('point at the offending key or value and say what is expected', () => {
    const text = `kind: plan
name: p
start: menu
nodes:
  menu:
    type: ivr
    prompt: closed
    choices: { "x": { next: "bad id" } }
  "bad id":
    type: hangup
    status: 200
`;
    expect(compileYaml({ 'p.yaml': text }).diagnostics.map(formatDiagnostic)).toEqual([
      'p.yaml:8:16 nodes.menu.choices.x: invalid name "x" (must match pattern "^[0-9*#]{1,8}$") [PLAN_SCHEMA]',
      'p.yaml:8:29 nodes.menu.choices.x.next: "bad id" is not valid: A node id of the same plan, or `hangup` to end the call. [PLAN_SCHEMA]',
      'p.yaml:9:3 nodes.bad id: invalid name "bad id": A name: letters, digits, `-`, `_`, `.`; starts with a letter or digit. [PLAN_SCHEMA]',
      'p.yaml:11:13 nodes.bad id.status: 200 must be >= 400 [PLAN_SCHEMA]',
    ]);
  });

  it('reports a file that is not a mapping', () => {
    const result = compileYaml({ 'empty.yaml': '# nothing yet\n' });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'empty.yaml:1:1 a plans file must be a mapping starting with `kind: plan`, `numbers` or `resources` [PLAN_SCHEMA]',
    ]);
  });
});
