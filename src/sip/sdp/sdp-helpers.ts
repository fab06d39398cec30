import type { RtpMap, SdpAttribute, SdpConnection, SdpMedia, SdpSession } from './types.js';

/** Where a media stream's RTP goes: its own c= line, else the session's (RFC 4566 §5.7). */
export function mediaConnection(session: SdpSession, media: SdpMedia): SdpConnection | undefined {
  return media.connection ?? session.connection;
}

/** The `a=rtpmap` entries of a media description, by payload type (RFC 4566 §6). */
export function rtpMaps(media: SdpMedia): Map<number, RtpMap> {
  const maps = new Map<number, RtpMap>();
  for (const attribute of media.attributes) {
    const map = attribute.name === 'rtpmap' ? parseRtpMap(attribute.value ?? '') : undefined;
    if (map) maps.set(map.payloadType, map);
  }
  return maps;
}

/** `8 PCMA/8000`, `97 opus/48000/2`; undefined if malformed. */
export function parseRtpMap(value: string): RtpMap | undefined {
  const match = /^(\d{1,3})\s+([^/\s]+)\/(\d{1,9})(?:\/(\d{1,2}))?\s*$/.exec(value);
  if (!match) return undefined;
  const map = { payloadType: Number(match[1]), encoding: match[2]!, clockRate: Number(match[3]) };
  return match[4] === undefined ? map : { ...map, channels: Number(match[4]) };
}

/** The media's direction attribute (RFC 4566 §6): its own, else the session's, else sendrecv. */
export function mediaDirection(
  session: SdpSession,
  media: SdpMedia,
): 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive' {
  const direction = (attributes: readonly SdpAttribute[]) =>
    attributes.find((a) => ['sendrecv', 'sendonly', 'recvonly', 'inactive'].includes(a.name))?.name;
  return (direction(media.attributes) ?? direction(session.attributes) ?? 'sendrecv') as ReturnType<
    typeof mediaDirection
  >;
}
