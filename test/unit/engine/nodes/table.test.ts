import { describe, expect, it } from 'vitest';
import type { BranchNode, HangupNode, TableNode } from '../../../../src/plan/types.js';
import { harness } from '../support/harness.js';
import { node, planSet } from '../support/plan-set.js';

const set = planSet(
  [
    node<TableNode>('lookup', {
      type: 'table',
      table: 'customers',
      query: 'SELECT tier, name FROM customers WHERE cli = :caller',
      outputs: { found: 'by-tier', notFound: 'end' },
    }),
    node<BranchNode>('by-tier', {
      type: 'branch',
      variable: 'tier',
      cases: [{ output: 'case1', equals: 'gold' }],
      outputs: { case1: 'end', rest: 'end' },
    }),
    node<HangupNode>('end', { type: 'hangup', status: 480, outputs: {} }),
  ],
  {
    resources: {
      tables: {
        customers: { columns: ['cli', 'tier', 'name'], rows: [['+32475000001', 'gold', null]] },
      },
    },
  },
);

describe('table executor', () => {
  it('binds call variables as named parameters and turns the row into variables', async () => {
    const record = await harness(set, { caller: '+32475000001' }).run();
    expect(record.steps[0]).toMatchObject({ output: 'found', target: 'by-tier' });
    expect(record.variables['tier']).toBe('gold');
    expect(record.variables['name']).toBe('');
    expect(record.steps[1]?.output).toBe('case1');
  });

  it('takes notFound when the query returns no row', async () => {
    const record = await harness(set, { caller: '+32475000009' }).run();
    expect(record.steps[0]).toMatchObject({ output: 'notFound', target: 'end' });
    expect(record.variables['tier']).toBeUndefined();
  });

  it('ends the call with 500 and ENGINE_NODE_FAILED when the query fails', async () => {
    const failing = {
      queryFirst: () => {
        throw new Error('disk on fire');
      },
    };
    const h = harness(set, { tables: failing });
    const record = await h.run();
    expect(record.steps[0]).toMatchObject({ output: 'error' });
    expect(record.end).toMatchObject({ how: 'error', status: 500, code: 'ENGINE_NODE_FAILED' });
    expect(h.call.released?.status).toBe(500);
  });
});
