import { describe, expect, it } from 'vitest';
import { formatDiagnostic, parseDuration } from '../../../src/plan/index.js';

describe('formatDiagnostic', () => {
  it('prints file:line:column, the YAML path, the message and the code', () => {
    const location = { file: 'plans/sales.yaml', line: 42, column: 7, path: 'nodes.hours.outputs.open' };
    const text = formatDiagnostic({
      severity: 'error',
      code: 'PLAN_UNKNOWN_NODE',
      message: 'unknown node "ivr-mian"',
      location,
    });
    expect(text).toBe(
      'plans/sales.yaml:42:7 nodes.hours.outputs.open: unknown node "ivr-mian" [PLAN_UNKNOWN_NODE]',
    );
  });

  it('marks warnings as such', () => {
    const location = { file: 'a.yaml', line: 1, column: 1, path: '' };
    const text = formatDiagnostic({ severity: 'warning', code: 'PLAN_LOOP', message: 'loop', location });
    expect(text).toBe('a.yaml:1:1 warning: loop [PLAN_LOOP]');
  });
});

describe('parseDuration', () => {
  it.each([
    ['20s', 20_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['2m', 120_000],
    ['1h', 3_600_000],
    [20, 20_000],
    [0.5, 500],
  ] as const)('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});
