import { describe, expect, it } from 'vitest';
import type { AnnouncementNode, HangupNode } from '../../../../src/plan/types.js';
import { harness } from '../support/harness.js';
import { node, planSet } from '../support/plan-set.js';

describe('announcement executor', () => {
  it('answers the caller, plays the prompt in the call language and goes on', async () => {
    const set = planSet(
      [
        node<AnnouncementNode>('closed', {
          type: 'announcement',
          prompt: 'closed',
          outputs: { next: 'hangup' },
        }),
      ],
      { language: 'de' },
    );
    const h = harness(set);
    const record = await h.run();
    expect(h.call.answered).toBe(true);
    expect(h.media.played).toMatchObject([{ prompts: ['closed'], language: 'de' }]);
    expect(record.steps[0]).toMatchObject({ output: 'next', target: 'hangup' });
    expect(record.end).toMatchObject({ how: 'released', status: 480 });
  });
});

describe('hangup executor', () => {
  it('releases an unanswered caller with its status and plays nothing', async () => {
    const set = planSet([node<HangupNode>('reject', { type: 'hangup', status: 603, outputs: {} })]);
    const h = harness(set);
    const record = await h.run();
    expect(h.call.answered).toBe(false);
    expect(h.call.released).toMatchObject({ status: 603 });
    expect(record.end).toMatchObject({ how: 'released', status: 603 });
  });

  it('answers to play its prompt before releasing', async () => {
    const set = planSet([
      node<HangupNode>('reject', { type: 'hangup', prompt: 'vip-only', status: 603, outputs: {} }),
    ]);
    const h = harness(set);
    const record = await h.run();
    expect(h.call.answered).toBe(true);
    expect(h.media.played.map((p) => p.prompts)).toEqual([['vip-only']]);
    expect(record.steps[0]?.reason).toBe('played vip-only (fr), released with 603');
  });
});
