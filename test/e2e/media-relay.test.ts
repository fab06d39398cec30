import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/engine/call-record.js';
import { ringbackFrames } from '../../src/media/index.js';
import { CALLER, E2eRun, egress, expectAllSuccessful } from './e2e-calls.js';
import {
  adminUntil,
  announcementFrames,
  indexOfFrames,
  isSilence,
  type RtpSink,
  rtpPorts,
  rtpSink,
  streamProblems,
} from './media-calls.js';

const MEDIA_MENU = '+3279000010';
const CALLER_SSRC = 0xca11e7;
const DESK_SSRC = 0xde5c;
const run = new E2eRun();
const sinks: RtpSink[] = [];
let pacer: NodeJS.Timeout | undefined;
afterEach(async () => {
  clearInterval(pacer);
  await run.stop();
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

/**
 * A caller that talks every 20 ms from the first packet it hears (the engine's audio tells it where the
 * engine is), and a destination that answers each packet it hears with one of its own.
 */
async function talkingPair(): Promise<{ caller: RtpSink; desk: RtpSink }> {
  const caller = await rtpSink();
  const desk = await rtpSink();
  sinks.push(caller, desk);
  caller.onPacket = (engine) => {
    caller.onPacket = undefined;
    let sequence = 0;
    pacer = setInterval(() => {
      caller.send(engine, CALLER_SSRC, sequence++);
      if (sequence >= 600) clearInterval(pacer);
    }, 20);
  };
  let deskSequence = 0;
  desk.onPacket = (engine) => desk.send(engine, DESK_SSRC, deskSequence++);
  return { caller, desk };
}

describe('RTP relayed between caller and destination after a menu', () => {
  it('plays ringback to the caller while the destination rings, then relays its answer', async () => {
    const { caller, desk } = await talkingPair();
    const uas = await run.destination('uas-ring-then-answer-sink.xml', 1, {
      keys: { rtp_port: String(desk.port), ring_ms: '1500', hold_ms: '1000' },
    });
    const engine = await run.engine({
      env: { VMS_EGRESS: egress(uas.port), VMS_RTP_PORTS: await rtpPorts() },
    });
    const result = await run.call(engine, 'uac-info-digit.xml', MEDIA_MENU, {
      keys: { caller: CALLER, rtp_port: String(caller.port), signal: '1' },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    expectAllSuccessful(await uas.done, 1, run, 'destination');
    const fromDesk = caller.packets.findIndex((p) => p.ssrc === DESK_SSRC);
    const ours = caller.packets.slice(0, fromDesk);
    // Menu (cut by the digit), ringback's 1 s of tone from the 180 on, its silence: one stream until the answer.
    const tone = ringbackFrames('PCMA').slice(0, 50);
    expect(indexOfFrames(ours, tone), 'the 1 s of ringback tone').toBeGreaterThan(0);
    expect(streamProblems(ours)).toEqual([]);
    expect(fromDesk, 'destination -> caller after the ringback').toBeGreaterThan(0);
    expect(caller.packets.slice(fromDesk).every((p) => p.ssrc === DESK_SSRC)).toBe(true);
  });

  it('stops the ringback when the destination is busy and goes on with the plan (a notice, then BYE)', async () => {
    const caller = await rtpSink();
    sinks.push(caller);
    const uas = await run.destination('uas-ring-then-busy.xml', 1, { keys: { ring_ms: '1500' } });
    const engine = await run.engine({
      admin: true,
      env: { VMS_EGRESS: egress(uas.port), VMS_RTP_PORTS: await rtpPorts() },
    });
    const result = await run.call(engine, 'uac-info-digit.xml', MEDIA_MENU, {
      keys: { caller: CALLER, rtp_port: String(caller.port), signal: '1' },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    expectAllSuccessful(await uas.done, 1, run, 'destination');
    const [record] = await engine.admin<CallRecord[]>('/calls?limit=1');
    expect(record?.steps.map((s) => `${s.node}:${s.output}`)).toEqual([
      'menu:1',
      'desk:busy',
      'notice:next',
      'bye:hangup',
    ]);
    const heard = caller.packets;
    const tone = indexOfFrames(heard, ringbackFrames('PCMA').slice(0, 50));
    const notice = indexOfFrames(heard, announcementFrames('fr', 'vip-only'));
    expect(tone, 'the 1 s of ringback tone').toBeGreaterThan(0);
    // Rang 1.5 s: the tone's second, then its silence until the 486, then the notice.
    expect(notice - tone, 'packets from the ringback to the notice').toBeGreaterThanOrEqual(70);
    expect(notice - tone).toBeLessThan(100);
    expect(heard.slice(tone + 50, notice).every(isSilence)).toBe(true);
    expect(streamProblems(heard)).toEqual([]);
  });

  it.each(['native', 'node'])(
    'carries audio both ways once the destination chosen in the IVR answers (VMS_RTP_IO=%s)',
    async (rtpIo) => {
      // The caller talks from its first packet heard; the destination answers each packet with one of its own.
      const { caller, desk } = await talkingPair();
      const uas = await run.destination('uas-answer-sink-then-bye.xml', 1, {
        keys: { rtp_port: String(desk.port), hold_ms: '2000' },
      });
      const engine = await run.engine({
        admin: true,
        env: { VMS_EGRESS: egress(uas.port), VMS_RTP_PORTS: await rtpPorts(), VMS_RTP_IO: rtpIo },
      });
      const call = run.call(engine, 'uac-info-digit.xml', MEDIA_MENU, {
        keys: { caller: CALLER, rtp_port: String(caller.port), signal: '1' },
      });
      type MediaStats = { media: { legs: number; rtpIo: string; nativeRelays: number } };
      if (rtpIo === 'native') {
        await adminUntil<MediaStats>(
          engine,
          '/stats',
          (s) => s.media.nativeRelays === 1,
          'the call relayed natively',
        );
      }
      const result = await call;
      expectAllSuccessful(result, 1, run, 'caller');
      expectAllSuccessful(await uas.done, 1, run, 'destination');
      const fromCaller = desk.packets.filter((p) => p.ssrc === CALLER_SSRC).length;
      const fromDesk = caller.packets.filter((p) => p.ssrc === DESK_SSRC).length;
      expect(fromCaller, 'caller -> destination').toBeGreaterThan(20);
      expect(fromDesk, 'destination -> caller').toBeGreaterThan(20);
      const after = await adminUntil<MediaStats>(
        engine,
        '/stats',
        (s) => s.media.legs === 0,
        'both legs freed',
      );
      expect(after.media).toEqual({ legs: 0, rtpIo, nativeRelays: 0 });
    },
  );
});
