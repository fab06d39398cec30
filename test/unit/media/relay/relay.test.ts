import alawmulaw from 'alawmulaw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { relay } from '../../../../src/media/index.js';
import { alawTone, MediaFixture } from '../support/media-fixture.js';
import { RtpPeer, telephoneEvent } from '../support/rtp-peer.js';

describe.each(['native', 'node'] as const)('relay (VMS_RTP_IO=%s)', { timeout: 10_000 }, (plane) => {
  let media: MediaFixture;
  let caller: RtpPeer;
  let callee: RtpPeer;
  beforeEach(async () => {
    media = await MediaFixture.create({ rtpIo: plane });
    caller = await RtpPeer.open();
    callee = await RtpPeer.open();
  });
  afterEach(() => {
    media.close();
    caller.close();
    callee.close();
  });

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

  it('latches each leg on its first packet (symmetric RTP, RFC 4961), whatever its SDP said', async () => {
    const nobody = await RtpPeer.open();
    const stalePort = nobody.port;
    nobody.close();
    const a = await media.session(stalePort);
    const b = await media.session(callee.port);
    relay(a, b);
    await caller.send(a.local.port, { sequenceNumber: 1, payload: alawTone(20) });
    await callee.waitFor(1);
    await callee.send(b.local.port, { sequenceNumber: 50, payload: alawTone(20) });
    await caller.waitFor(1);
    expect(caller.received[0]).toMatchObject({ fromPort: a.local.port, packet: { sequenceNumber: 50 } });
  });

  it('counts the packets it receives and relays per leg, during the relay and after it', async () => {
    const a = await media.session(caller.port);
    const b = await media.session(callee.port);
    const link = relay(a, b);
    for (let i = 0; i < 3; i++) await caller.send(a.local.port, { sequenceNumber: i, payload: alawTone(20) });
    await callee.send(b.local.port, { payload: alawTone(20) });
    await Promise.all([callee.waitFor(3), caller.waitFor(1)]);
    const during = { a: a.stats, b: b.stats };
    expect(during.a).toMatchObject({ received: 3, relayed: 1 });
    expect(during.b).toMatchObject({ received: 1, relayed: 3 });
    link.stop();
    await link.ended;
    expect(a.stats).toMatchObject({ received: 3, relayed: 1 });
    expect(b.stats).toMatchObject({ received: 1, relayed: 3 });
  });

  it('reports a leg whose peer stops sending during the relay inactive (VMS_RTP_TIMEOUT_MS), not the other', async () => {
    const timed = await MediaFixture.create({ rtpIo: plane, rtpTimeoutMs: 1000, realTime: true });
    try {
      const a = await timed.session(caller.port);
      const b = await timed.session(callee.port);
      relay(a, b);
      const aInactive = new Promise((resolve) => a.onInactive(() => resolve('a')));
      let bInactive = false;
      b.onInactive(() => {
        bInactive = true;
      });
      await caller.send(a.local.port, { payload: alawTone(20) });
      const talking = setInterval(() => void callee.send(b.local.port, { payload: alawTone(20) }), 20);
      try {
        expect(await aInactive).toBe('a');
      } finally {
        clearInterval(talking);
      }
      expect(bInactive).toBe(false);
      expect(b.stats.received).toBeGreaterThan(10);
    } finally {
      timed.close();
    }
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
