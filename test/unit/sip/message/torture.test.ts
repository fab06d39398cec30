import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isAppError } from '../../../../src/errors/index.js';
import {
  parseMessage,
  parseNameAddr,
  parseUri,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from '../../../../src/sip/message/index.js';

const ROOT = '/work/shared/testdata/sip-torture';

/**
 * What RFC 4475 / RFC 5118 expect of each message, and how our parser meets it:
 * - `valid`: must parse; `check` asserts a few fields.
 * - `rejected`: must throw SIP_PARSE_ERROR with `status` (what the RFC says the element answers).
 * - `defect`: parses (the RFC puts the decision above the parser); `check` shows the defect is detectable.
 */
type Expectation =
  | { kind: 'valid'; rfc: string; why: string; check: (m: SipMessage) => void }
  | { kind: 'rejected'; rfc: string; why: string; status: number }
  | { kind: 'defect'; rfc: string; why: string; check: (m: SipMessage) => void };

const req = (m: SipMessage): SipRequest => {
  expect(m.kind).toBe('request');
  return m as SipRequest;
};
const res = (m: SipMessage): SipResponse => {
  expect(m.kind).toBe('response');
  return m as SipResponse;
};

const RFC4475: Record<string, Expectation> = {
  'wsinv.dat': {
    kind: 'valid',
    rfc: '3.1.1.1',
    why: 'odd but legal LWS, folding, compact forms and case; all must be understood',
    check: (m) => {
      expect(req(m).method).toBe('INVITE');
      expect(m.to.params.get('tag')).toBe('1918181833n');
      expect(m.from.displayName).toBe('J Rosenberg \\"');
      expect(m.from.params.get('tag')).toBe('98asjd8');
      expect(m.cseq).toEqual({ seq: 9, method: 'INVITE' });
      expect(m.vias.map((v) => [v.transport, v.host, v.branch])).toEqual([
        ['UDP', '192.0.2.2', '390skdjuw'],
        ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
        ['UDP', '192.168.255.111', 'z9hG4bK30239'],
      ]);
      expect(m.headers.get('newfangledheader')).toBe('newfangled value continued newfangled value');
      expect(m.headers.get('subject')).toBe('');
      expect(m.body.length).toBe(150);
      expect(parseNameAddr(m.headers.get('contact')!).params.get('q')).toBe('0.33');
    },
  },
  'intmeth.dat': {
    kind: 'valid',
    rfc: '3.1.1.2',
    why: 'an extension method made of every token character, and a URI full of legal oddities',
    check: (m) => {
      expect(req(m).method).toBe("!interesting-Method0123456789_*+`.%indeed'~");
      expect(req(m).uri.host).toBe('example.com');
      expect(m.cseq.method).toBe(req(m).method);
    },
  },
  'esc01.dat': {
    kind: 'valid',
    rfc: '3.1.1.3',
    why: 'escaped characters in URIs are legal and kept as written',
    check: (m) => {
      expect(req(m).uri.user).toBe('sips%3Auser%40example.com');
      expect(req(m).uri.host).toBe('example.net');
      expect(m.to.uri.user).toBe('%75se%72');
      expect(parseNameAddr(m.headers.get('contact')!).uri.params.get('n%61me')).toBe('v%61lue%25%34%31');
    },
  },
  'escnull.dat': {
    kind: 'valid',
    rfc: '3.1.1.4',
    why: 'an escaped NUL (%00) in a user part is legal and must not end the string',
    check: (m) => {
      expect(m.to.uri.user).toBe('null-%00-null');
      expect(m.headers.getAll('contact')).toHaveLength(2);
    },
  },
  'esc02.dat': {
    kind: 'valid',
    rfc: '3.1.1.5',
    why: '% in a method, display name and header name is just a token character; C%6Fntact is not Contact',
    check: (m) => {
      expect(req(m).method).toBe('RE%47IST%45R');
      expect(m.from.displayName).toBe('%Z%45');
      expect(m.headers.getAll('contact')).toHaveLength(2);
      expect(m.headers.get('c%6fntact')).toBe('<sip:alias2@host2.example.com>');
    },
  },
  'lwsdisp.dat': {
    kind: 'valid',
    rfc: '3.1.1.6',
    why: 'no LWS between a token display name and <',
    check: (m) => expect(m.from.displayName).toBe('caller'),
  },
  'longreq.dat': {
    kind: 'valid',
    rfc: '3.1.1.7',
    why: 'long values and 34 Via values under many spellings of the name',
    check: (m) => {
      expect(m.vias).toHaveLength(34);
      expect(m.vias[33]!.received).toBe('192.0.2.5');
      expect(m.to.uri.port).toBe(6000);
      expect(m.body.length).toBe(150);
    },
  },
  'dblreq.dat': {
    kind: 'valid',
    rfc: '3.1.1.8',
    why: 'a REGISTER with Content-Length 0 followed by an INVITE in one datagram: keep the REGISTER only',
    check: (m) => {
      expect(req(m).method).toBe('REGISTER');
      expect(m.body.length).toBe(0);
    },
  },
  'semiuri.dat': {
    kind: 'valid',
    rfc: '3.1.1.9',
    why: 'a ; inside the user part of the Request-URI is not a parameter; Accept folded over lines',
    check: (m) => {
      expect(req(m).uri.user).toBe('user;par=u%40example.net');
      expect(req(m).uri.params.size).toBe(0);
      expect(m.headers.getAll('accept')).toHaveLength(6);
    },
  },
  'transports.dat': {
    kind: 'valid',
    rfc: '3.1.1.10',
    why: 'Via transports beyond UDP/TCP, including an unknown one',
    check: (m) => expect(m.vias.map((v) => v.transport)).toEqual(['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']),
  },
  'mpart01.dat': {
    kind: 'valid',
    rfc: '3.1.1.11',
    why: 'a multipart body with binary bytes: Content-Length counts bytes',
    check: (m) => {
      expect(m.body.length).toBe(553);
      expect(m.body.subarray(0, 18).toString()).toBe('--7a9cbec02ceef655');
    },
  },
  'unreason.dat': {
    kind: 'valid',
    rfc: '3.1.1.12',
    why: 'a UTF-8 reason phrase',
    check: (m) => expect(res(m).reason).toBe('= 2**3 * 5**2 но сто девяносто девять - простое'),
  },
  'noreason.dat': {
    kind: 'valid',
    rfc: '3.1.1.13',
    why: 'an empty reason phrase',
    check: (m) => {
      expect(res(m).status).toBe(100);
      expect(res(m).reason).toBe('');
    },
  },
  'badinv01.dat': { kind: 'rejected', rfc: '3.1.2.1', why: 'empty Via parameters (;;,;,,)', status: 400 },
  'clerr.dat': {
    kind: 'rejected',
    rfc: '3.1.2.2',
    why: 'Content-Length larger than the datagram',
    status: 400,
  },
  'ncl.dat': { kind: 'rejected', rfc: '3.1.2.3', why: 'negative Content-Length', status: 400 },
  'scalar02.dat': {
    kind: 'rejected',
    rfc: '3.1.2.4',
    why: 'CSeq beyond 2**31 (and other overlarge scalars)',
    status: 400,
  },
  'scalarlg.dat': { kind: 'rejected', rfc: '3.1.2.5', why: 'response CSeq beyond 2**31', status: 400 },
  'quotbal.dat': {
    kind: 'rejected',
    rfc: '3.1.2.6',
    why: 'unterminated quoted display name in To',
    status: 400,
  },
  'ltgtruri.dat': { kind: 'rejected', rfc: '3.1.2.7', why: 'Request-URI enclosed in <>', status: 400 },
  'lwsruri.dat': { kind: 'rejected', rfc: '3.1.2.8', why: 'LWS inside the Request-URI', status: 400 },
  'lwsstart.dat': {
    kind: 'rejected',
    rfc: '3.1.2.9',
    why: 'several SP between Request-Line elements',
    status: 400,
  },
  'trws.dat': {
    kind: 'rejected',
    rfc: '3.1.2.10',
    why: 'SP after SIP-Version in the Request-Line',
    status: 400,
  },
  'escruri.dat': {
    kind: 'rejected',
    rfc: '3.1.2.11',
    why: 'headers (?Route=) in a Request-URI (§19.1.5)',
    status: 400,
  },
  'baddate.dat': {
    kind: 'defect',
    rfc: '3.1.2.12',
    why: 'Date not in GMT: the RFC lets elements ignore Date, which we never parse',
    check: (m) => expect(m.headers.get('date')).toMatch(/EST$/),
  },
  'regbadct.dat': {
    kind: 'defect',
    rfc: '3.1.2.13',
    why: 'a Contact URI with ? not in <>: Contact is parsed on demand, and that parse rejects it',
    check: (m) => expectParseError(() => parseNameAddr(m.headers.get('contact')!)),
  },
  'badaspec.dat': {
    kind: 'rejected',
    rfc: '3.1.2.14',
    why: 'spaces inside <> around the To URI',
    status: 400,
  },
  'baddn.dat': { kind: 'rejected', rfc: '3.1.2.15', why: 'unquoted display name with a comma', status: 400 },
  'badvers.dat': {
    kind: 'rejected',
    rfc: '3.1.2.16',
    why: 'SIP/7.0: 505 Version Not Supported',
    status: 505,
  },
  'mismatch01.dat': {
    kind: 'rejected',
    rfc: '3.1.2.17',
    why: 'CSeq method differs from the method',
    status: 400,
  },
  'mismatch02.dat': {
    kind: 'rejected',
    rfc: '3.1.2.18',
    why: 'unknown method, CSeq says INVITE',
    status: 400,
  },
  'bigcode.dat': { kind: 'rejected', rfc: '3.1.2.19', why: 'status code 4294967301', status: 400 },
  'badbranch.dat': {
    kind: 'valid',
    rfc: '3.2.1',
    why: 'branch is just the magic cookie: syntactically fine, the transaction layer decides',
    check: (m) => expect(m.vias[0]!.branch).toBe('z9hG4bK'),
  },
  'insuf.dat': { kind: 'rejected', rfc: '3.3.1', why: 'no Call-ID, From, To, Max-Forwards', status: 400 },
  'unkscm.dat': {
    kind: 'defect',
    rfc: '3.3.2',
    why: 'unknown Request-URI scheme: parses (opaque) so the application can answer 416',
    check: (m) => {
      expect(req(m).uri.scheme).toBe('nobodyknowsthisscheme');
      expect(req(m).uri.opaque).toBe('totallyopaquecontent');
    },
  },
  'novelsc.dat': {
    kind: 'defect',
    rfc: '3.3.3',
    why: 'soap.beep Request-URI: parses (opaque) so the application can answer 416',
    check: (m) => expect(req(m).uri.scheme).toBe('soap.beep'),
  },
  'unksm2.dat': {
    kind: 'valid',
    rfc: '3.3.4',
    why: 'unknown schemes in To, From and Contact are legal there',
    check: (m) => {
      expect(m.to.uri.scheme).toBe('isbn');
      expect(m.from.uri.scheme).toBe('http');
    },
  },
  'bext01.dat': {
    kind: 'defect',
    rfc: '3.3.5',
    why: 'unknown Require extension: the UAS answers 420 from the Require values',
    check: (m) => expect(m.headers.getAll('require').length).toBeGreaterThan(0),
  },
  'invut.dat': {
    kind: 'defect',
    rfc: '3.3.6',
    why: 'unknown Content-Type: the UAS answers 415 from Content-Type',
    check: (m) => expect(m.headers.get('content-type')).toBe('application/unknownformat'),
  },
  'regaut01.dat': {
    kind: 'valid',
    rfc: '3.3.7',
    why: 'Authorization with an unknown scheme is not split on commas and stays as written',
    check: (m) => expect(m.headers.get('authorization')).toBe('NoOneKnowsThisScheme opaque-data=here'),
  },
  'multi01.dat': {
    kind: 'rejected',
    rfc: '3.3.8',
    why: 'two Call-ID, CSeq, From and To headers',
    status: 400,
  },
  'mcl01.dat': { kind: 'rejected', rfc: '3.3.9', why: 'two Content-Length headers', status: 400 },
  'bcast.dat': {
    kind: 'defect',
    rfc: '3.3.10',
    why: 'a Via to 255.255.255.255: syntactically fine, the transport must not send there',
    check: (m) => expect(m.vias[1]!.host).toBe('255.255.255.255'),
  },
  'zeromf.dat': {
    kind: 'defect',
    rfc: '3.3.11',
    why: 'Max-Forwards 0: the proxy answers 483 (OPTIONS may be answered by the UAS)',
    check: (m) => expect(m.headers.get('max-forwards')).toBe('0'),
  },
  'cparam01.dat': {
    kind: 'valid',
    rfc: '3.3.12',
    why: 'Contact without <>: the parameter belongs to the header, not the URI',
    check: (m) => {
      const contact = parseNameAddr(m.headers.get('contact')!);
      expect(contact.params.has('unknownparam')).toBe(true);
      expect(contact.uri.params.has('unknownparam')).toBe(false);
    },
  },
  'cparam02.dat': {
    kind: 'valid',
    rfc: '3.3.13',
    why: 'Contact with <>: the parameter belongs to the URI',
    check: (m) => {
      const contact = parseNameAddr(m.headers.get('contact')!);
      expect(contact.uri.params.has('unknownparam')).toBe(true);
      expect(contact.params.size).toBe(0);
    },
  },
  'regescrt.dat': {
    kind: 'defect',
    rfc: '3.3.14',
    why: 'a Contact URI with an escaped Route header: legal syntax, the registrar refuses it',
    check: (m) =>
      expect(parseNameAddr(m.headers.get('contact')!).uri.headers).toBe('Route=%3Csip:sip.example.com%3E'),
  },
  'sdp01.dat': {
    kind: 'defect',
    rfc: '3.3.15',
    why: 'Accept offers only an unknown type while the body is SDP: the UAS answers 406 from Accept',
    check: (m) => expect(m.headers.getAll('accept')).toEqual(['text/nobodyKnowsThis']),
  },
  'inv2543.dat': {
    kind: 'valid',
    rfc: '3.4.1',
    why: 'RFC 2543 style: no branch, no Max-Forwards, no Content-Length (body runs to the end)',
    check: (m) => {
      expect(m.vias[0]!.branch).toBeUndefined();
      expect(m.headers.has('max-forwards')).toBe(false);
      expect(m.body.toString()).toMatch(/^v=0/);
    },
  },
};

const RFC5118: Record<string, Expectation> = {
  'ipv6-good': {
    kind: 'valid',
    rfc: '4.1',
    why: 'IPv6 references in Request-URI, Via and Contact',
    check: (m) => {
      expect(req(m).uri.host).toBe('[2001:db8::10]');
      expect(m.vias[0]!.host).toBe('[2001:db8::9:1]');
    },
  },
  'ipv6-bad': { kind: 'rejected', rfc: '4.2', why: 'IPv6 address in a URI without brackets', status: 400 },
  'port-ambiguous': {
    kind: 'valid',
    rfc: '4.3',
    why: 'inside brackets the last group is part of the address, not a port',
    check: (m) => {
      expect(req(m).uri.host).toBe('[2001:db8::10:5070]');
      expect(req(m).uri.port).toBeUndefined();
    },
  },
  'port-unambiguous': {
    kind: 'valid',
    rfc: '4.4',
    why: 'port after the closing bracket',
    check: (m) => {
      expect(req(m).uri.host).toBe('[2001:db8::10]');
      expect(req(m).uri.port).toBe(5070);
    },
  },
  'via-received-param-with-delim': {
    kind: 'valid',
    rfc: '4.5',
    why: 'received with brackets: accepted leniently and kept as written',
    check: (m) => expect(m.vias[0]!.received).toBe('[2001:db8::9:255]'),
  },
  'via-received-param-no-delim': {
    kind: 'valid',
    rfc: '4.5',
    why: 'received as a bare IPv6 address (the RFC 3261 grammar)',
    check: (m) => expect(m.vias[0]!.received).toBe('2001:db8::9:255'),
  },
  'ipv6-in-sdp': {
    kind: 'valid',
    rfc: '4.6',
    why: 'IPv6 in the SDP body (the SDP parser reads it)',
    check: (m) => expect(m.body.toString()).toContain('IN IP6'),
  },
  'mult-ip-in-header': {
    kind: 'valid',
    rfc: '4.7',
    why: 'IPv4 and IPv6 mixed across Via values',
    check: (m) => {
      expect(m.vias.map((v) => v.host)).toEqual(['[2001:db8::9:1]', '192.0.2.1', '[2001:db8::9:255]']);
      expect(m.vias[0]!.port).toBe(6050);
      expect(m.vias[2]!.received).toBe('192.0.2.200');
    },
  },
  'mult-ip-in-sdp': {
    kind: 'valid',
    rfc: '4.8',
    why: 'IPv4 and IPv6 mixed in the SDP body',
    check: (m) => expect(m.body.toString()).toContain('IN IP4'),
  },
  'ipv4-mapped-ipv6': {
    kind: 'valid',
    rfc: '4.9',
    why: 'IPv4-mapped IPv6 references',
    check: (m) => {
      expect(m.vias[0]!.host).toBe('[::ffff:192.0.2.10]');
      expect(m.vias[0]!.port).toBe(19823);
    },
  },
  'ipv6-bug-abnf-3-colons': {
    kind: 'valid',
    rfc: '4.10',
    why: 'the 3-colon form the buggy RFC 3261 ABNF allowed: accepted (be lenient)',
    check: (m) => expect(req(m).uri.host).toBe('[2001:db8:::192.0.2.1]'),
  },
  'ipv6-correct-abnf-2-colons': {
    kind: 'valid',
    rfc: '4.10',
    why: 'the correct 2-colon form',
    check: (m) => expect(req(m).uri.host).toBe('[2001:db8::192.0.2.1]'),
  },
};

function expectParseError(run: () => unknown, status?: number): void {
  let caught: unknown;
  try {
    run();
  } catch (err) {
    caught = err;
  }
  expect(isAppError(caught, 'SIP_PARSE_ERROR'), String(caught)).toBe(true);
  if (status !== undefined)
    expect((caught as { details?: { status?: number } }).details?.status).toBe(status);
}

function cases(dir: string, table: Record<string, Expectation>): [string, Expectation][] {
  const files = readdirSync(join(ROOT, dir)).sort();
  return files.map((file) => {
    const expectation = table[file];
    if (!expectation) throw new Error(`no expectation written down for ${dir}/${file}`);
    return [file, expectation];
  });
}

for (const [dir, table] of [
  ['rfc4475', RFC4475],
  ['rfc5118', RFC5118],
] as const) {
  describe(`${dir} torture messages`, () => {
    test('every file in the folder has an expectation and every expectation a file', () => {
      expect(readdirSync(join(ROOT, dir)).sort()).toEqual(Object.keys(table).sort());
    });

    test.each(cases(dir, table))('%s is handled as the RFC says', (file, expectation) => {
      const data = readFileSync(join(ROOT, dir, file));
      if (expectation.kind === 'rejected') expectParseError(() => parseMessage(data), expectation.status);
      else expectation.check(parseMessage(data));
    });
  });
}

test('the Request-URI of ipv6-bad is what fails, not some other part', () => {
  expectParseError(() => parseUri('sip:2001:db8::10'), 400);
  expect(parseUri('sip:[2001:db8::10]').host).toBe('[2001:db8::10]');
});
