export { parseSdp } from './parse-sdp.js';
export { mediaConnection, mediaDirection, parseRtpMap, rtpMaps } from './sdp-helpers.js';
export { serializeSdp } from './serialize-sdp.js';
export type {
  RtpMap,
  SdpAttribute,
  SdpConnection,
  SdpLine,
  SdpMedia,
  SdpOrigin,
  SdpSession,
} from './types.js';
