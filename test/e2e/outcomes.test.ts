import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/engine/call-record.js';
import { E2eRun, egress, expectAllSuccessful, freePort } from './e2e-calls.js';

const SERVICE = '+3279000001';
const run = new E2eRun();
afterEach(() => run.stop());

async function lastRecord(engine: { admin<T>(path: string): Promise<T> }): Promise<CallRecord> {
  const [record] = await engine.admin<CallRecord[]>('/calls?limit=1');
  if (!record) throw new Error('no call record');
  return record;
}

describe('live calls through the engine (SIPp caller and destinations)', () => {
  it('bridges an answered call and passes the caller BYE to the destination', async () => {
    const uas = await run.destination('uas-answer.xml');
    const engine = await run.engine({ env: { VMS_EGRESS: egress(uas.port) } });
    expectAllSuccessful(await run.call(engine, 'uac-answered-caller-bye.xml', SERVICE), 1, run, 'caller');
    expectAllSuccessful(await uas.done, 1, run, 'destination');
  });

  it('bridges an answered call and passes the callee BYE to the caller', async () => {
    const uas = await run.destination('uas-answer-then-bye.xml');
    const engine = await run.engine({ env: { VMS_EGRESS: egress(uas.port) } });
    expectAllSuccessful(await run.call(engine, 'uac-answered-callee-bye.xml', SERVICE), 1, run, 'caller');
    expectAllSuccessful(await uas.done, 1, run, 'destination');
  });

  it('ends an answered call at VMS_MAX_CALL_SECONDS: BYE with Reason Q.850 cause 102 to both sides, recorded as maxDuration', async () => {
    const uas = await run.destination('uas-answer-expect-timer-bye.xml');
    const engine = await run.engine({
      env: { VMS_EGRESS: egress(uas.port), VMS_MAX_CALL_SECONDS: '1' },
      admin: true,
    });
    const caller = await run.call(engine, 'uac-expect-timer-bye.xml', SERVICE, {
      keys: { caller: '+3222123456', rtp_port: String(await freePort()) },
    });
    expectAllSuccessful(caller, 1, run, 'caller');
    expectAllSuccessful(await uas.done, 1, run, 'destination');
    const record = await lastRecord(engine);
    expect(record.end.how).toBe('maxDuration');
    expect(record.end.reason).toContain('Q.850 cause 102');
  });

  it('rings the fallback number in the same call when the first destination is busy', async () => {
    const busy = await run.destination('uas-busy.xml');
    const fallback = await run.destination('uas-answer.xml');
    const engine = await run.engine({ env: { VMS_EGRESS: egress(busy.port, fallback.port) } });
    expectAllSuccessful(await run.call(engine, 'uac-answered-caller-bye.xml', SERVICE), 1, run, 'caller');
    expectAllSuccessful(await busy.done, 1, run, 'busy destination');
    expectAllSuccessful(await fallback.done, 1, run, 'fallback destination');
  });

  it('cancels the first destination at the ring timeout and rings the fallback', async () => {
    const ringing = await run.destination('uas-ring-until-cancel.xml');
    const fallback = await run.destination('uas-answer.xml');
    const engine = await run.engine({ env: { VMS_EGRESS: egress(ringing.port, fallback.port) } });
    expectAllSuccessful(await run.call(engine, 'uac-answered-caller-bye.xml', SERVICE), 1, run, 'caller');
    expectAllSuccessful(await ringing.done, 1, run, 'cancelled destination');
    expectAllSuccessful(await fallback.done, 1, run, 'fallback destination');
  });

  it('releases the caller with 404 when the destination answers 404 (unreachable)', async () => {
    const uas = await run.destination('uas-unreachable.xml');
    const engine = await run.engine({ env: { VMS_EGRESS: egress(uas.port) } });
    expectAllSuccessful(await run.call(engine, 'uac-expect-unreachable.xml', SERVICE), 1, run, 'caller');
    expectAllSuccessful(await uas.done, 1, run, 'destination');
  });

  it('releases the caller with 404 when the egress trunk refuses the connection (unreachable)', async () => {
    const closed = await freePort();
    const engine = await run.engine({ env: { VMS_EGRESS: egress(closed, undefined, 'tcp') }, admin: true });
    expectAllSuccessful(await run.call(engine, 'uac-expect-unreachable.xml', SERVICE), 1, run, 'caller');
    expect((await lastRecord(engine)).steps[0]?.output).toBe('unreachable');
  });

  it('releases the caller with 503 when the destination is congested', async () => {
    const uas = await run.destination('uas-congestion.xml');
    const engine = await run.engine({ env: { VMS_EGRESS: egress(uas.port) }, admin: true });
    expectAllSuccessful(await run.call(engine, 'uac-expect-congestion.xml', SERVICE), 1, run, 'caller');
    expectAllSuccessful(await uas.done, 1, run, 'destination');
    expect((await lastRecord(engine)).steps[0]?.output).toBe('congestion');
  });

  it('takes the cause31 output for a 480 with Q.850 cause 31 and releases the caller with 480', async () => {
    const uas = await run.destination('uas-cause31.xml');
    const engine = await run.engine({ env: { VMS_EGRESS: egress(uas.port) }, admin: true });
    expectAllSuccessful(await run.call(engine, 'uac-expect-noanswer.xml', SERVICE), 1, run, 'caller');
    expectAllSuccessful(await uas.done, 1, run, 'destination');
    expect((await lastRecord(engine)).steps[0]?.output).toBe('cause31');
  });

  it('answers a caller CANCEL while ringing with 487 and cancels the destination (interrupted)', async () => {
    const uas = await run.destination('uas-ring-until-cancel.xml');
    const engine = await run.engine({ env: { VMS_EGRESS: egress(uas.port) }, admin: true });
    expectAllSuccessful(await run.call(engine, 'uac-cancel-while-ringing.xml', SERVICE), 1, run, 'caller');
    expectAllSuccessful(await uas.done, 1, run, 'destination');
    const record = await lastRecord(engine);
    expect(record.steps[0]?.output).toBe('interrupted');
    expect(record.end.how).toBe('callerHangup');
  });

  it('rings two destinations in parallel: one answers, the other receives CANCEL', async () => {
    const ringing = await run.destination('uas-ring-until-cancel.xml');
    const answering = await run.destination('uas-answer-late.xml');
    const engine = await run.engine({ env: { VMS_EGRESS: egress(ringing.port, answering.port) } });
    expectAllSuccessful(
      await run.call(engine, 'uac-answered-caller-bye.xml', '+3279000002'),
      1,
      run,
      'caller',
    );
    expectAllSuccessful(await ringing.done, 1, run, 'cancelled destination');
    expectAllSuccessful(await answering.done, 1, run, 'answering destination');
  });
});
