import { ALAW_TO_MULAW, MULAW_TO_ALAW, transcodeInPlace } from '../g711/g711-tables.js';
import { RTP_HEADER_BYTES } from '../rtp/rtp-packet.js';
import type { NegotiatedMedia } from '../sdp/negotiated-media.js';
import type { MediaSession } from '../session/media-session.js';
import type { PacketSink } from '../session/session-types.js';
import { type Relay, relayNeedsTwoLegs, relayUntilEnd } from './relay-ending.js';

/**
 * One direction of a relay: packets received on `from`'s socket leave through `to`'s socket. The RTP
 * header is kept (SSRC, sequence, timestamp, marker: the far end's stream passes through unchanged);
 * only the payload type byte is rewritten when the legs settled different numbers, and the payload is
 * converted A-law <-> µ-law in place when their codecs differ. Nothing is allocated per packet.
 */
class RelayDirection implements PacketSink {
  private readonly audioIn: number;
  private readonly audioOut: number;
  private readonly eventIn: number;
  private readonly eventOut: number;
  private readonly table: Uint8Array | undefined;

  constructor(
    from: NegotiatedMedia,
    to: NegotiatedMedia,
    private readonly target: MediaSession,
  ) {
    this.audioIn = from.payloadType;
    this.audioOut = to.payloadType;
    // -1 never matches a 7-bit payload type: events are dropped when the other leg cannot take them.
    this.eventIn = from.telephoneEvent ?? -1;
    this.eventOut = to.telephoneEvent ?? -1;
    if (from.codec !== to.codec) this.table = from.codec === 'PCMA' ? ALAW_TO_MULAW : MULAW_TO_ALAW;
  }

  forward(packet: Buffer): void {
    const second = packet[1] as number;
    const pt = second & 0x7f;
    if (pt === this.audioIn) {
      if (this.table !== undefined) transcodeInPlace(packet, payloadOffset(packet), this.table);
      packet[1] = (second & 0x80) | this.audioOut;
    } else if (pt === this.eventIn) {
      if (this.eventOut < 0) return;
      packet[1] = (second & 0x80) | this.eventOut;
    }
    this.target.sendRaw(packet);
  }
}

/** RFC 3550 §5.1/§5.3.1: fixed header, CSRCs, optional extension; padding is left as is. */
function payloadOffset(packet: Buffer): number {
  const first = packet[0] as number;
  let offset = RTP_HEADER_BYTES + 4 * (first & 0x0f);
  if (first & 0x10 && packet.length >= offset + 4) offset += 4 + 4 * packet.readUInt16BE(offset + 2);
  return Math.min(offset, packet.length);
}

/**
 * Relays RTP both ways between two started sessions through their dgram sockets, in the event loop (see
 * `relay()`). Nothing is allocated per packet here, but dgram allocates a Buffer, a RemoteInfo and a
 * SendWrap per datagram: ~17-20 µs of CPU per relayed packet against the native relay's few.
 */
export function nodeRelay(a: MediaSession, b: MediaSession): Relay {
  const mediaA = a.media;
  const mediaB = b.media;
  if (a.isClosed || b.isClosed || mediaA === undefined || mediaB === undefined) throw relayNeedsTwoLegs();
  return relayUntilEnd(a, b, {
    begin: () => {
      a.setSink(new RelayDirection(mediaA, mediaB, b));
      b.setSink(new RelayDirection(mediaB, mediaA, a));
    },
    end: () => {
      a.setSink(undefined);
      b.setSink(undefined);
    },
  });
}
