import type { SdpSession } from '../../sip/sdp/index.js';
import { mediaDirection } from '../../sip/sdp/index.js';
import { localSdp } from './local-sdp.js';
import {
  chooseCodec,
  DEFAULT_TELEPHONE_EVENT,
  type LocalMedia,
  type MediaDirection,
  type NegotiatedMedia,
  noAudio,
  PCMA_PAYLOAD_TYPE,
  PCMU_PAYLOAD_TYPE,
  payloadTypes,
  remoteEndpoint,
  toSdpSession,
  usableAudioIndex,
} from './negotiated-media.js';

/** Our offer for a leg where we are the media endpoint (B-leg after an IVR): PCMA, PCMU, telephone-event. */
export function buildOffer(local: LocalMedia): SdpSession {
  return localSdp(
    local,
    [
      { pt: PCMA_PAYLOAD_TYPE, encoding: 'PCMA' },
      { pt: PCMU_PAYLOAD_TYPE, encoding: 'PCMU' },
      { pt: DEFAULT_TELEPHONE_EVENT, encoding: 'telephone-event' },
    ],
    'sendrecv',
  );
}

/** Our direction given the answer's (RFC 3264 §6.1): they receive only, so we send only, and so on. */
const OUR_DIRECTION: Record<MediaDirection, MediaDirection> = {
  sendrecv: 'sendrecv',
  sendonly: 'recvonly',
  recvonly: 'sendonly',
  inactive: 'inactive',
};

/**
 * Reads the answer to `buildOffer` (RFC 3264 §7): its first accepted audio stream, its codec (PCMA when
 * the answerer kept both) and telephone-event type. Throws MEDIA_SDP_NO_AUDIO or MEDIA_SDP_NO_COMMON_CODEC.
 */
export function readAnswer(answerSdp: SdpSession | Buffer | string): NegotiatedMedia {
  const answer = toSdpSession(answerSdp);
  const audio = answer.media[usableAudioIndex(answer)];
  if (audio === undefined) throw noAudio('answer');
  const { codec, pt } = chooseCodec(audio, 'answer');
  return {
    codec,
    payloadType: pt,
    telephoneEvent: payloadTypes(audio).telephoneEvent,
    remote: remoteEndpoint(answer, audio),
    direction: OUR_DIRECTION[mediaDirection(answer, audio)],
  };
}
