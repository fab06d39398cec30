// biome-ignore-all lint/suspicious/noTemplateCurlyInString: plan templates are written `${name}`, as in YAML.
import { describe, expect, it } from 'vitest';
import type { AnnouncementNode, IvrNode, LanguageNode, SetNode } from '../../../../src/plan/types.js';
import { harness } from '../support/harness.js';
import { node, planSet } from '../support/plan-set.js';

describe('set executor', () => {
  it('renders templates against the call variables and assigns them', async () => {
    const set = planSet([
      node<SetNode>('init', {
        type: 'set',
        vars: { greeting: 'hello ${caller} on ${called}', empty: '${nothing}' },
        outputs: {},
      }),
    ]);
    const record = await harness(set, { caller: '+3222000001' }).run();
    expect(record.variables['greeting']).toBe('hello +3222000001 on +3278000099');
    expect(record.variables['empty']).toBe('');
    expect(record.steps[0]?.reason).toContain('greeting="hello +3222000001');
  });
});

describe('language executor', () => {
  it('changes the language of the prompts played after it', async () => {
    const set = planSet(
      [
        node<LanguageNode>('to-nl', { type: 'language', language: 'nl', outputs: { next: 'hello' } }),
        node<AnnouncementNode>('hello', { type: 'announcement', prompt: 'hello', outputs: {} }),
      ],
      { language: 'fr' },
    );
    const h = harness(set);
    const record = await h.run();
    expect(record.steps[0]?.reason).toBe('language fr -> nl');
    expect(record.variables['language']).toBe('nl');
    expect(h.media.played).toMatchObject([{ prompts: ['hello'], language: 'nl' }]);
  });
});

describe('bilingual system default', () => {
  it('plays NL then FR or FR then NL, as the random source decides', async () => {
    const set = planSet(
      [node<AnnouncementNode>('hello', { type: 'announcement', prompt: 'hello', outputs: {} })],
      {
        system: 'bi',
      },
    );
    const low = harness(set, { random: () => 0.1 });
    await low.run();
    expect(low.media.played.map((p) => p.language)).toEqual(['nl', 'fr']);
    const high = harness(set, { random: () => 0.9 });
    await high.run();
    expect(high.media.played.map((p) => p.language)).toEqual(['fr', 'nl']);
  });
});

describe('bilingual menu', () => {
  it('plays the menu in one language, then collects while playing it in the other', async () => {
    const set = planSet(
      [
        node<IvrNode>('menu', {
          type: 'ivr',
          prompt: 'choose-language',
          choices: { '1': { output: '1', language: 'fr' } },
          retries: 0,
          timeout: 5000,
          interDigitTimeout: 3000,
          outputs: { '1': 'hangup' },
        }),
      ],
      { system: 'bi' },
    );
    const h = harness(set, { random: () => 0.1, dtmf: ['1'] });
    const record = await h.run();
    expect(h.media.played.map((p) => `${p.prompts.join('+')}/${p.language}`)).toEqual([
      'choose-language/nl',
      'choose-language/fr',
    ]);
    expect(record.steps[0]?.output).toBe('1');
    expect(record.variables['language']).toBe('fr');
  });
});
