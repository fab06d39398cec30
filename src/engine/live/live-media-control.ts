import type { Logger } from '../../log/logger.js';
import { type MediaSession, promptPath } from '../../media/index.js';
import type { Language } from '../../plan/types.js';
import type { CollectRequest, CollectResult, MediaControl, PlayOptions, PlayResult } from '../ports.js';

/** What the media port needs of its call: the caller's endpoint (after answerForMedia) and whether they left. */
export interface MediaCall {
  readonly mediaSession: MediaSession | undefined;
  readonly callerGone: boolean;
  readonly callId: string;
}

/**
 * The engine's MediaControl for one live call (M3): prompt names become `<dir>/<language>/<name>.wav`
 * (R2) played on the caller's RTP endpoint; digits are RFC 4733 events or SIP INFO. A playback stopped
 * because the caller left is `hangup`.
 */
export class LiveMediaControl implements MediaControl {
  readonly available = true;

  constructor(
    private readonly call: MediaCall,
    private readonly announcementsDir: string,
    private readonly logger: Logger,
  ) {}

  async play(prompts: readonly string[], language: Language, options: PlayOptions = {}): Promise<PlayResult> {
    const session = this.call.mediaSession;
    if (session === undefined || this.call.callerGone) return { ended: 'hangup' };
    try {
      const interruptOnDigit = options.bargeIn === true;
      const outcome = await session.play(this.files(prompts, language), { interruptOnDigit });
      if (outcome.ended === 'stopped') return this.stopped();
      if (outcome.ended === 'digit') return { ended: 'digit', digit: outcome.digit ?? '' };
      return { ended: 'completed' };
    } catch (err) {
      // `vms validate` checks every prompt file; one gone since start is skipped, not fatal to the call.
      this.logger.warn({ err, callId: this.call.callId, prompts, language }, 'prompt not played');
      return { ended: 'completed' };
    }
  }

  async collectDigits(request: CollectRequest): Promise<CollectResult> {
    const session = this.call.mediaSession;
    if (session === undefined || this.call.callerGone) return { ended: 'hangup', digits: '' };
    try {
      const outcome = await session.collectDigits({
        files: this.files(request.prompts, request.language),
        maxDigits: request.maxDigits,
        timeoutMs: request.timeout,
        interDigitTimeoutMs: request.interDigitTimeout,
        ...(request.terminator !== undefined && { terminator: request.terminator }),
      });
      if (outcome.ended !== 'stopped') return { ended: outcome.ended, digits: outcome.digits };
      return this.call.callerGone
        ? { ended: 'hangup', digits: outcome.digits }
        : { ended: 'timeout', digits: '' };
    } catch (err) {
      this.logger.warn({ err, callId: this.call.callId }, 'menu prompt not played');
      return { ended: 'timeout', digits: '' };
    }
  }

  /** Queue music: the file looped between prompts; a file gone since start leaves silence. */
  async holdMusic(prompt: string | undefined, language: Language): Promise<void> {
    const session = this.call.mediaSession;
    if (session === undefined || this.call.callerGone) return;
    try {
      await session.setBackground(
        prompt === undefined ? 'silence' : { loop: this.files([prompt], language) },
      );
    } catch (err) {
      this.logger.warn({ err, callId: this.call.callId, prompt, language }, 'music not played');
    }
  }

  private stopped(): PlayResult {
    return { ended: this.call.callerGone ? 'hangup' : 'completed' };
  }

  private files(prompts: readonly string[], language: Language): string[] {
    return prompts.map((name) => promptPath(this.announcementsDir, language, name));
  }
}
