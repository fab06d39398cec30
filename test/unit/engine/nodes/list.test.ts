import { describe, expect, it } from 'vitest';
import type { HangupNode, ListNode } from '../../../../src/plan/types.js';
import { harness } from '../support/harness.js';
import { node, planSet } from '../support/plan-set.js';

const set = planSet(
  [
    node<ListNode>('vip', { type: 'list', list: 'vip', outputs: { listed: 'in', notListed: 'out' } }),
    node<HangupNode>('in', { type: 'hangup', status: 486, outputs: {} }),
    node<HangupNode>('out', { type: 'hangup', status: 603, outputs: {} }),
  ],
  { resources: { lists: { vip: ['+32475000001', '+32475000002'] } } },
);

describe('list executor', () => {
  it('takes listed for a caller on the list', async () => {
    const record = await harness(set, { caller: '+32475000002' }).run();
    expect(record.steps[0]).toMatchObject({ output: 'listed', target: 'in' });
  });

  it('takes notListed for any other caller', async () => {
    const record = await harness(set, { caller: '+32475000003' }).run();
    expect(record.steps[0]).toMatchObject({ output: 'notListed', target: 'out' });
    expect(record.end).toMatchObject({ how: 'released', status: 603 });
  });
});
