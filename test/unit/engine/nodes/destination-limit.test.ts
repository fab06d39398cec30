import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/engine/dry-run/virtual-clock.js';
import type { DestinationLimit, DestinationNode, QueueSettings } from '../../../../src/plan/types.js';
import { MemoryStore } from '../../../../src/store/memory-store.js';
import { harness, heldBridge, TUESDAY_10H } from '../support/harness.js';
import { node, planSet } from '../support/plan-set.js';

const KEY = 'test/dest';

function limitedPlan(limit: Omit<DestinationLimit, 'key'>, queue?: QueueSettings) {
  return planSet([
    node<DestinationNode>('dest', {
      type: 'destination',
      numbers: ['+3222022251'],
      strategy: 'sequential',
      ringTimeout: 20_000,
      limit: { ...limit, key: KEY },
      ...(queue && { queue }),
      outputs: { overLimit: 'main', queueTimeout: 'main', queueFull: 'main' },
    }),
    node<DestinationNode>('main', {
      type: 'destination',
      numbers: ['+3222022200'],
      strategy: 'sequential',
      ringTimeout: 20_000,
      outputs: {},
    }),
  ]);
}

function shared() {
  const clock = new VirtualClock(TUESDAY_10H);
  return { clock, store: new MemoryStore({ clock }) };
}

describe('destination limit: simultaneous calls (P8a)', () => {
  it('sends the call over the limit to overLimit while the first one is up', async () => {
    const set = limitedPlan({ simultaneous: 1 });
    const env = shared();
    const bridge = heldBridge();
    const first = harness(set, { ...env, callId: 'a', bridgeEnds: bridge.ends }).run();
    await bridge.up;
    const second = await harness(set, { ...env, callId: 'b' }).run();
    expect(second.steps[0]).toMatchObject({ output: 'overLimit', target: 'main' });
    expect(second.steps[0]?.reason).toBe('over limit: 1/1 simultaneous calls in use');
    bridge.hangUp();
    expect((await first).steps[0]?.output).toBe('answered');
    expect(await env.store.slotsInUse(KEY)).toBe(0);
  });

  it('keeps the slot past its lease while the call is up, by renewing it', async () => {
    const set = limitedPlan({ simultaneous: 1 });
    const env = shared();
    const bridge = heldBridge();
    const first = harness(set, { ...env, callId: 'a', bridgeEnds: bridge.ends }).run();
    await bridge.up;
    await env.clock.sleep(5 * 60_000);
    expect(await env.store.slotsInUse(KEY)).toBe(1);
    bridge.hangUp();
    await first;
    expect(await env.store.slotsInUse(KEY)).toBe(0);
  });

  it.each(['busy', 'noAnswer', 'interrupted'] as const)(
    'releases the slot when the attempt ends %s',
    async (outcome) => {
      const env = shared();
      await harness(limitedPlan({ simultaneous: 1 }), { ...env, outcomes: [outcome] }).run();
      expect(await env.store.slotsInUse(KEY)).toBe(0);
    },
  );
});

describe('destination limit: calls per interval (P8b)', () => {
  it('refuses the fourth attempt within 20 s and accepts again once the window has passed', async () => {
    const set = limitedPlan({ perInterval: { calls: 3, interval: 20_000 } });
    const env = shared();
    const outputs: string[] = [];
    for (const id of ['a', 'b', 'c', 'd'])
      outputs.push((await harness(set, { ...env, callId: id }).run()).steps[0]?.output ?? '');
    expect(outputs).toEqual(['answered', 'answered', 'answered', 'overLimit']);
    await env.clock.sleep(20_000);
    const later = await harness(set, { ...env, callId: 'e' }).run();
    expect(later.steps[0]?.output).toBe('answered');
  });
});

const queue: QueueSettings = {
  welcome: 'queue-welcome',
  firstInLine: 'queue-first',
  periodic: { prompt: 'queue-periodic', every: 30_000 },
  announcePosition: true,
  maxWait: 120_000,
  maxLength: 2,
};

describe('destination queue (P9)', () => {
  it('queues a caller over the limit and rings once the slot frees, with the announcements', async () => {
    const set = limitedPlan({ simultaneous: 1 }, queue);
    const env = shared();
    const bridge = heldBridge();
    const first = harness(set, { ...env, callId: 'a', bridgeEnds: bridge.ends }).run();
    await bridge.up;
    const waiting = harness(set, { ...env, callId: 'b' });
    const second = waiting.run();
    await env.clock.sleep(45_000);
    expect(await env.store.queueLength(KEY)).toBe(1);
    bridge.hangUp();
    const record = await second;
    await first;
    expect(record.steps[0]?.output).toBe('answered');
    expect(record.steps[0]?.reason).toMatch(
      /^over limit: 1\/1 simultaneous calls in use; waited 45(\.\d)?s in queue/,
    );
    expect(waiting.media.played.map((p) => p.prompts.join('+'))).toEqual([
      'queue-welcome',
      'queue-position+digit-1',
      'queue-first',
      'queue-periodic',
      'queue-position+digit-1',
    ]);
    expect(await env.store.queueLength(KEY)).toBe(0);
  });

  it('starts the queue music in the call language after welcome and position, off on leaving (maxWait)', async () => {
    const set = limitedPlan({ simultaneous: 1 }, { ...queue, music: 'queue-music', maxWait: 10_000 });
    const env = shared();
    const bridge = heldBridge();
    const first = harness(set, { ...env, callId: 'a', bridgeEnds: bridge.ends }).run();
    await bridge.up;
    const waiting = harness(set, { ...env, callId: 'b' });
    const music: string[] = [];
    Object.assign(waiting.media, {
      holdMusic: async (prompt: string | undefined, language: string) => {
        music.push(`${prompt ?? 'silence'} (${language}) after ${waiting.media.played.length} prompt(s)`);
      },
    });
    const record = await waiting.run();
    bridge.hangUp();
    await first;
    expect(record.steps[0]?.output).toBe('queueTimeout');
    // On once welcome and position were heard, off after the last announcement (first in line).
    expect(waiting.media.played).toHaveLength(3);
    expect(music).toEqual(['queue-music (fr) after 2 prompt(s)', 'silence (fr) after 3 prompt(s)']);
  });

  it('takes queueTimeout after maxWait and leaves the queue', async () => {
    const set = limitedPlan({ simultaneous: 1 }, queue);
    const env = shared();
    const bridge = heldBridge();
    const first = harness(set, { ...env, callId: 'a', bridgeEnds: bridge.ends }).run();
    await bridge.up;
    const record = await harness(set, { ...env, callId: 'b' }).run();
    expect(record.steps[0]).toMatchObject({ output: 'queueTimeout', target: 'main' });
    expect(Date.parse(record.steps[1]?.at ?? '') - Date.parse(record.startedAt)).toBe(120_000);
    expect(await env.store.queueLength(KEY)).toBe(0);
    bridge.hangUp();
    await first;
  });

  it('takes queueFull when maxLength callers already wait', async () => {
    const set = limitedPlan({ simultaneous: 1 }, queue);
    const env = shared();
    const bridge = heldBridge();
    const first = harness(set, { ...env, callId: 'a', bridgeEnds: bridge.ends }).run();
    await bridge.up;
    const waiters = ['b', 'c'].map((id) => harness(set, { ...env, callId: id }).run());
    await env.clock.sleep(1000);
    const full = await harness(set, { ...env, callId: 'd' }).run();
    expect(full.steps[0]).toMatchObject({ output: 'queueFull', target: 'main' });
    expect(full.steps[0]?.reason).toContain('queue full: 2 waiting (maxLength 2)');
    bridge.hangUp();
    await Promise.all([first, ...waiters]);
  });

  it('removes a caller who hangs up from the queue', async () => {
    const set = limitedPlan({ simultaneous: 1 }, queue);
    const env = shared();
    const bridge = heldBridge();
    const first = harness(set, { ...env, callId: 'a', bridgeEnds: bridge.ends }).run();
    await bridge.up;
    const leaving = harness(set, { ...env, callId: 'b' });
    const record = leaving.run();
    await env.clock.sleep(10_000);
    leaving.call.hangUp();
    const done = await record;
    expect(done.steps[0]?.output).toBe('interrupted');
    expect(done.end.how).toBe('callerHangup');
    expect(await env.store.queueLength(KEY)).toBe(0);
    bridge.hangUp();
    await first;
  });

  it('takes overLimit instead of queueing when the call has no media, and says so', async () => {
    const set = limitedPlan({ simultaneous: 1 }, queue);
    const env = shared();
    const bridge = heldBridge();
    const first = harness(set, { ...env, callId: 'a', bridgeEnds: bridge.ends }).run();
    await bridge.up;
    const record = await harness(set, { ...env, callId: 'b', mediaAvailable: false }).run();
    expect(record.steps[0]?.output).toBe('overLimit');
    expect(record.steps[0]?.reason).toContain('media is not available');
    bridge.hangUp();
    await first;
  });
});
