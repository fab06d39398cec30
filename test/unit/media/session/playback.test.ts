import alawmulaw from 'alawmulaw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediaSession } from '../../../../src/media/index.js';
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
  // The files load (from the cache) before the next tick, as they do between real 20 ms ticks.
  await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < maxTicks && !settled; i++) {
    media.timer.advance(20);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return promise;
}

/**
 * Ticks one at a time, each packet received before the next: a session reuses 4 packet buffers (a real
 * tick comes 20 ms later), so hundreds of ticks in one go would overwrite packets not sent yet.
 */
async function tickAndReceive(session: MediaSession, ticks: number): Promise<void> {
  for (let i = 0; i < ticks; i++) {
    media.ticks(1);
    await peer.waitFor(session.stats.sent);
  }
}

describe('MediaSession playback', { timeout: 10_000 }, () => {
  it('sends an announcement of N ms as N/20 packets: consecutive sequence, +160 timestamps, one marker', async () => {
    const { path, samples } = await media.announcement('hello', 1000);
    const session = await media.session(peer.port);
    const outcome = await playOut(session.play([path]));
    expect(outcome).toEqual({ ended: 'completed' });
    await peer.waitFor(session.stats.sent);
    const packets = peer.received.map((r) => r.packet).filter((p) => !isSilence(p.payload));
    expect(packets).toHaveLength(1000 / 20);
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
    expect(packets.slice(0, 25).every((p) => !isSilence(p.payload))).toBe(true);
    expect(packets.filter((p) => p.marker)).toHaveLength(1);
    expect(packets[10]!.payload).toEqual(two.samples.subarray(0, 160));
  });

  it('fills the time between two prompts with silence: one stream, consecutive sequence and timestamps, one marker', async () => {
    const { path } = await media.announcement('beep', 100);
    const session = await media.session(peer.port);
    await playOut(session.play([path]));
    await tickAndReceive(session, 50);
    await playOut(session.play([path]));
    await peer.waitFor(session.stats.sent);
    const packets = peer.received.map((r) => r.packet);
    expect(packets).toHaveLength(5 + 1 + 50 + 5 + 1);
    const silent = packets.map((p) => isSilence(p.payload));
    expect(silent.indexOf(true)).toBe(5);
    expect(silent.lastIndexOf(false)).toBe(packets.length - 2);
    expect(silent.slice(5, 56).every(Boolean)).toBe(true);
    for (const [i, p] of packets.entries()) {
      expect(p.sequenceNumber).toBe((packets[0]!.sequenceNumber + i) & 0xffff);
      expect(p.timestamp).toBe((packets[0]!.timestamp + 160 * i) >>> 0);
    }
    expect(packets.filter((p) => p.marker).map((p) => packets.indexOf(p))).toEqual([0]);
  });

  it('keeps sending silence after a prompt until the session is relayed (setSink) or closed', async () => {
    const { path } = await media.announcement('hello', 100);
    const session = await media.session(peer.port);
    await playOut(session.play([path]));
    media.ticks(10);
    expect(session.stats.sent).toBe(5 + 1 + 10);
    session.setSink({ forward: () => {} });
    media.ticks(10);
    expect(session.stats.sent).toBe(16);
    session.setSink(undefined);
    media.ticks(10);
    expect(session.stats.sent).toBe(16);
    await playOut(session.play([path]));
    const afterRelay = session.stats.sent;
    session.close();
    media.ticks(10);
    expect(session.stats.sent).toBe(afterRelay);
    expect(media.service.scheduler.running).toBe(false);
  });

  it('marks the first packet after a relay and moves its timestamp on by the time it did not send', async () => {
    const { path } = await media.announcement('hello', 100);
    const session = await media.session(peer.port);
    await playOut(session.play([path]));
    session.setSink({ forward: () => {} });
    media.timer.advance(1000);
    session.setSink(undefined);
    await playOut(session.play([path]));
    await peer.waitFor(session.stats.sent);
    const packets = peer.received.map((r) => r.packet);
    expect(packets.filter((p) => p.marker).map((p) => packets.indexOf(p))).toEqual([0, 6]);
    expect(packets[6]!.sequenceNumber).toBe((packets[5]!.sequenceNumber + 1) & 0xffff);
    expect((packets[6]!.timestamp - packets[5]!.timestamp) >>> 0).toBeGreaterThanOrEqual(160 * (1000 / 20));
  });

  it('sends nothing before offer/answer settled, nor while our direction is recvonly or inactive', async () => {
    const { path } = await media.announcement('early', 200);
    const unsettled = await media.service.openSession();
    try {
      await playOut(unsettled.play([path]));
      expect(unsettled.stats.sent).toBe(0);
    } finally {
      unsettled.close();
    }
    for (const direction of ['recvonly', 'inactive'] as const) {
      const session = await media.session(peer.port, { direction });
      await playOut(session.play([path]));
      media.ticks(5);
      expect(session.stats.sent, direction).toBe(0);
    }
    expect(peer.received).toHaveLength(0);
  });

  it('marks the first packet after ticks it could not send (the peer was on hold)', async () => {
    const { path } = await media.announcement('hold', 100);
    const session = await media.session(peer.port);
    await playOut(session.play([path]));
    const settled = session.media!;
    session.start({ ...settled, direction: 'inactive' });
    media.ticks(10);
    session.start({ ...settled, direction: 'sendrecv' });
    media.ticks(2);
    await peer.waitFor(session.stats.sent);
    const packets = peer.received.map((r) => r.packet);
    expect(packets).toHaveLength(5 + 1 + 2);
    expect(packets[6]!.marker).toBe(true);
    expect(packets[6]!.sequenceNumber).toBe((packets[5]!.sequenceNumber + 1) & 0xffff);
    expect((packets[6]!.timestamp - packets[5]!.timestamp) >>> 0).toBe(160 * 11);
  });

  it('plays the background loop between prompts and goes on with it where a prompt interrupted it', async () => {
    const music = await media.announcement('music', 200, 300);
    const { path } = await media.announcement('notice', 100, 900);
    const session = await media.session(peer.port);
    await session.setBackground({ loop: [music.path] });
    await tickAndReceive(session, 15);
    await playOut(session.play([path]));
    await tickAndReceive(session, 7);
    await peer.waitFor(session.stats.sent);
    const payloads = peer.received.map((r) => r.packet.payload);
    const musicFrames = Array.from({ length: 10 }, (_, i) => music.samples.subarray(160 * i, 160 * (i + 1)));
    expect(payloads.slice(0, 15)).toEqual([...musicFrames, ...musicFrames.slice(0, 5)]);
    expect(payloads[15]).toEqual((await media.announcement('notice', 100, 900)).samples.subarray(0, 160));
    // The tick where the prompt ends plays music again, from frame 5 of the loop.
    expect(payloads.slice(20, 28)).toEqual([...musicFrames.slice(5, 10), ...musicFrames.slice(0, 3)]);
    await session.setBackground('silence');
    await tickAndReceive(session, 2);
    expect(peer.received.slice(-2).every((r) => isSilence(r.packet.payload))).toBe(true);
  });

  it('plays ringback: 1 s of 425 Hz tone, then 4 s of silence, over and over', async () => {
    const session = await media.session(peer.port);
    await session.setBackground('ringback');
    await tickAndReceive(session, 300);
    const silent = peer.received.map((r) => isSilence(r.packet.payload));
    expect(silent.slice(0, 50).some(Boolean)).toBe(false);
    expect(silent.slice(50, 250).every(Boolean)).toBe(true);
    expect(silent.slice(250, 300).some(Boolean)).toBe(false);
    const tone = Buffer.concat(peer.received.slice(0, 50).map((r) => r.packet.payload));
    expect(dominantHz(Int16Array.from(alawmulaw.alaw.decode(tone)))).toBe(425);
  });

  it('sends µ-law to a PCMU caller', async () => {
    const { path, samples } = await media.announcement('mu', 200);
    const session = await media.session(peer.port, { codec: 'PCMU', payloadType: 0 });
    await playOut(session.play([path]));
    await peer.waitFor(session.stats.sent);
    const packets = peer.received.map((r) => r.packet);
    expect(packets.every((p) => p.payloadType === 0)).toBe(true);
    const expected = Buffer.from(alawmulaw.mulaw.encode(alawmulaw.alaw.decode(samples)));
    expect(Buffer.concat(packets.slice(0, 10).map((p) => p.payload))).toEqual(expected);
    expect(packets[10]!.payload).toEqual(Buffer.alloc(160, 0xff));
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
      expect(peer.received).toHaveLength(5 + 1);
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

/** A-law digital silence (0xD5), what the session sends between prompts to a PCMA leg. */
function isSilence(payload: Buffer): boolean {
  return payload.every((b) => b === 0xd5);
}

/** The frequency (1 Hz steps, 300-500 Hz) with the most energy in `pcm` at 8 kHz (Goertzel). */
function dominantHz(pcm: Int16Array): number {
  let best = 0;
  let bestPower = -1;
  for (let hz = 300; hz <= 500; hz++) {
    const k = 2 * Math.cos((2 * Math.PI * hz) / 8000);
    let s1 = 0;
    let s2 = 0;
    for (const x of pcm) [s1, s2] = [x + k * s1 - s2, s1];
    const power = s1 * s1 + s2 * s2 - k * s1 * s2;
    if (power > bestPower) [best, bestPower] = [hz, power];
  }
  return best;
}
