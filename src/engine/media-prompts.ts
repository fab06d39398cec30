/**
 * Prompts in the call's language. The bilingual system default (`bi`, P7) plays NL then FR or FR then NL,
 * in random order; every other language plays once.
 */
import type { Language } from '../plan/types.js';
import type { CallContext } from './call-context.js';
import type { CollectRequest, CollectResult, PlayResult } from './ports.js';

/** The languages to play in, in order, for the call's current language. */
export function playLanguages(ctx: CallContext): Language[] {
  if (ctx.language !== 'bi') return [ctx.language];
  return ctx.random() < 0.5 ? ['nl', 'fr'] : ['fr', 'nl'];
}

/** Answers the caller for media if needed, then plays the prompts in each language of the call. */
export async function playPrompts(ctx: CallContext, prompts: readonly string[]): Promise<PlayResult> {
  await ctx.ports.call.answerForMedia();
  let last: PlayResult = { ended: 'completed' };
  for (const language of playLanguages(ctx)) {
    last = await ctx.ports.media.play(prompts, language);
    if (last.ended !== 'completed') return last;
  }
  return last;
}

/**
 * Plays the prompts and collects digits. In `bi`, the first language is played on its own and the second
 * while collecting; a digit pressed during the first stops it (barge-in) and starts the collection.
 */
export async function collectDigits(
  ctx: CallContext,
  request: Omit<CollectRequest, 'language'>,
): Promise<CollectResult> {
  await ctx.ports.call.answerForMedia();
  const languages = playLanguages(ctx);
  const last = languages[languages.length - 1] as Language;
  if (languages.length === 1) return ctx.ports.media.collectDigits({ ...request, language: last });
  const first = await ctx.ports.media.play(request.prompts, languages[0] as Language, { bargeIn: true });
  if (first.ended === 'hangup') return { ended: 'hangup', digits: '' };
  if (first.ended === 'digit') {
    if (request.maxDigits <= 1) return { ended: 'digits', digits: first.digit ?? '' };
    const rest = await ctx.ports.media.collectDigits({
      ...request,
      prompts: [],
      maxDigits: request.maxDigits - 1,
      language: last,
    });
    const digits = (first.digit ?? '') + rest.digits;
    return { ended: rest.ended === 'hangup' ? 'hangup' : 'digits', digits };
  }
  return ctx.ports.media.collectDigits({ ...request, language: last });
}
