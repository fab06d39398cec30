// biome-ignore-all lint/suspicious/noTemplateCurlyInString: plan templates are written `${name}`, as in YAML.
import { describe, expect, it } from 'vitest';
import type { EmailNode, HangupNode } from '../../../../src/plan/types.js';
import { harness } from '../support/harness.js';
import { node, planSet } from '../support/plan-set.js';

const set = planSet(
  [
    node<EmailNode>('mail', { type: 'email', template: 'call-variables', outputs: { next: 'end' } }),
    node<HangupNode>('end', { type: 'hangup', status: 480, outputs: {} }),
  ],
  {
    resources: {
      emailTemplates: {
        'call-variables': {
          to: ['ops@example.com', '${nobody}'],
          subject: 'Call ${callId}',
          body: 'caller=${caller} plan=${plan}',
        },
      },
    },
  },
);

describe('email executor', () => {
  it('sends the template rendered with the call variables, then goes on', async () => {
    const h = harness(set, { caller: '+3222000001', callId: 'abc' });
    const record = await h.run();
    expect(h.mailer.sent).toEqual([
      { id: 'dry-run-1', to: ['ops@example.com'], subject: 'Call abc', body: 'caller=+3222000001 plan=test' },
    ]);
    expect(record.steps[0]).toMatchObject({ output: 'next', target: 'end' });
  });

  it('goes on when the mail cannot be sent, and the trace says why', async () => {
    const mailer = { send: async () => Promise.reject(new Error('smtp down')) };
    const record = await harness(set, { mailer }).run();
    expect(record.steps[0]).toMatchObject({ output: 'next', target: 'end' });
    expect(record.steps[0]?.reason).toContain('NOT sent: smtp down');
    expect(record.end).toMatchObject({ how: 'released', status: 480 });
  });
});
