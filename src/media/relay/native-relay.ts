import { loadVmsRtp, type NativeRelayLeg } from '../native/vms-rtp-addon.js';
import type { NegotiatedMedia } from '../sdp/negotiated-media.js';
import type { MediaSession } from '../session/media-session.js';
import type { ExternalRelayLeg, RelayHandOver } from '../session/session-types.js';
import { type Relay, relayNeedsTwoLegs, relayUntilEnd } from './relay-ending.js';

/**
 * Relays RTP both ways between two started sessions on the native thread: each session hands over its
 * socket (see MediaSession.handOver) and takes it back, with the relay's counters and latched peer, when
 * the relay ends. Same contract as `nodeRelay`.
 */
export function nativeRelay(a: MediaSession, b: MediaSession): Relay {
  const addon = loadVmsRtp();
  const mediaA = a.media;
  const mediaB = b.media;
  if (a.isClosed || b.isClosed || mediaA === undefined || mediaB === undefined) throw relayNeedsTwoLegs();
  const counters = new Float64Array(6);
  let id = -1;
  const read = (index: number): number => {
    if (id >= 0) addon.stats(id, counters);
    return counters[index] as number;
  };
  const legCounters = (side: 0 | 1): ExternalRelayLeg => ({
    received: () => read(side * 3),
    relayed: () => read(side * 3 + 1),
    idleMs: () => read(side * 3 + 2),
  });
  return relayUntilEnd(a, b, {
    begin: () => {
      const handA = a.handOver(legCounters(0));
      let handB: RelayHandOver;
      try {
        handB = b.handOver(legCounters(1));
        id = addon.add(nativeLeg(handA, mediaA, mediaB), nativeLeg(handB, mediaB, mediaA));
      } catch (err) {
        a.takeBack(null);
        b.takeBack(null);
        throw err;
      }
    },
    end: () => {
      addon.stats(id, counters);
      const [peerA, peerB] = addon.remove(id);
      id = -1; // from here the counters read are the final ones
      a.takeBack(peerA);
      b.takeBack(peerB);
    },
  });
}

function nativeLeg(hand: RelayHandOver, from: NegotiatedMedia, to: NegotiatedMedia): NativeRelayLeg {
  return {
    fd: hand.fd,
    address: hand.remote?.address ?? null,
    port: hand.remote?.port ?? 0,
    latched: hand.latched,
    connected: hand.connected,
    audioIn: from.payloadType,
    audioOut: to.payloadType,
    eventIn: from.telephoneEvent ?? -1,
    eventOut: to.telephoneEvent ?? -1,
    table: from.codec === to.codec ? 0 : from.codec === 'PCMA' ? 1 : 2,
  };
}
