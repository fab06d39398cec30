import { afterEach, describe, expect, it } from 'vitest';
import { CALLER, E2eRun, egress, expectAllSuccessful } from './e2e-calls.js';
import { type RtpSink, rtpPorts, rtpSink } from './media-calls.js';

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

describe('RTP relayed between caller and destination after a menu', () => {
  it('carries audio both ways once the destination chosen in the IVR answers', async () => {
    const caller = await rtpSink();
    const desk = await rtpSink();
    sinks.push(caller, desk);
    // The caller talks from its first packet heard (the menu tells it where the engine is), every 20 ms.
    caller.onPacket = (engine) => {
      caller.onPacket = undefined;
      let sequence = 0;
      pacer = setInterval(() => {
        caller.send(engine, CALLER_SSRC, sequence++);
        if (sequence >= 600) clearInterval(pacer);
      }, 20);
    };
    // The destination answers each packet it hears with one of its own.
    let deskSequence = 0;
    desk.onPacket = (engine) => desk.send(engine, DESK_SSRC, deskSequence++);
    const uas = await run.destination('uas-answer-sink-then-bye.xml', 1, {
      keys: { rtp_port: String(desk.port), hold_ms: '2000' },
    });
    const engine = await run.engine({
      env: { VMS_EGRESS: egress(uas.port), VMS_RTP_PORTS: await rtpPorts() },
    });
    const result = await run.call(engine, 'uac-info-digit.xml', MEDIA_MENU, {
      keys: { caller: CALLER, rtp_port: String(caller.port), signal: '1' },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    expectAllSuccessful(await uas.done, 1, run, 'destination');
    const fromCaller = desk.packets.filter((p) => p.ssrc === CALLER_SSRC).length;
    const fromDesk = caller.packets.filter((p) => p.ssrc === DESK_SSRC).length;
    expect(fromCaller, 'caller -> destination').toBeGreaterThan(20);
    expect(fromDesk, 'destination -> caller').toBeGreaterThan(20);
  });
});
