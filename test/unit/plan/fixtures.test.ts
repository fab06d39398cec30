import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/plan/index.js';
import { compileFixture, FIXTURES, summaryLine } from './support/fixtures.js';

const badCases = readdirSync(join(FIXTURES, 'bad')).sort();

describe('plan fixtures', () => {
  it('the good plans directory compiles with no diagnostic at all', () => {
    const result = compileFixture(join(FIXTURES, 'good'));
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    const nodes = [...(result.planSet?.plans.get('support')?.nodes.values() ?? [])];
    expect(new Set(nodes.map((n) => n.type)).size).toBe(13);
  });

  it.each(badCases)('bad/%s produces exactly the diagnostics of its expected.json', (name) => {
    const dir = join(FIXTURES, 'bad', name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as string[];
    const result = compileFixture(dir);
    expect(result.diagnostics.map(summaryLine)).toEqual(expected);
    const hasError = result.diagnostics.some((d) => d.severity === 'error');
    expect(result.planSet === undefined).toBe(hasError);
  });
});
