export { collectDigits, type DigitSource } from './collect-digits.js';
export type { DigitListener } from './digit-inbox.js';
export { MULAW_SILENCE } from './frame-source.js';
export { MediaSession, type MediaSessionOptions } from './media-session.js';
export { RINGBACK_HZ, RINGBACK_OFF_MS, RINGBACK_ON_MS, ringbackFrames } from './ringback-tone.js';
export type {
  Background,
  CollectOptions,
  CollectOutcome,
  MediaSessionStats,
  PacketSink,
  PlayOptions,
  PlayOutcome,
} from './session-types.js';
