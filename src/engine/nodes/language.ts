import type { LanguageNode } from '../../plan/types.js';
import type { CallContext, StepOutcome } from '../call-context.js';

/** P7: announcements from here on play in this language. */
export async function executeLanguage(node: LanguageNode, ctx: CallContext): Promise<StepOutcome> {
  const before = ctx.language;
  ctx.language = node.language;
  ctx.vars.set('language', node.language);
  return { output: 'next', reason: `language ${before} -> ${node.language}` };
}
