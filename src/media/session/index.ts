export { collectDigits, type DigitSource } from './collect-digits.js';
export type { DigitListener } from './digit-inbox.js';
export { MediaSession, type MediaSessionOptions } from './media-session.js';
export type {
  CollectOptions,
  CollectOutcome,
  MediaSessionStats,
  PacketSink,
  PlayOptions,
  PlayOutcome,
} from './session-types.js';
