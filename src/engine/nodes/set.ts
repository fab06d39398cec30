import type { SetNode } from '../../plan/types.js';
import type { CallContext, StepOutcome } from '../call-context.js';
import { renderTemplate } from '../variables.js';

/** P11: evaluate every template against the variables as they were before this node, then assign. */
export async function executeSet(node: SetNode, ctx: CallContext): Promise<StepOutcome> {
  const assigned = Object.fromEntries(
    Object.entries(node.vars).map(([name, template]) => [name, renderTemplate(template, ctx.vars)]),
  );
  for (const [name, value] of Object.entries(assigned)) ctx.vars.set(name, value);
  const shown = Object.entries(assigned).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return { output: 'next', reason: `set ${shown.join(', ') || 'nothing'}`, data: { vars: assigned } };
}
