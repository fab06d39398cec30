import { describe, expect, it } from 'vitest';
import { answerOffer, buildOffer, readAnswer } from '../../../../src/media/index.js';
import { parseSdp, rtpMaps, serializeSdp } from '../../../../src/sip/sdp/index.js';

const local = { address: '192.0.2.10', port: 20000 };

function offer(formats: string, extra: string[] = [], mediaLines: string[] = []): string {
  return [
    'v=0',
    'o=alice 1 1 IN IP4 198.51.100.1',
    's=-',
    'c=IN IP4 198.51.100.1',
    't=0 0',
    `m=audio 49170 RTP/AVP ${formats}`,
    ...extra,
    ...mediaLines,
    '',
  ].join('\r\n');
}

describe('answerOffer (RFC 3264 §6)', () => {
  it('prefers PCMA even when the offer lists PCMU first, and keeps the offer telephone-event type', () => {
    const { answer, negotiated } = answerOffer(
      offer('0 8 96', ['a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:96 telephone-event/8000']),
      local,
    );
    expect(negotiated).toMatchObject({ codec: 'PCMA', payloadType: 8, telephoneEvent: 96 });
    const audio = answer.media[0]!;
    expect(audio.formats).toEqual(['8', '96']);
    expect(audio.port).toBe(20000);
    expect([...rtpMaps(audio).values()].map((m) => m.encoding)).toEqual(['PCMA', 'telephone-event']);
    expect(audio.attributes).toContainEqual({ name: 'fmtp', value: '96 0-15' });
  });

  it('takes PCMU when it is the only G.711 codec, static type without rtpmap', () => {
    const { negotiated } = answerOffer(offer('18 0'), local);
    expect(negotiated).toMatchObject({ codec: 'PCMU', payloadType: 0, telephoneEvent: undefined });
  });

  it('tells where the caller wants RTP, and nothing for a 0.0.0.0 hold', () => {
    expect(answerOffer(offer('8'), local).negotiated.remote).toEqual({
      address: '198.51.100.1',
      port: 49170,
    });
    const held = offer('8').replace('c=IN IP4 198.51.100.1', 'c=IN IP4 0.0.0.0');
    expect(answerOffer(held, local).negotiated.remote).toBeUndefined();
  });

  it('rejects an offer with neither PCMA nor PCMU with a 488 detail', () => {
    expect(() => answerOffer(offer('18 9', ['a=rtpmap:9 G722/8000']), local)).toThrow(
      expect.objectContaining({
        code: 'MEDIA_SDP_NO_COMMON_CODEC',
        details: expect.objectContaining({ status: 488 }),
      }),
    );
  });

  it('rejects an offer without an audio stream', () => {
    const video = offer('8').replace('m=audio', 'm=video');
    expect(() => answerOffer(video, local)).toThrow(expect.objectContaining({ code: 'MEDIA_SDP_NO_AUDIO' }));
  });

  it('rejects other streams with port 0 and keeps the m-line order', () => {
    const text = offer('8', [], ['m=video 51372 RTP/AVP 31', 'a=rtpmap:31 H261/90000']).replace(
      /m=audio[^\r]*\r\n/,
      '',
    );
    const withVideoFirst = text.replace(
      't=0 0\r\n',
      't=0 0\r\nm=video 51372 RTP/AVP 31\r\nm=audio 49170 RTP/AVP 8\r\n',
    );
    const { answer } = answerOffer(withVideoFirst, local);
    expect(answer.media.map((m) => [m.type, m.port])).toEqual([
      ['video', 0],
      ['audio', 20000],
      ['video', 0],
    ]);
  });

  it('answers sendonly with recvonly (hold) and says we only receive', () => {
    const { answer, negotiated } = answerOffer(offer('8', ['a=sendonly']), local);
    expect(negotiated.direction).toBe('recvonly');
    expect(answer.media[0]!.attributes).toContainEqual({ name: 'recvonly' });
  });

  it('writes an answer that parses back to the same endpoint, IPv6 included', () => {
    const { answer } = answerOffer(offer('8'), { address: '::1', port: 20002, sessionVersion: 3 });
    const reparsed = parseSdp(serializeSdp(answer));
    expect(reparsed.connection).toEqual({ netType: 'IN', addrType: 'IP6', address: '::1' });
    expect(reparsed.origin.sessionVersion).toBe('3');
    expect(reparsed.media[0]!.port).toBe(20002);
  });
});

describe('buildOffer and readAnswer', () => {
  it('offers PCMA, PCMU and telephone-event 0-15', () => {
    const sdp = parseSdp(serializeSdp(buildOffer(local)));
    const audio = sdp.media[0]!;
    expect(audio.formats).toEqual(['8', '0', '101']);
    expect(audio.attributes).toContainEqual({ name: 'fmtp', value: '101 0-15' });
    expect(audio.attributes).toContainEqual({ name: 'ptime', value: '20' });
  });

  it('reads the codec and event type the answerer kept', () => {
    const negotiated = readAnswer(offer('0 101', ['a=rtpmap:101 telephone-event/8000', 'a=recvonly']));
    expect(negotiated).toEqual({
      codec: 'PCMU',
      payloadType: 0,
      telephoneEvent: 101,
      remote: { address: '198.51.100.1', port: 49170 },
      direction: 'sendonly',
    });
  });

  it('refuses an answer that rejected the audio stream', () => {
    expect(() => readAnswer(offer('8').replace('m=audio 49170', 'm=audio 0'))).toThrow(
      expect.objectContaining({ code: 'MEDIA_SDP_NO_AUDIO' }),
    );
  });
});
