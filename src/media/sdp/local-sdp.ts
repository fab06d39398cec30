import { randomInt } from 'node:crypto';
import type { SdpAttribute, SdpMedia, SdpSession } from '../../sip/sdp/index.js';
import type { LocalMedia, MediaDirection } from './negotiated-media.js';

export interface AudioFormat {
  readonly pt: number;
  readonly encoding: string;
}

/** Our SDP with one audio stream: rtpmap for each format, fmtp 0-15 for telephone-event (RFC 4733 §2.4.1). */
export function localSdp(
  local: LocalMedia,
  formats: readonly AudioFormat[],
  direction: MediaDirection,
  rejected: readonly SdpMedia[] = [],
): SdpSession {
  const addrType = local.address.includes(':') ? 'IP6' : 'IP4';
  const attributes: SdpAttribute[] = formats.map((f) => ({
    name: 'rtpmap',
    value: `${f.pt} ${f.encoding}/8000`,
  }));
  for (const f of formats) {
    if (f.encoding === 'telephone-event') attributes.push({ name: 'fmtp', value: `${f.pt} 0-15` });
  }
  attributes.push({ name: 'ptime', value: '20' }, { name: direction });
  const audio: SdpMedia = {
    type: 'audio',
    port: local.port,
    protocol: 'RTP/AVP',
    formats: formats.map((f) => String(f.pt)),
    attributes,
    otherLines: [],
  };
  return {
    version: 0,
    origin: {
      username: 'vms',
      sessionId: local.sessionId ?? String(randomInt(1, 2 ** 47)),
      sessionVersion: String(local.sessionVersion ?? 1),
      netType: 'IN',
      addrType,
      address: local.address,
    },
    sessionName: 'vms',
    connection: { netType: 'IN', addrType, address: local.address },
    timing: ['0 0'],
    attributes: [],
    otherLines: [],
    media: [audio, ...rejected],
  };
}
