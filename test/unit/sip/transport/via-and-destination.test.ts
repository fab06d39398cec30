import { describe, expect, it } from 'vitest';
import { parseMessage, parseVia } from '../../../../src/sip/message/index.js';
import type { SipRequest } from '../../../../src/sip/message/types.js';
import { rejectUnparsable } from '../../../../src/sip/transport/bad-request.js';
import { responseDestination } from '../../../../src/sip/transport/response-destination.js';
import { stampVia } from '../../../../src/sip/transport/via-received.js';

function options(via: string, extraVia?: string): SipRequest {
  const lines = [
    'OPTIONS sip:trunk@127.0.0.1 SIP/2.0',
    `Via: ${via}`,
    ...(extraVia ? [`Via: ${extraVia}`] : []),
    'From: <sip:a@127.0.0.1>;tag=1',
    'To: <sip:b@127.0.0.1>',
    'Call-ID: via-test',
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '',
    '',
  ];
  return parseMessage(Buffer.from(lines.join('\r\n'))) as SipRequest;
}

const udpSource = { transport: 'udp', address: '192.0.2.9', port: 40000 } as const;

describe('top Via stamping (RFC 3261 §18.2.1, RFC 3581 §4)', () => {
  it('adds received when the source differs from the sent-by host', () => {
    const stamped = stampVia(options('SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1'), udpSource);
    expect(stamped.vias[0]?.received).toBe('192.0.2.9');
    expect(stamped.vias[0]?.rport).toBeUndefined();
  });

  it('fills rport with the source port and always adds received when rport is asked for', () => {
    const stamped = stampVia(options('SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK1;rport'), udpSource);
    expect(stamped.vias[0]?.received).toBe('192.0.2.9');
    expect(stamped.vias[0]?.rport).toBe('40000');
  });

  it('leaves the request untouched when sent-by matches and no rport is asked for', () => {
    const request = options('SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK1');
    expect(stampVia(request, udpSource)).toBe(request);
  });

  it('only touches the top Via', () => {
    const stamped = stampVia(
      options('SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1;rport', 'SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK2'),
      udpSource,
    );
    expect(stamped.vias).toHaveLength(2);
    expect(stamped.vias[1]?.received).toBeUndefined();
    expect(stamped.vias[1]?.host).toBe('10.0.0.2');
  });
});

describe('response destination (RFC 3261 §18.2.2)', () => {
  it('sends UDP responses to received and rport', () => {
    const via = parseVia('SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;received=192.0.2.9;rport=40000');
    expect(responseDestination(via, undefined)).toEqual({
      transport: 'udp',
      address: '192.0.2.9',
      port: 40000,
    });
  });

  it('falls back to the sent-by port, then 5060, without rport', () => {
    const withPort = parseVia('SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK1;received=192.0.2.9');
    expect(responseDestination(withPort, undefined)).toEqual({
      transport: 'udp',
      address: '192.0.2.9',
      port: 5070,
    });
    const bare = parseVia('SIP/2.0/UDP [2001:db8::1];branch=z9hG4bK1');
    expect(responseDestination(bare, undefined)).toEqual({
      transport: 'udp',
      address: '2001:db8::1',
      port: 5060,
    });
  });

  it('answers TCP requests on the connection they came on, else on a new one to received and the sent-by port', () => {
    const via = parseVia('SIP/2.0/TCP 10.0.0.1:5070;branch=z9hG4bK1;received=192.0.2.9');
    const source = { transport: 'tcp', address: '192.0.2.9', port: 51000 } as const;
    expect(responseDestination(via, source)).toEqual({
      ...source,
      reconnect: { transport: 'tcp', address: '192.0.2.9', port: 5070 },
    });
  });
});

describe('400 for unparsable requests (§8.2)', () => {
  const head = [
    'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1',
    'f: <sip:a@x>;tag=1',
    'To: <sip:b@x>',
    'i: abc',
    'CSeq: 1 INVITE',
  ];

  it('answers with the copied headers when the request line and the five headers are there', () => {
    const data = Buffer.from(
      ['INVITE sip:b@x SIP/2.0', ...head, 'Content-Length: nonsense', '', ''].join('\r\n'),
    );
    const response = rejectUnparsable(data, 400, 'Bad Request')?.toString() ?? '';
    expect(response.startsWith('SIP/2.0 400 Bad Request\r\n')).toBe(true);
    expect(response).toContain('From: <sip:a@x>;tag=1');
    expect(response).toContain('Call-ID: abc');
    expect(response).toContain('Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1');
  });

  it('drops what cannot be answered: responses, ACKs, garbage, missing Call-ID', () => {
    const missing = head.filter((h) => !h.startsWith('i:'));
    for (const text of [
      ['SIP/2.0 200 OK', ...head],
      ['ACK sip:b@x SIP/2.0', ...head],
      ['\u0000\u0001garbage'],
      ['INVITE sip:b@x SIP/2.0', ...missing],
    ]) {
      expect(
        rejectUnparsable(Buffer.from([...text, '', ''].join('\r\n')), 400, 'Bad Request'),
      ).toBeUndefined();
    }
  });
});
