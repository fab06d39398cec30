import type { ExtensionNode } from '../../plan/types.js';
import type { CallContext, StepOutcome } from '../call-context.js';
import { collectDigits } from '../media-prompts.js';
import { resource } from '../resource.js';

/** P13: read an extension (ended by `#` or `maxDigits`) and map it to a number (`extensionNumber`). */
export async function executeExtension(node: ExtensionNode, ctx: CallContext): Promise<StepOutcome> {
  const extensions = resource(ctx, node, 'extensions', node.extensions);
  const result = await collectDigits(ctx, {
    prompts: [node.prompt],
    maxDigits: node.maxDigits,
    timeout: node.timeout,
    interDigitTimeout: node.interDigitTimeout,
    terminator: '#',
  });
  if (result.ended === 'hangup') {
    const reason = `caller hung up while dialling an extension`;
    return { output: 'noInput', reason, end: { how: 'callerHangup', reason } };
  }
  if (result.digits === '') return { output: 'noInput', reason: 'no extension dialled' };
  ctx.vars.set('extension', result.digits);
  const number = extensions.map[result.digits];
  if (number === undefined)
    return {
      output: 'notFound',
      reason: `extension ${result.digits} is not in "${extensions.name}"`,
      data: { extension: result.digits },
    };
  ctx.vars.set('extensionNumber', number);
  return {
    output: 'found',
    reason: `extension ${result.digits} -> ${number}`,
    data: { extension: result.digits, number },
  };
}
