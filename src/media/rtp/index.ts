export { ALAW_FRAME_BYTES, ALAW_SILENCE, alawFrames, FRAME_MS } from './alaw-frames.js';
export { DtmfDetector } from './dtmf-detector.js';
export { decodeRtp, encodeRtp, RTP_HEADER_BYTES, RTP_VERSION, type RtpPacket } from './rtp-packet.js';
export { decodeTelephoneEvent, dtmfOf, type TelephoneEvent } from './telephone-event.js';
export {
  type TickListener,
  TickScheduler,
  type TickSchedulerOptions,
  type TickTimer,
} from './tick-scheduler.js';
