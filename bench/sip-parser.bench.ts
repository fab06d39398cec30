/**
 * INVITE parse and serialize throughput: `npx vitest bench --run bench/sip-parser.bench.ts`.
 * The engine needs ~32,000 parses/s (3,200 calls/s, ~10 messages each) on 2 cores; aim well above 100,000/s.
 */
import { bench, describe } from 'vitest';
import type { SipRequest } from '../src/sip/message/index.js';
import { buildResponse, parseMessage, serializeMessage } from '../src/sip/message/index.js';

const sdp = [
  'v=0',
  'o=- 3711 3711 IN IP4 192.0.2.10',
  's=-',
  'c=IN IP4 192.0.2.10',
  't=0 0',
  'm=audio 40000 RTP/AVP 8 0 101',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
  'a=ptime:20',
  '',
].join('\r\n');

const invite = Buffer.from(
  [
    'INVITE sip:+33123456789@192.0.2.20:5060;user=phone SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-524287-1---77ba2d1a3f0c;rport',
    'Max-Forwards: 70',
    'Contact: <sip:+33987654321@192.0.2.10:5060>',
    'To: <sip:+33123456789@192.0.2.20>',
    'From: "Caller" <sip:+33987654321@192.0.2.10>;tag=4f3a9c1e',
    'Call-ID: 9f2c6a0b4e8d1f7a3c5e9b2d4f6a8c0e@192.0.2.10',
    'CSeq: 1 INVITE',
    'Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, UPDATE',
    'Supported: replaces, timer',
    'P-Asserted-Identity: <sip:+33987654321@192.0.2.10>',
    'User-Agent: bench/1.0',
    'Content-Type: application/sdp',
    `Content-Length: ${Buffer.byteLength(sdp)}`,
    '',
    sdp,
  ].join('\r\n'),
);

const parsed = parseMessage(invite) as SipRequest;
const ringing = buildResponse(parsed, 180, undefined, { toTag: 'abc123' });

/** Warm up first and run long enough that a busy machine's pauses average out. */
const options = { time: 2000, warmupTime: 500, warmupIterations: 1000 };

describe('SIP message', () => {
  bench(
    'parse INVITE',
    () => {
      parseMessage(invite);
    },
    options,
  );
  bench(
    'serialize INVITE',
    () => {
      serializeMessage(parsed);
    },
    options,
  );
  bench(
    'build 180 response',
    () => {
      buildResponse(parsed, 180, undefined, { toTag: 'abc123' });
    },
    options,
  );
  bench(
    'serialize 180 response',
    () => {
      serializeMessage(ringing);
    },
    options,
  );
});
