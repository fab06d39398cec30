import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseMessage } from '../../../../src/sip/message/index.js';
import {
  mediaConnection,
  mediaDirection,
  parseSdp,
  rtpMaps,
  serializeSdp,
} from '../../../../src/sip/sdp/index.js';

const OFFER = [
  'v=0',
  'o=- 3711 3712 IN IP4 192.0.2.10',
  's=-',
  'c=IN IP4 192.0.2.10',
  'b=AS:64',
  't=0 0',
  'm=audio 40000 RTP/AVP 8 0 101',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
  'a=ptime:20',
  'a=sendonly',
  '',
].join('\r\n');

describe('parseSdp', () => {
  test('reads origin, connection, media, formats and rtpmaps', () => {
    const sdp = parseSdp(Buffer.from(OFFER));
    expect(sdp.origin).toMatchObject({ sessionId: '3711', sessionVersion: '3712', address: '192.0.2.10' });
    const audio = sdp.media[0]!;
    expect(audio).toMatchObject({
      type: 'audio',
      port: 40000,
      protocol: 'RTP/AVP',
      formats: ['8', '0', '101'],
    });
    expect(mediaConnection(sdp, audio)?.address).toBe('192.0.2.10');
    expect(rtpMaps(audio).get(101)).toEqual({
      payloadType: 101,
      encoding: 'telephone-event',
      clockRate: 8000,
    });
    expect(mediaDirection(sdp, audio)).toBe('sendonly');
  });

  test('serializes to the same text, unknown lines included', () => {
    expect(serializeSdp(parseSdp(OFFER)).toString()).toBe(OFFER);
  });

  test('takes the connection address per media, IPv4 and IPv6 mixed (RFC 5118 §4.8)', () => {
    const message = parseMessage(readFileSync('/work/shared/testdata/sip-torture/rfc5118/mult-ip-in-sdp'));
    const sdp = parseSdp(message.body);
    expect(sdp.media.map((m) => mediaConnection(sdp, m))).toEqual([
      { netType: 'IN', addrType: 'IP4', address: '192.0.2.1' },
      { netType: 'IN', addrType: 'IP6', address: '2001:db8::1' },
    ]);
  });

  test('keeps a session id larger than 2**53 exactly (RFC 5118 §4.6)', () => {
    const message = parseMessage(readFileSync('/work/shared/testdata/sip-torture/rfc5118/ipv6-in-sdp'));
    const sdp = parseSdp(message.body);
    expect(sdp.origin.sessionId).toBe('971731711378798081');
    expect(mediaConnection(sdp, sdp.media[1]!)?.address).toBe('2001:db8::20');
  });

  test('rejects a body that is not SDP with SIP_SDP_PARSE_ERROR', () => {
    for (const bad of ['hello', 'v=0\r\ns=-\r\n', OFFER.replace('m=audio 40000', 'm=audio port')]) {
      expect(() => parseSdp(bad)).toThrow(expect.objectContaining({ code: 'SIP_SDP_PARSE_ERROR' }));
    }
  });
});
