import { describe, expect, it } from 'vitest';
import type { DestinationNode, OriginNode } from '../../../../src/plan/types.js';
import { harness } from '../support/harness.js';
import { node, planSet } from '../support/plan-set.js';

const zones = {
  'be-zones': { brussels: ['+322'], antwerp: ['+323'], namur: ['+3281'], 'namur-city': ['+32812'] },
};

function originPlan(outputs: Record<string, string>) {
  return planSet(
    [
      node<OriginNode>('by-origin', { type: 'origin', origins: 'be-zones', outputs }),
      node<DestinationNode>('dest', {
        type: 'destination',
        numbers: ['+3222022200'],
        strategy: 'sequential',
        ringTimeout: 30_000,
        outputs: {},
      }),
    ],
    { resources: { origins: zones } },
  );
}

describe('origin executor', () => {
  it('takes the zone whose prefix matches the caller and sets the zone variable', async () => {
    const record = await harness(originPlan({ antwerp: 'dest', rest: 'dest' }), {
      caller: '+3231234567',
    }).run();
    expect(record.steps[0]).toMatchObject({ node: 'by-origin', output: 'antwerp', target: 'dest' });
    expect(record.steps[0]?.reason).toContain('+323');
    expect(record.variables['zone']).toBe('antwerp');
  });

  it('prefers the longest matching prefix', async () => {
    const record = await harness(originPlan({ namur: 'dest', 'namur-city': 'dest', rest: 'dest' }), {
      caller: '+3281212345',
    }).run();
    expect(record.steps[0]?.output).toBe('namur-city');
  });

  it('takes rest when no zone matches', async () => {
    const record = await harness(originPlan({ brussels: 'dest', rest: 'dest' }), {
      caller: '+33123456789',
    }).run();
    expect(record.steps[0]).toMatchObject({ output: 'rest', target: 'dest' });
    expect(record.steps[0]?.reason).toContain('matches no zone');
  });

  it('falls back to rest, saying so, when the matched zone is not connected', async () => {
    const record = await harness(originPlan({ rest: 'dest' }), { caller: '+3221234567' }).run();
    expect(record.steps[0]).toMatchObject({ output: 'rest' });
    expect(record.steps[0]?.reason).toContain('brussels');
    expect(record.steps[0]?.reason).toContain('not connected');
  });
});
