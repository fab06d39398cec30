import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadPlanSet } from '../../../src/plan/index.js';

describe('the example plans in plans/', () => {
  it('validate with no error and no warning against announcements/', async () => {
    const result = await loadPlanSet('plans', { announcementsDir: 'announcements', systemLanguage: 'fr' });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(result.planSet?.plans.size).toBe(6);
  });
});
