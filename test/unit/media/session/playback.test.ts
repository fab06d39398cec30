import alawmulaw from 'alawmulaw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaFixture } from '../support/media-fixture.js';
import { RtpPeer } from '../support/rtp-peer.js';

let media: MediaFixture;
let peer: RtpPeer;
beforeEach(async () => {
  media = await MediaFixture.create();
  peer = await RtpPeer.open();
});
afterEach(() => {
  media.close();
  peer.close();
});

/** Ticks the shared clock until the play settles (bounded: a file never lasts more than `maxTicks`). */
async function playOut<T>(promise: Promise<T>, maxTicks = 500): Promise<T> {
  let settled = false;
  void promise.finally(() => {
    settled = true;
  });
  for (let i = 0; i < maxTicks && !settled; i++) {
    media.timer.advance(20);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return promise;
}

describe('MediaSession playback', { timeout: 10_000 }, () => {
  it('sends an announcement of N ms as N/20 packets: consecutive sequence, +160 timestamps, one marker', async () => {
    const { path, samples } = await media.announcement('hello', 1000);
    const session = await media.session(peer.port);
    const outcome = await playOut(session.play([path]));
    expect(outcome).toEqual({ ended: 'completed' });
    await peer.waitFor(session.stats.sent);
    const packets = peer.received.map((r) => r.packet);
    expect(Math.abs(packets.length - 1000 / 20)).toBeLessThanOrEqual(1);
    for (const [i, p] of packets.entries()) {
      expect(p.sequenceNumber).toBe((packets[0]!.sequenceNumber + i) & 0xffff);
      expect(p.timestamp).toBe((packets[0]!.timestamp + 160 * i) >>> 0);
      expect(p.payloadType).toBe(8);
      expect(p.ssrc).toBe(packets[0]!.ssrc);
    }
    expect(packets.filter((p) => p.marker).map((p) => packets.indexOf(p))).toEqual([0]);
    expect(Buffer.concat(packets.map((p) => p.payload)).subarray(0, samples.length)).toEqual(samples);
  });

  it('sends from the port the SDP announces (symmetric RTP)', async () => {
    const { path } = await media.announcement('short', 100);
    const session = await media.session(peer.port);
    await playOut(session.play([path]));
    await peer.waitFor(session.stats.sent);
    expect(new Set(peer.received.map((r) => r.fromPort))).toEqual(new Set([session.local.port]));
  });

  it('plays a list of files back to back as one talkspurt', async () => {
    const one = await media.announcement('one', 200);
    const two = await media.announcement('two', 300, 880);
    const session = await media.session(peer.port);
    await playOut(session.play([one.path, two.path]));
    await peer.waitFor(session.stats.sent);
    const packets = peer.received.map((r) => r.packet);
    expect(packets.length).toBe(25);
    expect(packets.filter((p) => p.marker)).toHaveLength(1);
    expect(packets[10]!.payload).toEqual(two.samples.subarray(0, 160));
  });

  it('marks the first packet of the next prompt and moves its timestamp on by the silence', async () => {
    const { path } = await media.announcement('beep', 100);
    const session = await media.session(peer.port);
    await playOut(session.play([path]));
    media.timer.advance(1000);
    await playOut(session.play([path]));
    await peer.waitFor(10);
    const packets = peer.received.map((r) => r.packet);
    expect(packets.map((p) => p.marker)).toEqual([
      true,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(packets[5]!.sequenceNumber).toBe((packets[4]!.sequenceNumber + 1) & 0xffff);
    expect((packets[5]!.timestamp - packets[4]!.timestamp) >>> 0).toBeGreaterThanOrEqual(160 * (1000 / 20));
  });

  it('sends µ-law to a PCMU caller', async () => {
    const { path, samples } = await media.announcement('mu', 200);
    const session = await media.session(peer.port, { codec: 'PCMU', payloadType: 0 });
    await playOut(session.play([path]));
    await peer.waitFor(session.stats.sent);
    const packets = peer.received.map((r) => r.packet);
    expect(packets.every((p) => p.payloadType === 0)).toBe(true);
    const expected = Buffer.from(alawmulaw.mulaw.encode(alawmulaw.alaw.decode(samples)));
    expect(Buffer.concat(packets.map((p) => p.payload))).toEqual(expected);
  });

  it('sends to the source of the first packet received rather than the SDP address (latching)', async () => {
    const { path } = await media.announcement('latch', 100);
    const elsewhere = await RtpPeer.open();
    try {
      const session = await media.session(elsewhere.port);
      await peer.send(session.local.port, { payload: Buffer.alloc(160, 0xd5) });
      await waitUntil(() => session.stats.received === 1);
      await playOut(session.play([path]));
      await peer.waitFor(session.stats.sent);
      expect(peer.received).toHaveLength(5);
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      elsewhere.close();
    }
  });

  it('ends a play with stopped on stop() and on close, and frees its ports', async () => {
    const { path } = await media.announcement('long', 2000);
    const session = await media.session(peer.port);
    const playing = session.play([path]);
    await playOut(Promise.race([playing, Promise.resolve()]), 1);
    session.stop();
    expect(await playing).toEqual({ ended: 'stopped' });
    const available = media.service.pool.available;
    const again = session.play([path]);
    session.close();
    expect(await again).toEqual({ ended: 'stopped' });
    expect(media.service.pool.available).toBe(available + 1);
    expect(await session.play([path])).toEqual({ ended: 'stopped' });
  });

  it('rejects a play whose file is missing with MEDIA_FILE_UNREADABLE', async () => {
    const session = await media.session(peer.port);
    await expect(session.play([`${media.dir}/missing.wav`])).rejects.toMatchObject({
      code: 'MEDIA_FILE_UNREADABLE',
    });
  });
});

/** Waits for a condition that a socket event will make true, checking once per event loop turn. */
async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
