import alawmulaw from 'alawmulaw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { relay } from '../../../../src/media/index.js';
import { alawTone, MediaFixture } from '../support/media-fixture.js';
import { RtpPeer, telephoneEvent } from '../support/rtp-peer.js';

let media: MediaFixture;
let caller: RtpPeer;
let callee: RtpPeer;
beforeEach(async () => {
  media = await MediaFixture.create();
  caller = await RtpPeer.open();
  callee = await RtpPeer.open();
});
afterEach(() => {
  media.close();
  caller.close();
  callee.close();
});

describe('relay', { timeout: 10_000 }, () => {
  it('carries RTP both ways, header and payload kept, from each leg own port', async () => {
    const a = await media.session(caller.port);
    const b = await media.session(callee.port);
    relay(a, b);
    const audio = alawTone(20);
    await caller.send(a.local.port, { sequenceNumber: 7, timestamp: 1600, ssrc: 0xaaaa, payload: audio });
    await callee.send(b.local.port, {
      sequenceNumber: 9,
      timestamp: 3200,
      ssrc: 0xbbbb,
      marker: true,
      payload: audio,
    });
    await Promise.all([caller.waitFor(1), callee.waitFor(1)]);
    expect(callee.received[0]).toMatchObject({
      fromPort: b.local.port,
      packet: { sequenceNumber: 7, timestamp: 1600, ssrc: 0xaaaa, payloadType: 8, payload: audio },
    });
    expect(caller.received[0]).toMatchObject({
      fromPort: a.local.port,
      packet: { sequenceNumber: 9, marker: true, ssrc: 0xbbbb, payload: audio },
    });
  });

  it('converts A-law to µ-law and renumbers telephone-event between legs that settled differently', async () => {
    const a = await media.session(caller.port, { telephoneEvent: 101 });
    const b = await media.session(callee.port, { codec: 'PCMU', payloadType: 0, telephoneEvent: 96 });
    relay(a, b);
    const audio = alawTone(20);
    await caller.send(a.local.port, { payload: audio });
    await caller.send(a.local.port, {
      payloadType: 101,
      sequenceNumber: 2,
      payload: telephoneEvent(5, true, 800),
    });
    await callee.waitFor(2);
    const [voice, event] = callee.received.map((r) => r.packet);
    expect(voice).toMatchObject({
      payloadType: 0,
      payload: Buffer.from(alawmulaw.mulaw.encode(alawmulaw.alaw.decode(audio))),
    });
    expect(event).toMatchObject({ payloadType: 96, payload: telephoneEvent(5, true, 800) });
  });

  it('ends when either leg closes and forwards nothing after', async () => {
    const a = await media.session(caller.port);
    const b = await media.session(callee.port);
    const link = relay(a, b);
    b.close();
    expect(await link.ended).toBe('b');
    const digit = new Promise((resolve) => a.onDigit(resolve));
    await caller.send(a.local.port, { payload: alawTone(20) });
    await caller.send(a.local.port, {
      payloadType: 101,
      timestamp: 5,
      payload: telephoneEvent(2, true, 800),
    });
    expect(await digit).toBe('2');
    expect(callee.received).toHaveLength(0);
    expect(b.stats.relayed).toBe(0);
  });

  it('gives each session its own media back on stop(), and stops their playback when it starts', async () => {
    const { path } = await media.announcement('ring', 2000);
    const a = await media.session(caller.port);
    const b = await media.session(callee.port);
    const playing = a.play([path]);
    await new Promise((resolve) => setImmediate(resolve));
    const link = relay(a, b);
    expect(await playing).toEqual({ ended: 'stopped' });
    expect(await a.play([path])).toEqual({ ended: 'stopped' });
    link.stop();
    expect(await link.ended).toBe('stopped');
    const digit = new Promise((resolve) => a.onDigit(resolve));
    await caller.send(a.local.port, {
      payloadType: 101,
      timestamp: 5,
      payload: telephoneEvent(6, true, 800),
    });
    expect(await digit).toBe('6');
    expect(callee.received).toHaveLength(0);
  });

  it('refuses a session that is closed or not started', async () => {
    const a = await media.session(caller.port);
    const unstarted = await media.service.openSession();
    try {
      expect(() => relay(a, unstarted)).toThrow(expect.objectContaining({ code: 'MEDIA_SESSION_CLOSED' }));
    } finally {
      unstarted.close();
    }
  });
});
