import type { AnnouncementNode } from '../../plan/types.js';
import type { CallContext, StepOutcome } from '../call-context.js';
import { playPrompts } from '../media-prompts.js';

/** Answer the caller for media if needed, play the prompt, go on. */
export async function executeAnnouncement(node: AnnouncementNode, ctx: CallContext): Promise<StepOutcome> {
  const result = await playPrompts(ctx, [node.prompt]);
  if (result.ended === 'hangup')
    return {
      output: 'next',
      reason: `caller hung up during ${node.prompt}`,
      end: { how: 'callerHangup', reason: `caller hung up during ${node.prompt}` },
    };
  return { output: 'next', reason: `played ${node.prompt} (${ctx.language})`, data: { prompt: node.prompt } };
}
