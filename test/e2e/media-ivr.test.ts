import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/engine/call-record.js';
import { EXAMPLE_PLANS, type RunningEngine } from '../support/engine.js';
import { CALLER, E2eRun, expectAllSuccessful, freePort } from './e2e-calls.js';
import {
  announcementFrames,
  indexOfFrames,
  isSilence,
  leadingFramesHeard,
  type RtpSink,
  rtpPorts,
  rtpSink,
  streamProblems,
} from './media-calls.js';

const LANGUAGE_MENU = '+3278000004';
const MEDIA_MENU = '+3279000010';
const REPLAYED_MENU = '+3279000013';
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
    const other = language === 'nl' ? 'fr' : 'nl';
    expect(indexOfFrames(s.packets, announcementFrames(language, 'vip-only'))).toBeGreaterThan(0);
    expect(indexOfFrames(s.packets, announcementFrames(other, 'vip-only'))).toBe(-1);
  });

  it('stops the first language of a bilingual menu at the digit typed during it (barge-in) and chooses', async () => {
    const s = await sink();
    const engine = await run.engine({
      admin: true,
      env: { VMS_RTP_PORTS: await rtpPorts(), VMS_SYSTEM_LANGUAGE: 'bi' },
    });
    // The INFO comes 500 ms after the ACK, well inside the first of the two 3.2 s menu prompts.
    const result = await run.call(engine, 'uac-info-digit.xml', MEDIA_MENU, {
      keys: { caller: CALLER, rtp_port: String(s.port), signal: '2' },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    const record = await lastRecord(engine);
    expect(record.steps.find((step) => step.node === 'menu')?.reason).toContain('pressed 2, language nl');
    const menu = announcementFrames('nl', 'choose-language');
    const heard = leadingFramesHeard(s.packets, menu);
    expect(heard, `${heard} of the menu's ${menu.length} packets heard`).toBeLessThan(menu.length / 2);
    const notice = indexOfFrames(s.packets, announcementFrames('nl', 'vip-only'));
    expect(notice, 'the nl notice right after the cut menu').toBeGreaterThan(0);
    expect(notice).toBeLessThan(menu.length);
    expect(s.packets.slice(heard, notice).every(isSilence)).toBe(true);
  });

  it('fills the time between prompts with silence: two announcements and a replayed menu as one stream', async () => {
    const s = await sink();
    const engine = await run.engine({ admin: true, env: { VMS_RTP_PORTS: await rtpPorts() } });
    const result = await run.call(engine, 'uac-listen-until-bye.xml', REPLAYED_MENU, {
      keys: { caller: CALLER, rtp_port: String(s.port) },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    expect(menuOutput(await lastRecord(engine))).toBe('noInput');
    expect(streamProblems(s.packets)).toEqual([]);
    const closed = announcementFrames('fr', 'closed');
    const menu = announcementFrames('fr', 'queue-first');
    expect(indexOfFrames(s.packets, closed)).toBe(0);
    const firstMenu = indexOfFrames(s.packets, menu, closed.length);
    const secondMenu = indexOfFrames(s.packets, menu, firstMenu + menu.length);
    // The tick where a prompt ends sends silence; the next prompt starts on a following tick.
    expect(firstMenu - closed.length, 'the menu right after the first announcement').toBeLessThanOrEqual(2);
    expect(s.packets.slice(closed.length, firstMenu).every(isSilence)).toBe(true);
    // 1 s without input between the two menu prompts (50 packets), then 1 s more before the BYE.
    const gap = s.packets.slice(firstMenu + menu.length, secondMenu);
    expect(gap.length).toBeGreaterThanOrEqual(48);
    expect(gap.every(isSilence)).toBe(true);
    expect(s.packets.length - (secondMenu + menu.length)).toBeGreaterThanOrEqual(48);
  });
});
