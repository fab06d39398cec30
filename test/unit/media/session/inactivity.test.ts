import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaFixture } from '../support/media-fixture.js';
import { RtpPeer } from '../support/rtp-peer.js';

let media: MediaFixture;
let peer: RtpPeer;
beforeEach(async () => {
  media = await MediaFixture.create({ rtpTimeoutMs: 30_000 });
  peer = await RtpPeer.open();
});
afterEach(() => {
  media.close();
  peer.close();
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('MediaSession inactivity', { timeout: 10_000 }, () => {
  it('emits inactive once when no RTP comes for the timeout', async () => {
    const session = await media.session(peer.port);
    let inactive = 0;
    session.onInactive(() => inactive++);
    media.timer.advance(29_999);
    expect(inactive).toBe(0);
    media.timer.advance(1);
    expect(inactive).toBe(1);
    media.timer.advance(60_000);
    expect(inactive).toBe(1);
  });

  it('counts the timeout from the last packet received', async () => {
    const session = await media.session(peer.port);
    let inactive = 0;
    session.onInactive(() => inactive++);
    media.timer.advance(20_000);
    await peer.send(session.local.port, { payload: Buffer.alloc(160, 0xd5) });
    await waitUntil(() => session.stats.received === 1);
    media.timer.advance(29_000);
    expect(inactive).toBe(0);
    media.timer.advance(1_000);
    expect(inactive).toBe(1);
  });

  it('does not watch a leg that is not supposed to send (we are sendonly)', async () => {
    const session = await media.session(peer.port, { direction: 'sendonly' });
    let inactive = 0;
    session.onInactive(() => inactive++);
    media.timer.advance(120_000);
    expect(inactive).toBe(0);
  });

  it('never fires after close', async () => {
    const session = await media.session(peer.port);
    let inactive = 0;
    session.onInactive(() => inactive++);
    session.close();
    media.timer.advance(120_000);
    expect(inactive).toBe(0);
  });
});
