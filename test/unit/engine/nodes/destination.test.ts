// biome-ignore-all lint/suspicious/noTemplateCurlyInString: plan templates are written `${name}`, as in YAML.
import { describe, expect, it } from 'vitest';
import type { DestinationNode } from '../../../../src/plan/types.js';
import { harness } from '../support/harness.js';
import { node, planSet } from '../support/plan-set.js';

function destination(fields: Partial<DestinationNode> & { outputs?: Record<string, string> }) {
  return node<DestinationNode>('dest', {
    type: 'destination',
    numbers: ['+3222022211'],
    strategy: 'sequential',
    ringTimeout: 20_000,
    outputs: {},
    ...fields,
  });
}

const main = node<DestinationNode>('main', {
  type: 'destination',
  numbers: ['+3222022200'],
  strategy: 'sequential',
  ringTimeout: 30_000,
  outputs: {},
});

describe('destination executor: ringing', () => {
  it('takes answered when the bridged call ends, and the call completes', async () => {
    const h = harness(planSet([destination({})]));
    const record = await h.run();
    expect(record.steps[0]).toMatchObject({ output: 'answered', target: undefined });
    expect(record.steps[0]?.reason).toBe(
      'answered by +3222022211 (no scripted outcome left: assumed answered), ended by calleeHangup',
    );
    expect(record.rang).toEqual(['+3222022211']);
    expect(record.end).toMatchObject({ how: 'completed', outcome: 'answered' });
  });

  it('hunts sequentially, one ring per number, until one answers', async () => {
    const set = planSet([destination({ numbers: ['+321', '+322', '+323'], strategy: 'sequential' })]);
    const h = harness(set, { outcomes: ['noAnswer', 'busy', 'answered'] });
    const record = await h.run();
    expect(h.call.rings.map((r) => r.numbers)).toEqual([['+321'], ['+322'], ['+323']]);
    expect(record.rang).toEqual(['+321', '+322', '+323']);
    expect(record.steps[0]?.output).toBe('answered');
  });

  it('rings every number at once, in one ring, for a parallel destination', async () => {
    const set = planSet([destination({ numbers: ['+321', '+322'], strategy: 'parallel' })]);
    const h = harness(set, { outcomes: ['busy'] });
    const record = await h.run();
    expect(h.call.rings).toMatchObject([{ numbers: ['+321', '+322'], parallel: true }]);
    expect(record.steps[0]?.output).toBe('busy');
  });

  it('gives the sequential group the last attempt outcome and says what each attempt did', async () => {
    const set = planSet([destination({ numbers: ['+321', '+322'], strategy: 'sequential' })]);
    const record = await harness(set, { outcomes: ['busy', 'noAnswer'] }).run();
    expect(record.steps[0]?.output).toBe('noAnswer');
    expect(record.steps[0]?.reason).toBe('+321: 486 Busy Here; +322: ring timeout 20000 ms');
  });

  it('follows a connected outcome to the next node', async () => {
    const set = planSet([destination({ outputs: { noAnswer: 'main' } }), main]);
    const record = await harness(set, { outcomes: ['noAnswer'] }).run();
    expect(record.steps.map((s) => `${s.node}:${s.output}`)).toEqual(['dest:noAnswer', 'main:answered']);
    expect(record.rang).toEqual(['+3222022211', '+3222022200']);
  });

  it('takes unreachable when a number template resolves empty', async () => {
    const set = planSet([destination({ numbers: ['${extensionNumber}'] })]);
    const h = harness(set);
    const record = await h.run();
    expect(record.steps[0]?.output).toBe('unreachable');
    expect(h.call.rings).toEqual([]);
    expect(record.end).toMatchObject({ how: 'released', status: 404 });
  });
});

describe('destination executor: unconnected outcomes release with the documented status', () => {
  it.each([
    ['busy', 486],
    ['noAnswer', 480],
    ['unreachable', 404],
    ['congestion', 503],
    ['cause31', 480],
  ] as const)('%s -> %i', async (outcome, status) => {
    const h = harness(planSet([destination({})]), { outcomes: [outcome] });
    const record = await h.run();
    expect(record.end).toMatchObject({ how: 'released', status, outcome });
    expect(h.call.released?.status).toBe(status);
  });

  it('a caller who hangs up while ringing ends the call without a release', async () => {
    const set = planSet([destination({ outputs: { noAnswer: 'main' } }), main]);
    const h = harness(set, { outcomes: ['interrupted'] });
    const record = await h.run();
    expect(record.steps[0]?.output).toBe('interrupted');
    expect(record.end).toMatchObject({ how: 'callerHangup' });
    expect(h.call.released).toBeUndefined();
  });
});
