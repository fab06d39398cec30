import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/engine/call-record.js';
import { EXAMPLE_PLANS } from '../support/engine.js';
import { CALLER, E2eRun, expectAllSuccessful, freePort } from './e2e-calls.js';
import {
  announcementFrames,
  announcementPackets,
  indexOfFrames,
  isSilence,
  type RtpSink,
  rtpPorts,
  rtpSink,
  streamProblems,
} from './media-calls.js';

const VIP_ONLY = '+3278000006';
const LANGUAGE_MENU = '+3278000004';
const CALLER_SSRC = 0xca11e7;
const run = new E2eRun();
const sinks: RtpSink[] = [];
let pacer: NodeJS.Timeout | undefined;
afterEach(async () => {
  clearInterval(pacer);
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
    const frames = announcementFrames('fr', 'vip-only');
    const audio = sink.packets.filter((p) => p.payloadType === 8);
    // The whole WAV from the first packet on, then nothing but silence until the BYE.
    expect(indexOfFrames(audio, frames)).toBe(0);
    expect(audio.slice(frames.length).every(isSilence)).toBe(true);
    expect(streamProblems(audio)).toEqual([]);
  });

  it('offers its own SDP in the 200 to an INVITE without one and plays to the address the ACK answers', async () => {
    const sink = await rtpSink();
    sinks.push(sink);
    const engine = await run.engine({ plans: EXAMPLE_PLANS, env: { VMS_RTP_PORTS: await rtpPorts() } });
    const result = await run.call(engine, 'uac-late-offer.xml', VIP_ONLY, {
      keys: { caller: CALLER, rtp_port: String(sink.port) },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    const audio = sink.packets.filter((p) => p.payloadType === 8);
    expect(indexOfFrames(audio, announcementFrames('fr', 'vip-only'))).toBe(0);
  });

  it('answers 488 to an offer with neither PCMA nor PCMU', async () => {
    const engine = await run.engine({ plans: EXAMPLE_PLANS, env: { VMS_RTP_PORTS: await rtpPorts() } });
    const result = await run.call(engine, 'uac-expect-488.xml', VIP_ONLY, { mediaPort: await freePort() });
    expectAllSuccessful(result, 1, run, 'caller');
  });

  it('releases a caller whose RTP stops for VMS_RTP_TIMEOUT_MS: BYE with Reason Q.850 cause 102, recorded as rtpTimeout', async () => {
    const sink = await rtpSink();
    sinks.push(sink);
    // The caller talks 500 ms from the first packet it hears (the menu tells it where the engine is), then goes quiet.
    let lastSentAt = 0;
    sink.onPacket = (engine) => {
      sink.onPacket = undefined;
      let sequence = 0;
      pacer = setInterval(() => {
        sink.send(engine, CALLER_SSRC, sequence++);
        lastSentAt = performance.now();
        if (sequence >= 25) clearInterval(pacer);
      }, 20);
    };
    const engine = await run.engine({
      plans: EXAMPLE_PLANS,
      admin: true,
      env: { VMS_RTP_PORTS: await rtpPorts(), VMS_RTP_TIMEOUT_MS: '1000' },
    });
    const result = await run.call(engine, 'uac-expect-timer-bye.xml', LANGUAGE_MENU, {
      keys: { caller: CALLER, rtp_port: String(sink.port) },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    const [record] = await engine.admin<CallRecord[]>('/calls?limit=1');
    expect(record?.end).toMatchObject({ how: 'rtpTimeout' });
    expect(record?.end.reason).toContain('no RTP from the caller for 1000 ms');
    // Released mid-menu, a timeout after the caller's last packet: not before, and not at the menu's end.
    const lastHeard = sink.packets[sink.packets.length - 1]?.at ?? 0;
    expect(lastHeard - lastSentAt).toBeGreaterThan(950);
    expect(sink.packets.length).toBeLessThan(announcementPackets('fr', 'choose-language'));
  });
});
