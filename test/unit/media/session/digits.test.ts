import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MediaSession, parseDtmfInfo } from '../../../../src/media/index.js';
import { MediaFixture } from '../support/media-fixture.js';
import { readPcapRtp } from '../support/read-pcap-rtp.js';
import { RtpPeer, telephoneEvent } from '../support/rtp-peer.js';

const SIPP_PCAPS = '/usr/share/sip-tester';

let media: MediaFixture;
let peer: RtpPeer;
let session: MediaSession;
let sequence = 0;
beforeEach(async () => {
  media = await MediaFixture.create();
  peer = await RtpPeer.open();
  session = await media.session(peer.port, { telephoneEvent: 101 });
});
afterEach(() => {
  media.close();
  peer.close();
});

/** One RFC 4733 event as a phone sends it: updates, then the end packet three times (§2.5.1.4). */
async function press(event: number, timestamp: number, options: { ends?: number } = {}): Promise<void> {
  const send = (end: boolean, duration: number) =>
    peer.send(session.local.port, {
      payloadType: 101,
      sequenceNumber: sequence++,
      timestamp,
      marker: duration === 160,
      payload: telephoneEvent(event, end, duration),
    });
  for (const duration of [160, 320, 480]) await send(false, duration);
  for (let i = 0; i < (options.ends ?? 3); i++) await send(true, 640);
}

function nextDigits(count: number): Promise<string[]> {
  const seen: string[] = [];
  return new Promise((resolve) => {
    const off = session.onDigit((d) => {
      seen.push(d);
      if (seen.length === count) {
        off();
        resolve(seen);
      }
    });
  });
}

describe('MediaSession digits', { timeout: 10_000 }, () => {
  it('reports each RFC 4733 digit once although its end packet comes three times', async () => {
    const digits = nextDigits(3);
    await press(1, 8000);
    await press(1, 9600);
    await press(11, 11200);
    expect(await digits).toEqual(['1', '1', '#']);
  });

  it('reports a digit whose end packets were all lost once the events stop', async () => {
    const digits = nextDigits(1);
    await press(7, 8000, { ends: 0 });
    await waitUntil(() => session.stats.received === 3);
    media.timer.advance(1000);
    expect(await digits).toEqual(['7']);
  });

  it('ignores events under a payload type other than the negotiated one', async () => {
    const digits = nextDigits(1);
    await peer.send(session.local.port, {
      payloadType: 96,
      timestamp: 1,
      payload: telephoneEvent(3, true, 640),
    });
    await press(4, 2000);
    expect(await digits).toEqual(['4']);
  });

  it('once latched, ignores packets from any other source', async () => {
    const stranger = await RtpPeer.open();
    try {
      const digits: string[] = [];
      session.onDigit((d) => digits.push(d));
      await press(1, 100);
      await waitUntil(() => digits.length === 1);
      await stranger.send(session.local.port, {
        payloadType: 101,
        timestamp: 200,
        payload: telephoneEvent(9, true, 640),
      });
      await press(2, 300);
      await waitUntil(() => digits.length === 2);
      expect(digits).toEqual(['1', '2']);
    } finally {
      stranger.close();
    }
  });

  it('listens to a new source after offer/answer moves the remote (re-INVITE)', async () => {
    const moved = await RtpPeer.open();
    try {
      await press(1, 100);
      await waitUntil(() => session.stats.received === 6);
      session.start({ ...session.media!, remote: { address: '127.0.0.1', port: moved.port } });
      const digit = new Promise((resolve) => session.onDigit(resolve));
      await moved.send(session.local.port, {
        payloadType: 101,
        timestamp: 200,
        payload: telephoneEvent(4, true, 640),
      });
      expect(await digit).toBe('4');
    } finally {
      moved.close();
    }
  });

  it("reports the digits of SIPp's RFC 4733 pcaps (1, then 9)", async () => {
    const digits = nextDigits(2);
    for (const name of ['dtmf_2833_1.pcap', 'dtmf_2833_9.pcap']) {
      for (const packet of readPcapRtp(`${SIPP_PCAPS}/${name}`)) {
        await new Promise<void>((resolve) =>
          peer.socket.send(packet, session.local.port, '127.0.0.1', () => resolve()),
        );
      }
    }
    expect(await digits).toEqual(['1', '9']);
  });

  it('collects digits up to maxDigits', async () => {
    const collecting = session.collectDigits({ maxDigits: 3, timeoutMs: 5000, interDigitTimeoutMs: 3000 });
    await press(1, 100);
    await press(2, 200);
    await press(3, 300);
    expect(await collecting).toEqual({ ended: 'digits', digits: '123' });
  });

  it('stops collecting on the terminator, which is not kept', async () => {
    const collecting = session.collectDigits({
      maxDigits: 8,
      timeoutMs: 5000,
      interDigitTimeoutMs: 3000,
      terminator: '#',
    });
    session.injectDigit('4');
    session.injectDigit('2');
    session.injectDigit('#');
    expect(await collecting).toEqual({ ended: 'digits', digits: '42', terminated: true });
  });

  it('ends with timeout when no digit comes, and with the digits so far after the inter-digit timeout', async () => {
    const none = session.collectDigits({ maxDigits: 4, timeoutMs: 5000, interDigitTimeoutMs: 2000 });
    media.timer.advance(5000);
    expect(await none).toEqual({ ended: 'timeout', digits: '' });
    const some = session.collectDigits({ maxDigits: 4, timeoutMs: 5000, interDigitTimeoutMs: 2000 });
    session.injectDigit('9');
    await Promise.resolve();
    media.timer.advance(2000);
    expect(await some).toEqual({ ended: 'digits', digits: '9' });
  });

  it('takes digits from SIP INFO bodies like RFC 4733 ones', async () => {
    const collecting = session.collectDigits({ maxDigits: 2, timeoutMs: 5000, interDigitTimeoutMs: 3000 });
    session.injectDigit(parseDtmfInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160')!);
    session.injectDigit(parseDtmfInfo('application/dtmf', '*')!);
    expect(await collecting).toEqual({ ended: 'digits', digits: '5*' });
  });

  it('interrupts a prompt on a digit (barge-in), which becomes the first digit collected', async () => {
    const { path } = await media.announcement('menu', 3000);
    const collecting = session.collectDigits({
      files: [path],
      maxDigits: 2,
      timeoutMs: 5000,
      interDigitTimeoutMs: 3000,
    });
    await new Promise((resolve) => setImmediate(resolve));
    media.ticks(5);
    await press(8, 100);
    await waitUntil(() => session.stats.received >= 6);
    const sentAtBargeIn = session.stats.sent;
    session.injectDigit('0');
    expect(await collecting).toEqual({ ended: 'digits', digits: '80' });
    expect(sentAtBargeIn).toBeLessThan(3000 / 20);
    // The prompt stopped at the digit: what follows is silence, not the rest of the menu.
    for (let i = 0; i < 5; i++) {
      media.ticks(1);
      await peer.waitFor(session.stats.sent);
    }
    const after = peer.received.slice(sentAtBargeIn).map((r) => r.packet.payload);
    expect(after.length).toBeGreaterThanOrEqual(5);
    expect(after.every((payload) => payload.every((b) => b === 0xd5))).toBe(true);
  });

  it('keeps digits typed during a prompt without barge-in for the next collection', async () => {
    const { path } = await media.announcement('welcome', 100);
    const playing = session.play([path], { interruptOnDigit: false });
    session.injectDigit('3');
    await new Promise((resolve) => setImmediate(resolve));
    media.ticks(6);
    expect(await playing).toEqual({ ended: 'completed' });
    const collected = await session.collectDigits({
      maxDigits: 1,
      timeoutMs: 5000,
      interDigitTimeoutMs: 3000,
    });
    expect(collected).toEqual({ ended: 'digits', digits: '3' });
  });

  it('ends a collection with stopped when the session closes', async () => {
    const collecting = session.collectDigits({ maxDigits: 2, timeoutMs: 5000, interDigitTimeoutMs: 3000 });
    session.close();
    expect(await collecting).toEqual({ ended: 'stopped', digits: '' });
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
