import { describe, expect, it } from 'vitest';
import type { ScriptedInput } from '../../../../src/engine/dry-run/scripted-media.js';
import type { AnnouncementNode, IvrNode } from '../../../../src/plan/types.js';
import { harness } from '../support/harness.js';
import { node, planSet } from '../support/plan-set.js';

const set = planSet(
  [
    node<IvrNode>('menu', {
      type: 'ivr',
      prompt: 'choose-language',
      invalidPrompt: 'invalid-choice',
      choices: { '1': { output: '1', language: 'nl' }, '2': { output: '2' } },
      retries: 1,
      timeout: 5000,
      interDigitTimeout: 3000,
      outputs: { '1': 'after', '2': 'after', noInput: 'after', invalid: 'after' },
    }),
    node<AnnouncementNode>('after', { type: 'announcement', prompt: 'after', outputs: {} }),
  ],
  { language: 'fr' },
);

async function menu(dtmf: ScriptedInput[]) {
  const h = harness(set, { dtmf });
  const record = await h.run();
  return { h, record, step: record.steps[0] };
}

describe('ivr executor', () => {
  it('takes the chosen digit and sets the language the choice names', async () => {
    const { h, record, step } = await menu(['1']);
    expect(step).toMatchObject({ output: '1', target: 'after', reason: 'pressed 1, language nl' });
    expect(record.variables['digits']).toBe('1');
    expect(h.media.played.at(-1)).toMatchObject({ prompts: ['after'], language: 'nl' });
  });

  it('keeps the language when the choice does not set one', async () => {
    const { h, step } = await menu(['2']);
    expect(step?.output).toBe('2');
    expect(h.media.played.at(-1)?.language).toBe('fr');
  });

  it('replays the menu after invalid input, with the invalid prompt first', async () => {
    const { h, step } = await menu(['9', '2']);
    expect(step).toMatchObject({ output: '2', reason: 'pressed 2 (after invalid "9")' });
    expect(h.media.played.map((p) => p.prompts)).toEqual([
      ['choose-language'],
      ['invalid-choice', 'choose-language'],
      ['after'],
    ]);
  });

  it('takes noInput after the retries run out without a digit, waiting the timeout each time', async () => {
    const { h, record, step } = await menu([]);
    expect(step).toMatchObject({ output: 'noInput', reason: 'no input, no input after 2 attempt(s)' });
    expect(Date.parse(record.steps[1]?.at ?? '') - Date.parse(record.startedAt)).toBe(10_000);
    expect(h.media.played.filter((p) => p.prompts.includes('choose-language'))).toHaveLength(2);
  });

  it('takes invalid when the last attempt was an invalid digit', async () => {
    const { step } = await menu([undefined, '7']);
    expect(step).toMatchObject({ output: 'invalid', reason: 'no input, invalid "7" after 2 attempt(s)' });
  });
});
