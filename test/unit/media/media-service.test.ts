import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { DtmfDetector, MediaService, readAnswer } from '../../../src/media/index.js';
import { parseSdp, serializeSdp } from '../../../src/sip/sdp/index.js';
import { MediaFixture } from './support/media-fixture.js';
import { RtpPeer } from './support/rtp-peer.js';

let media: MediaFixture;
let peer: RtpPeer;
beforeEach(async () => {
  media = await MediaFixture.create({ pairs: 3 });
  peer = await RtpPeer.open();
});
afterEach(() => {
  media.close();
  peer.close();
});

const offerFrom = (port: number) =>
  `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n`;

describe('MediaService', { timeout: 10_000 }, () => {
  it('answers an offer with the session port and plays to the offered address', async () => {
    const session = await media.service.openSession();
    const answer = parseSdp(serializeSdp(session.answer(offerFrom(peer.port))));
    expect(answer.media[0]).toMatchObject({ port: session.local.port, formats: ['8', '101'] });
    expect(session.media).toMatchObject({ codec: 'PCMA', telephoneEvent: 101 });
    const { path } = await media.announcement('hi', 60);
    const playing = session.play([path]);
    await new Promise((resolve) => setImmediate(resolve));
    media.ticks(4);
    expect(await playing).toEqual({ ended: 'completed' });
    await peer.waitFor(3);
    expect(peer.received.map((r) => r.packet.payloadType)).toEqual([8, 8, 8]);
    session.close();
  });

  it('makes an offer and starts from the answer to it', async () => {
    const session = await media.service.openSession();
    const offer = session.offer();
    expect(offer.media[0]!.port).toBe(session.local.port);
    const negotiated = session.acceptAnswer(offerFrom(peer.port).replace('0 8 101', '0 101'));
    expect(negotiated).toEqual(readAnswer(offerFrom(peer.port).replace('0 8 101', '0 101')));
    expect(session.media?.codec).toBe('PCMU');
    session.close();
  });

  it('runs out of port pairs with MEDIA_PORTS_EXHAUSTED and has them back after close', async () => {
    const service = media.service;
    const opened = [];
    for (let i = 0; i < service.pool.size; i++)
      opened.push(await service.openSession().catch(() => undefined));
    const held = opened.filter((s) => s !== undefined);
    await expect(service.openSession()).rejects.toMatchObject({ code: 'MEDIA_PORTS_EXHAUSTED' });
    expect(service.activeSessions).toBe(held.length);
    service.close();
    expect(service.activeSessions).toBe(0);
    expect(service.pool.available).toBe(service.pool.size);
  });

  it('takes its settings from config.media', () => {
    const config = loadConfig({ VMS_RTP_PORTS: '40000-40009', VMS_RTP_TIMEOUT_MS: '5000' });
    expect(config.media).toEqual({
      rtpPorts: { min: 40000, max: 40009 },
      rtpAddress: '127.0.0.1',
      rtpTimeoutMs: 5000,
      rtpIo: 'native',
    });
    expect(new MediaService(config.media).pool.size).toBe(5);
    expect(loadConfig({ VMS_RTP_IO: 'node' }).media.rtpIo).toBe('node');
    expect(() => loadConfig({ VMS_RTP_IO: 'kernel' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => loadConfig({ VMS_RTP_PORTS: '40001-40001' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});

describe('DtmfDetector.flush', () => {
  it('completes the digit in progress once, and later packets of it stay ignored', () => {
    const detector = new DtmfDetector();
    const event = (end: boolean) => Buffer.from([5, end ? 0x8a : 0x0a, 0x01, 0x40]);
    expect(detector.push(800, event(false))).toEqual([]);
    expect(detector.pending).toBe(true);
    expect(detector.flush()).toBe('5');
    expect(detector.flush()).toBeUndefined();
    expect(detector.push(800, event(true))).toEqual([]);
  });
});
