import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/engine/call-record.js';
import type { RunningEngine } from '../support/engine.js';
import { type RedisServerHandle, startRedisServer } from '../support/redis-server.js';
import { E2eRun, egress, expectAllSuccessful } from './e2e-calls.js';
import {
  announcementFrames,
  counters,
  indexOfFrames,
  type RtpSink,
  rtpPorts,
  rtpSink,
  total,
} from './media-calls.js';

const QUEUE = '+3279000011';
const run = new E2eRun();
const sinks: RtpSink[] = [];
let redis: RedisServerHandle;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  await run.stop();
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

async function recordOf(engine: RunningEngine, caller: string): Promise<CallRecord | undefined> {
  const records = await engine.admin<CallRecord[]>('/calls?limit=10');
  return records.find((r) => r.caller === caller);
}

describe('a destination queue live on two engine instances sharing one Redis (limit 1)', () => {
  it('queues the caller of instance 2 behind the call of instance 1 and connects it when that call ends', async () => {
    const desk = await run.destination('uas-answer.xml', 2);
    const env = { VMS_EGRESS: egress(desk.port), VMS_STORE: 'redis', VMS_REDIS_URL: redis.url };
    const one = await run.engine({ admin: true, env: { ...env, VMS_RTP_PORTS: await rtpPorts() } });
    const two = await run.engine({ admin: true, env: { ...env, VMS_RTP_PORTS: await rtpPorts() } });
    const sinkA = await rtpSink();
    const sinkB = await rtpSink();
    sinks.push(sinkA, sinkB);
    const a = await run.caller(one, 'uac-listen-then-bye.xml', QUEUE, {
      keys: { caller: '+3222000001', rtp_port: String(sinkA.port), hold_ms: '6000' },
    });
    await counters(two, (c) => total(c.slots) === 1, 'the call of instance 1 holding the slot');
    const b = await run.caller(two, 'uac-listen-then-bye.xml', QUEUE, {
      keys: { caller: '+3222000002', rtp_port: String(sinkB.port), hold_ms: '12000' },
    });
    await counters(one, (c) => total(c.queues) === 1, 'the caller of instance 2 in the queue');
    expectAllSuccessful(await a.done, 1, run, 'caller A (instance 1)');
    expectAllSuccessful(await b.done, 1, run, 'caller B (instance 2)');
    expectAllSuccessful(await desk.done, 2, run, 'agent (both calls)');
    const first = await recordOf(one, '+3222000001');
    expect(first?.steps[0]?.output).toBe('answered');
    expect(JSON.stringify(first?.steps[0]?.data)).not.toContain('queue');
    const queued = await recordOf(two, '+3222000002');
    expect(queued?.steps[0]?.output).toBe('answered');
    const data = JSON.stringify(queued?.steps[0]?.data);
    expect(data).toContain('"joinedPosition":1');
    expect(data).toContain('queue-welcome');
    expect(data).toContain('queue-position+digit-1');
    // Heard over RTP from instance 2: the welcome from the first packet on, then the position prompt.
    expect(indexOfFrames(sinkB.packets, announcementFrames('fr', 'queue-welcome'))).toBe(0);
    expect(indexOfFrames(sinkB.packets, announcementFrames('fr', 'queue-position'))).toBeGreaterThan(0);
    await counters(two, (c) => total(c.slots) === 0 && total(c.queues) === 0, 'nothing left in Redis');
  });
});
