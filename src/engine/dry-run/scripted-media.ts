import type { Language } from '../../plan/types.js';
import type { Clock, CollectRequest, CollectResult, MediaControl, PlayResult } from '../ports.js';

/** One collection's scripted input: digits, or `undefined` for no input (the timeout runs out). */
export type ScriptedInput = string | undefined;

/**
 * `--dtmf` text -> one input per collection. `12` is two collections (`1`, then `2`); commas separate
 * multi-digit inputs (`101,2`); `_` alone is a collection with no input (`_,1` = silence, then 1).
 */
export function parseDtmfScript(text: string): ScriptedInput[] {
  const parts = text.includes(',') ? text.split(',') : text.split('');
  return parts.map((part) => (part === '_' || part === '' ? undefined : part));
}

export const DTMF_SCRIPT = /^(?:[0-9*#A-D_]+(?:,[0-9*#A-D_]+)*)?$/;

export interface PlayedPrompts {
  readonly at: number;
  readonly prompts: readonly string[];
  readonly language: Language;
}

/** MediaControl for `vms simulate`: plays are recorded (and take no time); digits come from the script. */
export class ScriptedMediaControl implements MediaControl {
  readonly available: boolean;
  readonly played: PlayedPrompts[] = [];
  readonly #inputs: ScriptedInput[];
  readonly #clock: Clock;

  constructor(options: { clock: Clock; dtmf?: readonly ScriptedInput[]; available?: boolean }) {
    this.#clock = options.clock;
    this.#inputs = [...(options.dtmf ?? [])];
    this.available = options.available ?? true;
  }

  async play(prompts: readonly string[], language: Language): Promise<PlayResult> {
    this.played.push({ at: this.#clock.now(), prompts, language });
    return { ended: 'completed' };
  }

  /** No input (script exhausted or `_`) lasts the request's timeout on the clock. */
  async collectDigits(request: CollectRequest): Promise<CollectResult> {
    if (request.prompts.length > 0) await this.play(request.prompts, request.language);
    const input = this.#inputs.shift();
    if (input === undefined) {
      await this.#clock.sleep(request.timeout);
      return { ended: 'timeout', digits: '' };
    }
    const cut = request.terminator === undefined ? input : (input.split(request.terminator)[0] ?? '');
    return { ended: 'digits', digits: cut.slice(0, request.maxDigits) };
  }
}
