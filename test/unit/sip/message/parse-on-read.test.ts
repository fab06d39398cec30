import { describe, expect, test } from 'vitest';
import { isAppError } from '../../../../src/errors/index.js';
import {
  buildRequest,
  parseMessage,
  parseVia,
  type SipRequest,
  type SipResponse,
  serializeMessage,
  topViaBranch,
  withBody,
  withRequestUri,
} from '../../../../src/sip/message/index.js';
import { INVITE } from './sample-messages.js';

const RESPONSE_WITH_BAD_FROM = Buffer.from(
  'SIP/2.0 200 OK\r\n' +
    'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKabc\r\n' +
    'From: <sip:alice@example.com;tag=1\r\n' + // unterminated <
    'To: <sip:bob@example.com>;tag=2\r\n' +
    'Call-ID: c1\r\n' +
    'CSeq: 1 INVITE\r\n' +
    'Content-Length: 0\r\n\r\n',
);

function parseErrorOf(run: () => unknown): boolean {
  try {
    run();
  } catch (err) {
    return isAppError(err, 'SIP_PARSE_ERROR');
  }
  return false;
}

describe('fields parsed on first read', () => {
  test("a response's From parses when read: a malformed one throws SIP_PARSE_ERROR then", () => {
    const response = parseMessage(RESPONSE_WITH_BAD_FROM) as SipResponse;
    expect(response.vias[0]?.branch).toBe('z9hG4bKabc');
    expect(response.to.params.get('tag')).toBe('2');
    expect(parseErrorOf(() => response.from)).toBe(true);
  });

  test('the same malformed From in a new request (no To tag) is refused when the request is parsed', () => {
    const request = RESPONSE_WITH_BAD_FROM.toString()
      .replace('SIP/2.0 200 OK', 'INVITE sip:bob@example.com SIP/2.0')
      .replace(';tag=2', '');
    expect(parseErrorOf(() => parseMessage(Buffer.from(request)))).toBe(true);
  });

  test("in a dialog (To tag) a request's From and Request-URI parse when read", () => {
    const bye = RESPONSE_WITH_BAD_FROM.toString()
      .replace('SIP/2.0 200 OK', 'BYE sip:bob@example.com?subject=x SIP/2.0')
      .replace('CSeq: 1 INVITE', 'CSeq: 2 BYE');
    const request = parseMessage(Buffer.from(bye)) as SipRequest;
    expect(request.to.params.get('tag')).toBe('2');
    expect(parseErrorOf(() => request.from)).toBe(true);
    expect(request.uri.headers).toBe('subject=x');
    const fresh = bye
      .replace(';tag=2', '')
      .replace('From: <sip:alice@example.com;tag=1', 'From: <sip:a@b>;tag=1');
    expect(parseErrorOf(() => parseMessage(Buffer.from(fresh)))).toBe(true); // headers in a Request-URI
  });

  test("a response's Via and To are still checked when it is parsed (transaction and dialog matching)", () => {
    const badVia = RESPONSE_WITH_BAD_FROM.toString()
      .replace('From: <sip:alice@example.com;tag=1', 'From: <sip:alice@example.com>;tag=1')
      .replace('SIP/2.0/UDP 192.0.2.1:5060', 'SIP/2.0/UDP 192.0.2.1:99999');
    expect(parseErrorOf(() => parseMessage(Buffer.from(badVia)))).toBe(true);
  });

  test('a request built in code reads the same fields a peer parses from its bytes', () => {
    const built = buildRequest({
      method: 'INVITE',
      uri: 'sip:+3222123456@192.0.2.9:5090',
      headers: [
        ['via', 'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKbuilt;rport'],
        ['from', '<sip:+3278000001@192.0.2.1>;tag=f1'],
        ['to', '<sip:+3222123456@192.0.2.9>'],
        ['call-id', 'built-1'],
        ['cseq', '1 INVITE'],
      ],
    });
    const wire = parseMessage(serializeMessage(built)) as SipRequest;
    expect(built.uri).toEqual(wire.uri);
    expect(built.vias).toEqual(wire.vias);
    expect(built.from).toEqual(wire.from);
    expect(built.to).toEqual(wire.to);
  });

  test('copies keep what was parsed and parse the rest from the same text', () => {
    const invite = parseMessage(INVITE) as SipRequest;
    const retargeted = withRequestUri(withBody(invite, Buffer.from('x')), 'sip:carol@example.com');
    expect(retargeted.uri.user).toBe('carol');
    expect(retargeted.body.toString()).toBe('x');
    expect(retargeted.from).toBe(invite.from);
    expect(retargeted.vias).toBe(invite.vias);
    expect(parseErrorOf(() => withRequestUri(invite, 'sip:bad uri@example.com'))).toBe(true);
  });

  test("the top Via's branch: the one parseVia reads, for our own Via line and any other shape", () => {
    const request = (...vias: string[]) =>
      buildRequest({
        method: 'BYE',
        uri: 'sip:b@192.0.2.9',
        headers: [
          ...vias.map((via) => ['via', via] as [string, string]),
          ['from', '<sip:a@192.0.2.1>;tag=f1'],
          ['to', '<sip:b@192.0.2.9>;tag=t1'],
          ['call-id', 'branch-1'],
          ['cseq', '2 BYE'],
        ],
      });
    const lines = [
      'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-a_B.c~1;rport', // ours (SipStack.viaFor)
      'SIP/2.0/TCP [2001:db8::1]:5061;branch=z9hG4bKv6',
      'SIP/2.0/UDP 192.0.2.1;rport;branch=z9hG4bKlater', // branch not first
      'SIP/2.0/UDP 192.0.2.1 ; branch = z9hG4bKspaced', // LWS
      'SIP/2.0/UDP 192.0.2.1;BRANCH=z9hG4bKupper', // names are case-insensitive
      'SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKtwo, SIP/2.0/UDP 192.0.2.2;branch=z9hG4bKsecond',
      'SIP/2.0/UDP 192.0.2.1;branch=1234', // RFC 2543: no cookie
      'SIP/2.0/UDP 192.0.2.1',
    ];
    for (const line of lines) {
      const built = request(line);
      expect(topViaBranch(built), line).toBe(parseVia(line.split(',')[0]!).branch);
    }
    // Our own shape (the plain one parseVia reads with one regular expression), and the parsed Vias agree.
    const own = request(lines[0]!);
    expect(topViaBranch(own)).toBe('z9hG4bK-a_B.c~1');
    expect(own.vias[0]?.branch).toBe('z9hG4bK-a_B.c~1');
    expect(topViaBranch(request('SIP/2.0/UDP 192.0.2.3;branch=z9hG4bKtop', lines[0]!))).toBe('z9hG4bKtop');
    // A malformed top Via is not read past: the full parse refuses it.
    expect(parseErrorOf(() => topViaBranch(request('SIP/2.0/UDP ;branch=z9hG4bKnohost')))).toBe(true);
  });
});
