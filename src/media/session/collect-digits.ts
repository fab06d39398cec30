import type { CollectOptions, CollectOutcome, PlayOptions, PlayOutcome } from './session-types.js';

/** What collectDigits needs of a session. */
export interface DigitSource {
  play(files: readonly string[], options: PlayOptions): Promise<PlayOutcome>;
  nextDigit(timeoutMs: number): Promise<string | 'timeout' | 'stopped'>;
}

/**
 * Plays the prompt with barge-in, then gathers digits: up to `maxDigits`, until the terminator (not kept),
 * or until the first-digit / inter-digit timeout. A digit that interrupted the prompt is the first one.
 */
export async function collectDigits(source: DigitSource, options: CollectOptions): Promise<CollectOutcome> {
  let digits = '';
  let next: string | 'timeout' | 'stopped' | undefined;
  if (options.files !== undefined && options.files.length > 0) {
    const played = await source.play(options.files, { interruptOnDigit: true });
    if (played.ended === 'stopped') return { ended: 'stopped', digits };
    next = played.digit;
  }
  for (;;) {
    next ??= await source.nextDigit(digits.length === 0 ? options.timeoutMs : options.interDigitTimeoutMs);
    if (next === 'stopped') return { ended: 'stopped', digits };
    if (next === 'timeout') return { ended: digits.length === 0 ? 'timeout' : 'digits', digits };
    if (next === options.terminator) return { ended: 'digits', digits, terminated: true };
    digits += next;
    if (digits.length >= options.maxDigits) return { ended: 'digits', digits };
    next = undefined;
  }
}
