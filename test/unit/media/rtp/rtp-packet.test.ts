import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { decodeRtp, encodeRtp, type RtpPacket } from '../../../../src/media/rtp/index.js';

describe('RTP packets (RFC 3550 §5.1)', () => {
  it('encodes the 12-byte header field by field', () => {
    const bytes = encodeRtp({
      payloadType: 8,
      sequenceNumber: 0x1234,
      timestamp: 0xdeadbeef,
      ssrc: 0x01020304,
      marker: true,
      payload: Buffer.from([0xd5, 0xd5]),
    });
    expect([...bytes]).toEqual([0x80, 0x88, 0x12, 0x34, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 0xd5, 0xd5]);
  });

  test.prop([
    fc.record({
      payloadType: fc.integer({ min: 0, max: 127 }),
      sequenceNumber: fc.integer({ min: 0, max: 0xffff }),
      timestamp: fc.integer({ min: 0, max: 0xffffffff }),
      ssrc: fc.integer({ min: 0, max: 0xffffffff }),
      marker: fc.boolean(),
      csrcs: fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 15 }),
      payload: fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
    }),
  ])('decode(encode(packet)) gives the packet back', (packet: RtpPacket) => {
    expect(decodeRtp(encodeRtp(packet))).toEqual(packet);
  });

  it('skips a header extension and strips padding', () => {
    const packet = Buffer.from([
      0xb0,
      0x00,
      0,
      1,
      0,
      0,
      0,
      2,
      0,
      0,
      0,
      3, // V=2 P=1 X=1 CC=0, PT 0, seq 1, ts 2, ssrc 3
      0xbe,
      0xde,
      0,
      1,
      9,
      9,
      9,
      9, // extension: one 32-bit word
      0xaa,
      0xbb, // payload
      0,
      0,
      3, // 3 bytes of padding, count included
    ]);
    const decoded = decodeRtp(packet);
    expect([...decoded.payload]).toEqual([0xaa, 0xbb]);
    expect(decoded).toMatchObject({
      sequenceNumber: 1,
      timestamp: 2,
      ssrc: 3,
      payloadType: 0,
      marker: false,
    });
  });

  it.each([
    ['a packet shorter than the header', Buffer.alloc(11, 0x80), /shorter than the 12-byte header/],
    ['version 1', Buffer.from([0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), /version 1, expected 2/],
    ['a CSRC list longer than the packet', Buffer.from([0x8f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), /exceed/],
    ['padding longer than the packet', Buffer.from([0xa0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200]), /exceed/],
    [
      'a cut extension header',
      Buffer.from([0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xbe]),
      /extension cut short/,
    ],
  ])('rejects %s with MEDIA_RTP_MALFORMED', (_name, datagram, message) => {
    expect(() => decodeRtp(datagram)).toThrow(
      expect.objectContaining({ code: 'MEDIA_RTP_MALFORMED', message: expect.stringMatching(message) }),
    );
  });

  test.prop([fc.uint8Array({ maxLength: 64 })])('never throws anything but MEDIA_RTP_MALFORMED', (bytes) => {
    try {
      decodeRtp(Buffer.from(bytes));
    } catch (err) {
      expect(err).toMatchObject({ code: 'MEDIA_RTP_MALFORMED' });
    }
  });
});
