import type { SdpMedia, SdpSession } from '../../sip/sdp/index.js';
import { mediaDirection } from '../../sip/sdp/index.js';
import { type AudioFormat, localSdp } from './local-sdp.js';
import {
  chooseCodec,
  type LocalMedia,
  type MediaDirection,
  type NegotiatedMedia,
  noAudio,
  payloadTypes,
  remoteEndpoint,
  toSdpSession,
  usableAudioIndex,
} from './negotiated-media.js';

/** RFC 3264 §6.1: the answer's direction mirrors the offer's. */
const ANSWER_DIRECTION: Record<MediaDirection, MediaDirection> = {
  sendrecv: 'sendrecv',
  sendonly: 'recvonly',
  recvonly: 'sendonly',
  inactive: 'inactive',
};

/**
 * Answers an offer (RFC 3264 §6) with our RTP endpoint: the first usable audio stream is accepted with
 * PCMA if offered, else PCMU, plus telephone-event under the offer's payload type (RFC 4733 §2.4); every
 * other stream is rejected with port 0, keeping the m-line count (§6). Throws MEDIA_SDP_NO_AUDIO or
 * MEDIA_SDP_NO_COMMON_CODEC (details.status 488 for the SIP side).
 */
export function answerOffer(
  offerSdp: SdpSession | Buffer | string,
  local: LocalMedia,
): { answer: SdpSession; negotiated: NegotiatedMedia } {
  const offer = toSdpSession(offerSdp);
  const index = usableAudioIndex(offer);
  const audio = offer.media[index];
  if (audio === undefined) throw noAudio('offer');
  const { codec, pt } = chooseCodec(audio, 'offer');
  const telephoneEvent = payloadTypes(audio).telephoneEvent;
  const direction = ANSWER_DIRECTION[mediaDirection(offer, audio)];
  const formats: AudioFormat[] = [{ pt, encoding: codec }];
  if (telephoneEvent !== undefined) formats.push({ pt: telephoneEvent, encoding: 'telephone-event' });
  const rejected = offer.media.filter((_, i) => i !== index).map(rejectStream);
  const built = localSdp(local, formats, direction);
  // Keep the offer's m-line order (§6): our stream goes where the accepted one was.
  const media = [...rejected.slice(0, index), built.media[0] as SdpMedia, ...rejected.slice(index)];
  return {
    answer: { ...built, media },
    negotiated: { codec, payloadType: pt, telephoneEvent, remote: remoteEndpoint(offer, audio), direction },
  };
}

function rejectStream(media: SdpMedia): SdpMedia {
  return {
    type: media.type,
    port: 0,
    protocol: media.protocol,
    formats: media.formats,
    attributes: [],
    otherLines: [],
  };
}
