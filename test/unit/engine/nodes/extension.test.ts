// biome-ignore-all lint/suspicious/noTemplateCurlyInString: plan templates are written `${name}`, as in YAML.
import { describe, expect, it } from 'vitest';
import type { DestinationNode, ExtensionNode } from '../../../../src/plan/types.js';
import { harness } from '../support/harness.js';
import { node, planSet } from '../support/plan-set.js';

const set = planSet(
  [
    node<ExtensionNode>('dial', {
      type: 'extension',
      prompt: 'dial-extension',
      extensions: 'staff',
      maxDigits: 4,
      timeout: 5000,
      interDigitTimeout: 3000,
      outputs: { found: 'ring', notFound: 'hangup', noInput: 'hangup' },
    }),
    node<DestinationNode>('ring', {
      type: 'destination',
      numbers: ['${extensionNumber}'],
      strategy: 'sequential',
      ringTimeout: 20_000,
      outputs: {},
    }),
  ],
  { resources: { extensions: { staff: { '101': '+3222022201', '102': '+3222022202' } } } },
);

describe('extension executor', () => {
  it('maps the dialled extension to its number and rings it through ${extensionNumber}', async () => {
    const record = await harness(set, { dtmf: ['102#'] }).run();
    expect(record.steps[0]).toMatchObject({ output: 'found', reason: 'extension 102 -> +3222022202' });
    expect(record.variables).toMatchObject({ extension: '102', extensionNumber: '+3222022202' });
    expect(record.rang).toEqual(['+3222022202']);
  });

  it('takes notFound for an unknown extension and noInput for silence', async () => {
    const unknown = await harness(set, { dtmf: ['999'] }).run();
    expect(unknown.steps[0]).toMatchObject({ output: 'notFound', target: 'hangup' });
    const silent = await harness(set, { dtmf: [] }).run();
    expect(silent.steps[0]).toMatchObject({ output: 'noInput', target: 'hangup' });
    expect(silent.rang).toEqual([]);
  });
});
