import type { EmailNode } from '../../plan/types.js';
import type { CallContext, StepOutcome } from '../call-context.js';
import { resource } from '../resource.js';
import { renderTemplate } from '../variables.js';

/** P12: send the templated e-mail; a mail failure is traced but never stops the call. */
export async function executeEmail(node: EmailNode, ctx: CallContext): Promise<StepOutcome> {
  const template = resource(ctx, node, 'emailTemplates', node.template);
  const message = {
    to: template.to.map((t) => renderTemplate(t, ctx.vars)).filter((to) => to.length > 0),
    subject: renderTemplate(template.subject, ctx.vars),
    body: renderTemplate(template.body, ctx.vars),
  };
  try {
    const { id } = await ctx.ports.mailer.send(message);
    return {
      output: 'next',
      reason: `e-mail "${template.name}" sent to ${message.to.join(', ')}`,
      data: { id, to: message.to, subject: message.subject },
    };
  } catch (err) {
    ctx.log.warn({ err, node: node.id }, 'e-mail failed');
    const why = err instanceof Error ? err.message : String(err);
    return {
      output: 'next',
      reason: `e-mail "${template.name}" NOT sent: ${why}`,
      data: { to: message.to, error: why },
    };
  }
}
