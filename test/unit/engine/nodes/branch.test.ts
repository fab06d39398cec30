import { describe, expect, it } from 'vitest';
import type { BranchNode, HangupNode, PlanNode, SetNode } from '../../../../src/plan/types.js';
import { harness } from '../support/harness.js';
import { node, planSet } from '../support/plan-set.js';

function branchOn(tier: string | undefined) {
  const nodes: PlanNode[] = [
    node<BranchNode>('by-tier', {
      type: 'branch',
      variable: 'tier',
      cases: [
        { output: 'case1', equals: 'gold' },
        { output: 'case2', prefix: 'sil' },
        { output: 'vipish', oneOf: ['bronze', 'copper'] },
      ],
      outputs: { case1: 'end', case2: 'end', vipish: 'end', rest: 'end' },
    }),
    node<HangupNode>('end', { type: 'hangup', status: 480, outputs: {} }),
  ];
  if (tier !== undefined)
    nodes.unshift(node<SetNode>('init', { type: 'set', vars: { tier }, outputs: { next: 'by-tier' } }));
  return planSet(nodes);
}

async function branchStep(tier: string | undefined) {
  const record = await harness(branchOn(tier)).run();
  return record.steps.find((s) => s.node === 'by-tier');
}

describe('branch executor', () => {
  it('takes the first case that equals the value', async () => {
    expect((await branchStep('gold'))?.output).toBe('case1');
  });

  it('matches a prefix case and a oneOf case', async () => {
    expect((await branchStep('silver'))?.output).toBe('case2');
    expect((await branchStep('copper'))?.output).toBe('vipish');
  });

  it('takes rest when no case matches or the variable is unset', async () => {
    expect((await branchStep('lead'))?.output).toBe('rest');
    const unset = await branchStep(undefined);
    expect(unset?.output).toBe('rest');
    expect(unset?.reason).toContain('(unset)');
  });
});
