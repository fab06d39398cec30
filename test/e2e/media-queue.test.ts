import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/engine/call-record.js';
import type { RunningEngine } from '../support/engine.js';
import { E2eRun, egress, expectAllSuccessful } from './e2e-calls.js';
import {
  announcementFrames,
  counters,
  indexOfFrames,
  isSilence,
  longestLoopRun,
  type RtpSink,
  rtpPorts,
  rtpSink,
  streamProblems,
  total,
} from './media-calls.js';

const QUEUE = '+3279000011';
const SHORT_QUEUE = '+3279000012';
const run = new E2eRun();
const sinks: RtpSink[] = [];
afterEach(async () => {
  await run.stop();
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

async function recordOf(engine: RunningEngine, caller: string): Promise<CallRecord> {
  const records = await engine.admin<CallRecord[]>('/calls?limit=10');
  const record = records.find((r) => r.caller === caller);
  if (!record) throw new Error(`no call record for ${caller}`);
  return record;
}

async function listener(engine: RunningEngine, service: string, who: string, holdMs?: number) {
  const sink = await rtpSink();
  sinks.push(sink);
  const keys = { caller: who, rtp_port: String(sink.port), hold_ms: String(holdMs ?? 0) };
  const scenario = holdMs === undefined ? 'uac-listen-until-bye.xml' : 'uac-listen-then-bye.xml';
  const sipp = await run.caller(engine, scenario, service, { keys });
  return { sink, done: sipp.done };
}

async function queueEngine(agents: number) {
  const desk = await run.destination('uas-answer.xml', agents);
  const engine = await run.engine({
    admin: true,
    env: { VMS_EGRESS: egress(desk.port), VMS_RTP_PORTS: await rtpPorts() },
  });
  return { engine, desk };
}

/** The packets of the engine's own stream to a caller (before any relay), checked to be one stream. */
function engineStream(sink: RtpSink) {
  const ssrc = sink.packets[0]?.ssrc;
  const ours = sink.packets.filter((p) => p.ssrc === ssrc);
  expect(streamProblems(ours)).toEqual([]);
  return ours;
}

const WELCOME = announcementFrames('fr', 'queue-welcome');
const MUSIC = announcementFrames('fr', 'queue-music');

describe('a destination queue heard live (limit 1)', () => {
  it('lets a second caller hear welcome, position and music, then connects it when the first hangs up', async () => {
    const { engine, desk } = await queueEngine(2);
    // Connected for 8 s: the second caller waits past its announcements and hears the music.
    const first = await listener(engine, QUEUE, '+3222000001', 8000);
    await counters(engine, (c) => total(c.slots) === 1, 'the first caller connected');
    const second = await listener(engine, QUEUE, '+3222000002', 12_000);
    expectAllSuccessful(await first.done, 1, run, 'first caller');
    expectAllSuccessful(await second.done, 1, run, 'second caller');
    expectAllSuccessful(await desk.done, 2, run, 'agent (both calls)');
    // Welcome first; after the announcements, the music until the connection.
    const heard = engineStream(second.sink);
    expect(indexOfFrames(heard, WELCOME)).toBe(0);
    expect(longestLoopRun(heard.slice(WELCOME.length), MUSIC), 'packets of music in a row').toBeGreaterThan(
      50,
    );
    const record = await recordOf(engine, '+3222000002');
    expect(record.steps[0]?.output).toBe('answered');
    const data = JSON.stringify(record.steps[0]?.data);
    expect(data).toContain('"joinedPosition":1');
    expect(data).toContain('queue-welcome');
    expect(data).toContain('queue-position+digit-1');
  });

  it('moves the third caller up when the second leaves the queue', async () => {
    const { engine, desk } = await queueEngine(2);
    const first = await run.caller(engine, 'uac-answered-held.xml', QUEUE);
    await counters(engine, (c) => total(c.slots) === 1, 'the first caller connected');
    const second = await listener(engine, QUEUE, '+3222000002', 1500);
    await counters(engine, (c) => total(c.queues) === 1, 'the second caller queued');
    const third = await listener(engine, QUEUE, '+3222000003', 12_000);
    await counters(engine, (c) => total(c.queues) === 2, 'the third caller queued');
    expectAllSuccessful(await second.done, 1, run, 'second caller');
    await counters(engine, (c) => total(c.queues) === 1 && total(c.slots) === 1, 'the second caller gone');
    expectAllSuccessful(await first.done, 1, run, 'first caller');
    expectAllSuccessful(await third.done, 1, run, 'third caller');
    expectAllSuccessful(await desk.done, 2, run, 'agent (first and third)');
    const left = await recordOf(engine, '+3222000002');
    expect(left.end.how).toBe('callerHangup');
    const moved = await recordOf(engine, '+3222000003');
    expect(moved.steps[0]?.output).toBe('answered');
    const data = JSON.stringify(moved.steps[0]?.data);
    expect(data).toContain('"joinedPosition":2');
    expect(data).toContain('queue-position+digit-2');
    expect(data).toContain('queue-first');
  });

  it('takes queueTimeout after the maximum wait and plays its prompt before the BYE', async () => {
    const { engine, desk } = await queueEngine(1);
    const first = await run.caller(engine, 'uac-answered-held.xml', SHORT_QUEUE);
    await counters(engine, (c) => total(c.slots) === 1, 'the first caller connected');
    const second = await listener(engine, SHORT_QUEUE, '+3222000002');
    expectAllSuccessful(await second.done, 1, run, 'second caller');
    expect((await recordOf(engine, '+3222000002')).steps[0]?.output).toBe('queueTimeout');
    // No music in this queue: silence between the welcome and the closing prompt, nothing else.
    const heard = engineStream(second.sink);
    expect(indexOfFrames(heard, WELCOME)).toBe(0);
    const closing = indexOfFrames(heard, announcementFrames('fr', 'closed'), WELCOME.length);
    expect(closing).toBeGreaterThanOrEqual(WELCOME.length);
    expect(heard.slice(WELCOME.length, closing).every(isSilence)).toBe(true);
    expectAllSuccessful(await first.done, 1, run, 'first caller');
    expectAllSuccessful(await desk.done, 1, run, 'agent');
  });
});
