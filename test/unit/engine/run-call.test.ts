import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RecordingMailer } from '../../../src/engine/dry-run/recording-mailer.js';
import { ScriptedCallControl } from '../../../src/engine/dry-run/scripted-call-control.js';
import { ScriptedMediaControl } from '../../../src/engine/dry-run/scripted-media.js';
import { VirtualClock } from '../../../src/engine/dry-run/virtual-clock.js';
import { runCall } from '../../../src/engine/run-call.js';
import { MAX_STEPS } from '../../../src/engine/walk-plan.js';
import { createRootLogger } from '../../../src/log/logger.js';
import type { AnnouncementNode, DestinationNode, ListNode, SetNode } from '../../../src/plan/types.js';
import { createTableQuery } from '../../../src/resources/table-query.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { harness, TUESDAY_10H } from './support/harness.js';
import { node, planSet, SERVICE_NUMBER } from './support/plan-set.js';

const dest = (id: string, outputs: Record<string, string> = {}) =>
  node<DestinationNode>(id, {
    type: 'destination',
    numbers: ['+3222022200'],
    strategy: 'sequential',
    ringTimeout: 1000,
    outputs,
  });

describe('runCall', () => {
  it('releases a call to an unknown number with 404 and records why', async () => {
    const h = harness(planSet([dest('main')]), { called: '+3278999999' });
    const record = await h.run();
    expect(record).toMatchObject({ group: undefined, plan: undefined, steps: [], rang: [] });
    expect(record.end).toMatchObject({ how: 'unknownNumber', status: 404 });
    expect(h.call.released?.status).toBe(404);
  });

  it('records every step with seq, time, node, type, output, target and reason', async () => {
    const set = planSet(
      [
        node<ListNode>('vip', { type: 'list', list: 'vip', outputs: { listed: 'main', notListed: 'main' } }),
        dest('main'),
      ],
      { resources: { lists: { vip: [] } } },
    );
    const record = await harness(set).run();
    expect(record.steps).toEqual([
      expect.objectContaining({ seq: 1, node: 'vip', type: 'list', output: 'notListed', target: 'main' }),
      expect.objectContaining({
        seq: 2,
        node: 'main',
        type: 'destination',
        output: 'answered',
        target: undefined,
      }),
    ]);
    expect(record.steps[0]?.at).toBe('2026-12-01T10:00:00.000+01:00');
    expect(record).toMatchObject({ group: 'test-group', plan: 'test', called: SERVICE_NUMBER });
  });

  it('marks the call traced when the caller is in the group traceCallers', async () => {
    const set = planSet([dest('main')], { traceCallers: ['+32479123456'] });
    expect((await harness(set, { caller: '+32479123456' }).run()).traced).toBe(true);
    expect((await harness(set, { caller: '+32479000000' }).run()).traced).toBe(false);
  });

  it('gives the call its system variables', async () => {
    const record = await harness(planSet([dest('main')]), { caller: '+3222000001', callId: 'c-7' }).run();
    expect(record.variables).toMatchObject({
      callId: 'c-7',
      caller: '+3222000001',
      called: SERVICE_NUMBER,
      group: 'test-group',
      plan: 'test',
      language: 'fr',
      time: '10:00',
      date: '2026-12-01',
      weekday: 'tue',
    });
  });

  it(`stops a plan that loops without end after ${MAX_STEPS} steps with ENGINE_STEP_LIMIT and a 500`, async () => {
    const set = planSet([
      node<SetNode>('a', { type: 'set', vars: { x: '1' }, outputs: { next: 'b' } }),
      node<SetNode>('b', { type: 'set', vars: { x: '2' }, outputs: { next: 'a' } }),
    ]);
    const h = harness(set);
    const record = await h.run();
    expect(record.steps).toHaveLength(MAX_STEPS);
    expect(record.end).toMatchObject({ how: 'stepLimit', status: 500, code: 'ENGINE_STEP_LIMIT' });
    expect(h.call.released?.status).toBe(500);
  });

  it('releases with 480 when a non-destination output is not connected', async () => {
    const set = planSet(
      [node<ListNode>('vip', { type: 'list', list: 'vip', outputs: { listed: 'main' } }), dest('main')],
      {
        resources: { lists: { vip: [] } },
      },
    );
    const record = await harness(set).run();
    expect(record.steps[0]).toMatchObject({ output: 'notListed', target: undefined });
    expect(record.end).toMatchObject({ how: 'released', status: 480, outcome: 'notListed' });
  });

  it('releases with the outcome status when the output leads to hangup', async () => {
    const set = planSet([dest('main', { busy: 'hangup' })]);
    const record = await harness(set, { outcomes: ['busy'] }).run();
    expect(record.steps[0]).toMatchObject({ output: 'busy', target: 'hangup' });
    expect(record.end).toMatchObject({ how: 'released', status: 486 });
  });

  it('does not play or ring for a caller who already left', async () => {
    const set = planSet([
      dest('first', { interrupted: 'sorry' }),
      node<AnnouncementNode>('sorry', { type: 'announcement', prompt: 'sorry', outputs: { next: 'main' } }),
      dest('main'),
    ]);
    const h = harness(set, { outcomes: ['interrupted'] });
    const record = await h.run();
    expect(record.steps.map((s) => s.node)).toEqual(['first']);
    expect(record.end.how).toBe('callerHangup');
    expect(h.media.played).toEqual([]);
  });

  it('logs through a per-call child logger carrying callId, caller, called, group and plan', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const clock = new VirtualClock(TUESDAY_10H);
    const set = planSet([dest('main')]);
    const ports = {
      call: new ScriptedCallControl({ clock }),
      media: new ScriptedMediaControl({ clock }),
      clock,
      store: new MemoryStore({ clock }),
      mailer: new RecordingMailer(),
      tables: createTableQuery(set.resources.tables),
    };
    const input = { callId: 'log-1', caller: '+3222000001', called: SERVICE_NUMBER };
    await runCall(input, { planSet: set, ports, logger: createRootLogger('info', sink) });
    const nodeDone = lines.find((l) => l['msg'] === 'node done');
    expect(nodeDone).toMatchObject({
      ...input,
      group: 'test-group',
      plan: 'test',
      node: 'main',
      output: 'answered',
    });
  });
});
