import { AppError } from '../../errors/app-error.js';
import type { SdpMedia, SdpSession } from '../../sip/sdp/index.js';
import { mediaConnection, parseSdp, rtpMaps } from '../../sip/sdp/index.js';

export type AudioCodec = 'PCMA' | 'PCMU';
export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface RtpEndpoint {
  readonly address: string;
  readonly port: number;
}

/** What one leg's offer/answer settled: the media-side view the session is started with. */
export interface NegotiatedMedia {
  readonly codec: AudioCodec;
  /** The codec's payload type on this leg (8 or 0, unless the peer mapped it to a dynamic one). */
  readonly payloadType: number;
  /** RFC 4733 telephone-event payload type on this leg; undefined when the peer has none. */
  readonly telephoneEvent: number | undefined;
  /** Where to send RTP until the first packet is received; undefined for `0.0.0.0` or port 0 (hold). */
  readonly remote: RtpEndpoint | undefined;
  /** Our direction on this leg (RFC 3264 §6.1). */
  readonly direction: MediaDirection;
}

/** Our side of an SDP: where our RTP socket listens, and the o= line's identity (RFC 4566 §5.2). */
export interface LocalMedia {
  readonly address: string;
  readonly port: number;
  readonly sessionId?: string;
  /** Bumped by the caller for each new offer or answer in one dialog (RFC 3264 §8). */
  readonly sessionVersion?: number;
}

/** Static payload types (RFC 3551 §6), used when a format has no a=rtpmap. */
export const PCMA_PAYLOAD_TYPE = 8;
export const PCMU_PAYLOAD_TYPE = 0;
export const DEFAULT_TELEPHONE_EVENT = 101;

export function toSdpSession(sdp: SdpSession | Buffer | string): SdpSession {
  return typeof sdp === 'string' || Buffer.isBuffer(sdp) ? parseSdp(sdp) : sdp;
}

/** Index of the first audio stream we can take: RTP/AVP, port not 0 (RFC 3264 §6: 0 = rejected). */
export function usableAudioIndex(session: SdpSession): number {
  return session.media.findIndex((m) => m.type === 'audio' && m.protocol === 'RTP/AVP' && m.port !== 0);
}

/** The payload types of a stream by encoding: PCMA, PCMU and telephone-event/8000, first of each. */
export function payloadTypes(media: SdpMedia): { pcma?: number; pcmu?: number; telephoneEvent?: number } {
  const maps = rtpMaps(media);
  const found: { pcma?: number; pcmu?: number; telephoneEvent?: number } = {};
  for (const format of media.formats) {
    const pt = Number(format);
    const map = maps.get(pt);
    const encoding = map?.encoding.toUpperCase() ?? staticEncoding(pt);
    if (map !== undefined && map.clockRate !== 8000) continue;
    if (encoding === 'PCMA') found.pcma ??= pt;
    else if (encoding === 'PCMU') found.pcmu ??= pt;
    else if (encoding === 'TELEPHONE-EVENT') found.telephoneEvent ??= pt;
  }
  return found;
}

function staticEncoding(pt: number): string | undefined {
  if (pt === PCMA_PAYLOAD_TYPE) return 'PCMA';
  if (pt === PCMU_PAYLOAD_TYPE) return 'PCMU';
  return undefined;
}

/** PCMA preferred over PCMU whatever the peer's order; MEDIA_SDP_NO_COMMON_CODEC when neither is there. */
export function chooseCodec(media: SdpMedia, role: 'offer' | 'answer'): { codec: AudioCodec; pt: number } {
  const types = payloadTypes(media);
  if (types.pcma !== undefined) return { codec: 'PCMA', pt: types.pcma };
  if (types.pcmu !== undefined) return { codec: 'PCMU', pt: types.pcmu };
  throw new AppError('MEDIA_SDP_NO_COMMON_CODEC', `the ${role} has neither PCMA nor PCMU`, {
    details: { formats: media.formats, status: 488 },
  });
}

/** The peer's RTP address for a stream, undefined when it is on hold the RFC 2543 way or has port 0. */
export function remoteEndpoint(session: SdpSession, media: SdpMedia): RtpEndpoint | undefined {
  const address = mediaConnection(session, media)?.address;
  if (!address || address === '0.0.0.0' || address === '::' || media.port === 0) return undefined;
  return { address, port: media.port };
}

export function noAudio(role: 'offer' | 'answer'): AppError {
  return new AppError('MEDIA_SDP_NO_AUDIO', `the ${role} has no usable RTP/AVP audio stream`, {
    details: { status: 488 },
  });
}
