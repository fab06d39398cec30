import type { ListNode } from '../../plan/types.js';
import type { CallContext, StepOutcome } from '../call-context.js';
import { resource } from '../resource.js';

/** P10: is the caller's number on the list? */
export async function executeList(node: ListNode, ctx: CallContext): Promise<StepOutcome> {
  const list = resource(ctx, node, 'lists', node.list);
  return list.numbers.has(ctx.caller)
    ? { output: 'listed', reason: `caller ${ctx.caller} is on list "${list.name}"` }
    : { output: 'notListed', reason: `caller ${ctx.caller} is not on list "${list.name}"` };
}
