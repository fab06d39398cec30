import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveMediaControl, type MediaCall } from '../../../../src/engine/live/live-media-control.js';
import { silentLogger } from '../../../../src/log/logger.js';
import type {
  Background,
  CollectOptions,
  MediaSession,
  PlayOptions,
  PlayOutcome,
} from '../../../../src/media/index.js';

/** A session that records what it is asked and answers what the test says. */
function fakeSession(outcome: PlayOutcome, collected = { ended: 'digits', digits: '12' }) {
  const played: string[][] = [];
  const options: PlayOptions[] = [];
  const collects: CollectOptions[] = [];
  const backgrounds: Background[] = [];
  const session = {
    play: async (files: readonly string[], playOptions: PlayOptions) => {
      played.push([...files]);
      options.push(playOptions);
      return outcome;
    },
    setBackground: async (background: Background) => {
      if (typeof background !== 'string' && background.loop.some((f) => f.includes('missing')))
        throw new Error('MEDIA_FILE_UNREADABLE');
      backgrounds.push(background);
    },
    collectDigits: async (options: CollectOptions) => {
      collects.push(options);
      return collected;
    },
  };
  return { session: session as unknown as MediaSession, played, options, collects, backgrounds };
}

function call(session: MediaSession | undefined, callerGone = false): MediaCall {
  return { mediaSession: session, callerGone, callId: 'call-1' };
}

describe('LiveMediaControl', () => {
  it('plays each prompt from the announcements folder of the language asked', async () => {
    const { session, played } = fakeSession({ ended: 'completed' });
    const media = new LiveMediaControl(call(session), '/prompts', silentLogger());
    expect(await media.play(['queue-position', 'digit-2'], 'nl')).toEqual({ ended: 'completed' });
    expect(played).toEqual([[join('/prompts/nl/queue-position.wav'), join('/prompts/nl/digit-2.wav')]]);
  });

  it('lets a digit end the play only when barge-in is asked (the first language of a bi menu)', async () => {
    const { session, options } = fakeSession({ ended: 'digit', digit: '2' });
    const media = new LiveMediaControl(call(session), '/prompts', silentLogger());
    expect(await media.play(['choose-language'], 'nl', { bargeIn: true })).toEqual({
      ended: 'digit',
      digit: '2',
    });
    await media.play(['closed'], 'nl');
    expect(options).toEqual([{ interruptOnDigit: true }, { interruptOnDigit: false }]);
  });

  it('loops the music file of the language between prompts, back to silence with undefined', async () => {
    const { session, backgrounds } = fakeSession({ ended: 'completed' });
    const media = new LiveMediaControl(call(session), '/prompts', silentLogger());
    await media.holdMusic('queue-music', 'fr');
    await media.holdMusic('missing-music', 'fr');
    await media.holdMusic(undefined, 'fr');
    expect(backgrounds).toEqual([{ loop: [join('/prompts/fr/queue-music.wav')] }, 'silence']);
  });

  it('reports a playback stopped because the caller left as hangup', async () => {
    const { session } = fakeSession({ ended: 'stopped' });
    const media = new LiveMediaControl(call(session, true), '/prompts', silentLogger());
    expect(await media.play(['closed'], 'fr')).toEqual({ ended: 'hangup' });
  });

  it('reports a playback stopped while the caller is still there (a relay took over) as completed', async () => {
    const { session } = fakeSession({ ended: 'stopped' });
    const media = new LiveMediaControl(call(session, false), '/prompts', silentLogger());
    expect(await media.play(['closed'], 'fr')).toEqual({ ended: 'completed' });
  });

  it('is hangup at once when the caller has no media endpoint', async () => {
    const media = new LiveMediaControl(call(undefined), '/prompts', silentLogger());
    expect(await media.play(['closed'], 'fr')).toEqual({ ended: 'hangup' });
    expect(await media.collectDigits(request())).toEqual({ ended: 'hangup', digits: '' });
  });

  it('collects digits with the menu prompt in the language and the timeouts of the request', async () => {
    const { session, collects } = fakeSession({ ended: 'completed' });
    const media = new LiveMediaControl(call(session), '/prompts', silentLogger());
    expect(await media.collectDigits(request())).toEqual({ ended: 'digits', digits: '12' });
    expect(collects).toEqual([
      {
        files: [join('/prompts/de/choose-language.wav')],
        maxDigits: 2,
        timeoutMs: 4000,
        interDigitTimeoutMs: 1500,
        terminator: '#',
      },
    ]);
  });

  it('turns a collection stopped by the caller leaving into hangup', async () => {
    const { session } = fakeSession({ ended: 'completed' }, { ended: 'stopped', digits: '' });
    const media = new LiveMediaControl(call(session, true), '/prompts', silentLogger());
    expect(await media.collectDigits(request())).toEqual({ ended: 'hangup', digits: '' });
  });
});

function request() {
  return {
    prompts: ['choose-language'],
    language: 'de' as const,
    maxDigits: 2,
    timeout: 4000,
    interDigitTimeout: 1500,
    terminator: '#',
  };
}
