import { fc, test as propertyTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { parseMessage, StreamFramer } from '../../../../src/sip/message/index.js';
import { INVITE } from './sample-messages.js';

const OPTIONS = Buffer.from(
  'OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:c@d>;tag=1\r\nTo: <sip:a@b>\r\n' +
    'Call-ID: o1\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n\r\n',
);

describe('StreamFramer', () => {
  test('returns several messages that arrive in one chunk, with keep-alives between them ignored', () => {
    const framer = new StreamFramer();
    const out = framer.push(Buffer.concat([INVITE, Buffer.from('\r\n\r\n'), OPTIONS, Buffer.from('\r\n')]));
    expect(out.map((frame) => parseMessage(frame).cseq.method)).toEqual(['INVITE', 'OPTIONS']);
    expect(framer.pendingBytes).toBe(0);
  });

  test('reports each CRLFCRLF ping so the transport can answer with a CRLF pong (RFC 5626 §3.5.1)', () => {
    let pings = 0;
    const framer = new StreamFramer({ onKeepAlive: () => pings++ });
    expect(framer.push(Buffer.from('\r\n\r\n'))).toEqual([]);
    expect(pings).toBe(1);
  });

  propertyTest.prop([fc.array(fc.nat({ max: INVITE.length + OPTIONS.length }), { maxLength: 6 })])(
    'reassembles the same messages wherever the stream is cut',
    (cuts) => {
      const stream = Buffer.concat([INVITE, OPTIONS]);
      const points = [...new Set([0, ...cuts, stream.length])].sort((a, b) => a - b);
      const framer = new StreamFramer();
      const frames = points.slice(1).flatMap((end, i) => framer.push(stream.subarray(points[i]!, end)));
      expect(Buffer.concat(frames).equals(stream)).toBe(true);
      expect(frames).toHaveLength(2);
    },
  );

  test('refuses a message without Content-Length (§18.3) with SIP_FRAMING_ERROR', () => {
    const noLength = Buffer.from(OPTIONS.toString().replace('l: 0\r\n', ''));
    expect(() => new StreamFramer().push(noLength)).toThrow(
      expect.objectContaining({ code: 'SIP_FRAMING_ERROR' }),
    );
  });

  test('refuses a message larger than the maximum, even before its headers end', () => {
    const framer = new StreamFramer({ maxMessageSize: 100 });
    expect(() => framer.push(INVITE)).toThrow(expect.objectContaining({ code: 'SIP_MESSAGE_TOO_LARGE' }));
    const endless = new StreamFramer({ maxMessageSize: 100 });
    expect(() => endless.push(Buffer.alloc(200, 'a'))).toThrow(
      expect.objectContaining({ code: 'SIP_MESSAGE_TOO_LARGE' }),
    );
  });

  test('refuses a Content-Length announcing more than the maximum before the body arrives', () => {
    const huge = Buffer.from(OPTIONS.toString().replace('l: 0', 'l: 70000'));
    expect(() => new StreamFramer().push(huge)).toThrow(
      expect.objectContaining({ code: 'SIP_MESSAGE_TOO_LARGE' }),
    );
  });
});
