import { AppError } from '../../errors/app-error.js';

/** One RTP packet (RFC 3550 §5.1). Header extensions are skipped on decode and never written. */
export interface RtpPacket {
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  marker: boolean;
  payload: Buffer;
  /** Contributing sources (RFC 3550 §5.1 CSRC list); empty for a plain two-party stream. */
  csrcs?: readonly number[];
}

export const RTP_VERSION = 2;
export const RTP_HEADER_BYTES = 12;

/** RFC 3550 §5.1: V=2, no padding, no extension, CC, M, PT, sequence, timestamp, SSRC, CSRCs, payload. */
export function encodeRtp(packet: RtpPacket): Buffer {
  const csrcs = packet.csrcs ?? [];
  const header = Buffer.alloc(RTP_HEADER_BYTES + 4 * csrcs.length);
  header.writeUInt8((RTP_VERSION << 6) | (csrcs.length & 0x0f), 0);
  header.writeUInt8((packet.marker ? 0x80 : 0) | (packet.payloadType & 0x7f), 1);
  header.writeUInt16BE(packet.sequenceNumber & 0xffff, 2);
  header.writeUInt32BE(packet.timestamp >>> 0, 4);
  header.writeUInt32BE(packet.ssrc >>> 0, 8);
  for (const [i, csrc] of csrcs.entries()) header.writeUInt32BE(csrc >>> 0, RTP_HEADER_BYTES + 4 * i);
  return Buffer.concat([header, packet.payload]);
}

/** Decodes a datagram; throws MEDIA_RTP_MALFORMED for anything that is not a well-formed RTP v2 packet. */
export function decodeRtp(datagram: Buffer): RtpPacket {
  if (datagram.length < RTP_HEADER_BYTES)
    malformed(`${datagram.length} bytes, shorter than the 12-byte header`);
  const first = datagram.readUInt8(0);
  const version = first >> 6;
  if (version !== RTP_VERSION) malformed(`version ${version}, expected ${RTP_VERSION}`);
  const csrcCount = first & 0x0f;
  let offset = RTP_HEADER_BYTES + 4 * csrcCount;
  if (first & 0x10) offset = skipExtension(datagram, offset);
  const end = datagram.length - paddingOf(datagram, first);
  if (end < offset)
    malformed(`header and padding (${offset + datagram.length - end} bytes) exceed the packet`);
  const second = datagram.readUInt8(1);
  const csrcs = Array.from({ length: csrcCount }, (_, i) => datagram.readUInt32BE(RTP_HEADER_BYTES + 4 * i));
  return {
    payloadType: second & 0x7f,
    marker: (second & 0x80) !== 0,
    sequenceNumber: datagram.readUInt16BE(2),
    timestamp: datagram.readUInt32BE(4),
    ssrc: datagram.readUInt32BE(8),
    csrcs,
    payload: datagram.subarray(offset, end),
  };
}

/** RFC 3550 §5.3.1: 16-bit profile-defined field, 16-bit length in 32-bit words, then the words. */
function skipExtension(datagram: Buffer, offset: number): number {
  if (datagram.length < offset + 4) malformed('header extension cut short');
  return offset + 4 + 4 * datagram.readUInt16BE(offset + 2);
}

/** RFC 3550 §5.1 P bit: the last octet counts the padding octets, itself included. */
function paddingOf(datagram: Buffer, first: number): number {
  if ((first & 0x20) === 0) return 0;
  const count = datagram.readUInt8(datagram.length - 1);
  if (count === 0) malformed('padding bit set with a zero padding count');
  return count;
}

function malformed(reason: string): never {
  throw new AppError('MEDIA_RTP_MALFORMED', `malformed RTP packet: ${reason}`);
}
