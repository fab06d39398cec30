import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLE_PLANS } from '../support/engine.js';
import { CALLER, E2eRun, expectAllSuccessful, freePort } from './e2e-calls.js';
import { announcementPackets, consecutive, type RtpSink, rtpPorts, rtpSink } from './media-calls.js';

const VIP_ONLY = '+3278000006';
const LANGUAGE_MENU = '+3278000004';
const run = new E2eRun();
const sinks: RtpSink[] = [];
afterEach(async () => {
  await run.stop();
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

describe('announcements heard over RTP by a live caller', () => {
  it('plays the vip-only prompt to a caller not on the list, then sends BYE', async () => {
    const sink = await rtpSink();
    sinks.push(sink);
    const engine = await run.engine({
      plans: EXAMPLE_PLANS,
      env: { VMS_EGRESS: `udp:127.0.0.1:${await freePort()}`, VMS_RTP_PORTS: await rtpPorts() },
    });
    const result = await run.call(engine, 'uac-listen-until-bye.xml', VIP_ONLY, {
      keys: { caller: CALLER, rtp_port: String(sink.port) },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    const expected = announcementPackets('fr', 'vip-only');
    const audio = sink.packets.filter((p) => p.payloadType === 8);
    expect(
      Math.abs(audio.length - expected),
      `${audio.length} packets, WAV makes ${expected}`,
    ).toBeLessThanOrEqual(3);
    expect(consecutive(audio)).toBe(true);
    expect(audio.filter((p) => p.marker).length).toBe(1);
    expect(audio[0]?.marker).toBe(true);
  });

  it('offers its own SDP in the 200 to an INVITE without one and plays to the address the ACK answers', async () => {
    const sink = await rtpSink();
    sinks.push(sink);
    const engine = await run.engine({ plans: EXAMPLE_PLANS, env: { VMS_RTP_PORTS: await rtpPorts() } });
    const result = await run.call(engine, 'uac-late-offer.xml', VIP_ONLY, {
      keys: { caller: CALLER, rtp_port: String(sink.port) },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    const expected = announcementPackets('fr', 'vip-only');
    const audio = sink.packets.filter((p) => p.payloadType === 8);
    expect(
      Math.abs(audio.length - expected),
      `${audio.length} packets, WAV makes ${expected}`,
    ).toBeLessThanOrEqual(3);
  });

  it('answers 488 to an offer with neither PCMA nor PCMU', async () => {
    const engine = await run.engine({ plans: EXAMPLE_PLANS, env: { VMS_RTP_PORTS: await rtpPorts() } });
    const result = await run.call(engine, 'uac-expect-488.xml', VIP_ONLY, { mediaPort: await freePort() });
    expectAllSuccessful(result, 1, run, 'caller');
  });

  it('releases a caller that sends no RTP for VMS_RTP_TIMEOUT_MS with a BYE, mid-menu', async () => {
    const sink = await rtpSink();
    sinks.push(sink);
    const engine = await run.engine({
      plans: EXAMPLE_PLANS,
      env: { VMS_RTP_PORTS: await rtpPorts(), VMS_RTP_TIMEOUT_MS: '1000' },
    });
    const result = await run.call(engine, 'uac-listen-until-bye.xml', LANGUAGE_MENU, {
      keys: { caller: CALLER, rtp_port: String(sink.port) },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    // The menu prompt alone is longer than what was sent before the release.
    expect(sink.packets.length).toBeGreaterThan(0);
    expect(sink.packets.length).toBeLessThan(announcementPackets('fr', 'choose-language'));
  });
});
