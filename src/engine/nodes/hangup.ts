import type { HangupNode } from '../../plan/types.js';
import type { CallContext, StepOutcome } from '../call-context.js';
import { playPrompts } from '../media-prompts.js';

/** Explicit end: play the optional prompt (answering the caller), then release with the node's status. */
export async function executeHangup(node: HangupNode, ctx: CallContext): Promise<StepOutcome> {
  if (node.prompt !== undefined) {
    const played = await playPrompts(ctx, [node.prompt]);
    if (played.ended === 'hangup') {
      const reason = `caller hung up during ${node.prompt}`;
      return { output: 'hangup', reason, end: { how: 'callerHangup', reason } };
    }
  }
  const prompt = node.prompt === undefined ? '' : `played ${node.prompt} (${ctx.language}), `;
  const reason = `${prompt}released with ${node.status}`;
  await ctx.ports.call.release({ status: node.status, reason: 'hangup node' });
  return { output: 'hangup', reason, end: { how: 'released', status: node.status, reason } };
}
