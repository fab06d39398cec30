import { describe, expect, it } from 'vitest';
import { languagesAtNodes } from '../../../../src/plan/checks/language-flow.js';
import { compileYaml, planYaml } from '../support/compile-yaml.js';

const MENU = planYaml(
  'p',
  'menu',
  `  menu:
    type: ivr
    prompt: choose-language
    choices: { "1": { next: play, language: de }, "2": { next: english } }
    outputs: { noInput: play, invalid: play }
  english: { type: language, language: en, next: play }
  play: { type: announcement, prompt: closed, next: hangup }
`,
);

function flow(systemLanguage: 'fr' | 'bi', extraPlanLanguage = '') {
  const text = extraPlanLanguage ? MENU.replace('nodes:', `language: ${extraPlanLanguage}\nnodes:`) : MENU;
  const plan = compileYaml({ 'p.yaml': text }, systemLanguage).planSet?.plans.get('p');
  if (plan === undefined) throw new Error('plan did not compile');
  return languagesAtNodes(plan, systemLanguage);
}

describe('languages a call can have at each node', () => {
  it('starts from the system language; `bi` means both nl and fr', () => {
    expect([...(flow('fr').get('menu') ?? [])]).toEqual(['fr']);
    expect([...(flow('bi').get('menu') ?? [])].sort()).toEqual(['fr', 'nl']);
  });

  it('starts from the plan language when the plan sets one', () => {
    expect([...(flow('bi', 'en').get('menu') ?? [])]).toEqual(['en']);
  });

  it('follows IVR choices and language nodes downstream', () => {
    const languages = flow('fr');
    expect([...(languages.get('play') ?? [])].sort()).toEqual(['de', 'en', 'fr']);
    expect([...(languages.get('english') ?? [])]).toEqual(['fr']);
  });
});
