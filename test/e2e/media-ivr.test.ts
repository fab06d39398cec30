import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/engine/call-record.js';
import { EXAMPLE_PLANS, type RunningEngine } from '../support/engine.js';
import { CALLER, E2eRun, expectAllSuccessful, freePort } from './e2e-calls.js';
import { announcementPackets, type RtpSink, rtpPorts, rtpSink } from './media-calls.js';

const LANGUAGE_MENU = '+3278000004';
const MEDIA_MENU = '+3279000010';
const run = new E2eRun();
const sinks: RtpSink[] = [];
afterEach(async () => {
  await run.stop();
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

async function sink(): Promise<RtpSink> {
  const s = await rtpSink();
  sinks.push(s);
  return s;
}

async function lastRecord(engine: RunningEngine): Promise<CallRecord> {
  const [record] = await engine.admin<CallRecord[]>('/calls?limit=1');
  if (!record) throw new Error('no call record');
  return record;
}

function menuOutput(record: CallRecord): string | undefined {
  return record.steps.find((s) => s.node === 'menu')?.output;
}

/** Packets of the last prompt list: from the last marker bit on (the engine marks each list's first packet). */
function lastPromptPackets(s: RtpSink): number {
  const audio = s.packets.filter((p) => p.payloadType === 8);
  const start = audio.findLastIndex((p) => p.marker);
  return start < 0 ? 0 : audio.length - start;
}

describe('IVR menus heard and answered over RTP (SIPp callers)', () => {
  it.each([
    ['uac-press-1.xml', '+3222022231'],
    ['uac-press-2.xml', '+3222022232'],
  ])('connects the language-menu caller of %s (RFC 4733 digit) to %s', async (scenario, number) => {
    const desk = await run.destination('uas-answer-then-bye.xml');
    const nobody = await freePort();
    const engine = await run.engine({
      plans: EXAMPLE_PLANS,
      env: {
        VMS_EGRESS: `${number}=udp:127.0.0.1:${desk.port},udp:127.0.0.1:${nobody}`,
        VMS_RTP_PORTS: await rtpPorts(),
      },
    });
    const result = await run.call(engine, scenario, LANGUAGE_MENU, { mediaPort: await freePort() });
    expectAllSuccessful(result, 1, run, 'caller');
    expectAllSuccessful(await desk.done, 1, run, `destination ${number}`);
  });

  it('takes the no-input output when the caller presses nothing', async () => {
    const s = await sink();
    const engine = await run.engine({ admin: true, env: { VMS_RTP_PORTS: await rtpPorts() } });
    const result = await run.call(engine, 'uac-listen-until-bye.xml', MEDIA_MENU, {
      keys: { caller: CALLER, rtp_port: String(s.port) },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    expect(menuOutput(await lastRecord(engine))).toBe('noInput');
    expect(s.packets.length).toBeGreaterThan(0);
  });

  it('takes the invalid output when the caller presses a digit with no choice', async () => {
    const engine = await run.engine({ admin: true, env: { VMS_RTP_PORTS: await rtpPorts() } });
    const result = await run.call(engine, 'uac-press-4.xml', MEDIA_MENU, { mediaPort: await freePort() });
    expectAllSuccessful(result, 1, run, 'caller');
    expect(menuOutput(await lastRecord(engine))).toBe('invalid');
  });

  it.each([
    ['2', 'nl'],
    ['3', 'fr'],
  ])('reads the SIP INFO digit %s and plays the next prompt in %s', async (digit, language) => {
    const s = await sink();
    const engine = await run.engine({ admin: true, env: { VMS_RTP_PORTS: await rtpPorts() } });
    const result = await run.call(engine, 'uac-info-digit.xml', MEDIA_MENU, {
      keys: { caller: CALLER, rtp_port: String(s.port), signal: digit },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    const record = await lastRecord(engine);
    expect(record.steps.map((step) => step.node)).toEqual(['menu', 'notice', 'bye']);
    const expected = announcementPackets(language, 'vip-only');
    const other = announcementPackets(language === 'nl' ? 'fr' : 'nl', 'vip-only');
    const heard = lastPromptPackets(s);
    expect(
      Math.abs(heard - expected),
      `${heard} packets; ${language} ${expected}, other ${other}`,
    ).toBeLessThanOrEqual(3);
  });
});
