import type { IvrNode } from '../../plan/types.js';
import type { CallContext, StepOutcome } from '../call-context.js';
import { collectDigits } from '../media-prompts.js';

/**
 * P6: play the menu and read a choice. No input or an invalid choice replays the menu (after the
 * `invalidPrompt`, if any) up to `retries` times, then takes `noInput` or `invalid`.
 */
export async function executeIvr(node: IvrNode, ctx: CallContext): Promise<StepOutcome> {
  const maxDigits = Math.max(1, ...Object.keys(node.choices).map((k) => k.length));
  const attempts: string[] = [];
  let failure: 'noInput' | 'invalid' = 'noInput';
  for (let attempt = 0; attempt <= node.retries; attempt++) {
    const prompts =
      attempt > 0 && failure === 'invalid' && node.invalidPrompt
        ? [node.invalidPrompt, node.prompt]
        : [node.prompt];
    const result = await collectDigits(ctx, {
      prompts,
      maxDigits,
      timeout: node.timeout,
      interDigitTimeout: node.interDigitTimeout,
    });
    if (result.ended === 'hangup') {
      const reason = `caller hung up in menu ${node.prompt}`;
      return { output: 'noInput', reason, data: { attempts }, end: { how: 'callerHangup', reason } };
    }
    const choice = result.ended === 'digits' ? node.choices[result.digits] : undefined;
    if (choice !== undefined) return chosen(ctx, result.digits, choice, attempts);
    failure = result.ended === 'timeout' || result.digits === '' ? 'noInput' : 'invalid';
    attempts.push(failure === 'noInput' ? 'no input' : `invalid ${JSON.stringify(result.digits)}`);
  }
  return {
    output: failure,
    reason: `${attempts.join(', ')} after ${attempts.length} attempt(s)`,
    data: { attempts },
  };
}

function chosen(
  ctx: CallContext,
  digits: string,
  choice: IvrNode['choices'][string],
  attempts: readonly string[],
): StepOutcome {
  ctx.vars.set('digits', digits);
  let reason = `pressed ${digits}`;
  if (choice.language !== undefined) {
    ctx.language = choice.language;
    ctx.vars.set('language', choice.language);
    reason += `, language ${choice.language}`;
  }
  if (attempts.length > 0) reason += ` (after ${attempts.join(', ')})`;
  return { output: choice.output, reason, data: { digits, attempts, language: choice.language } };
}
