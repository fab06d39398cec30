import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/engine/call-record.js';
import { EXAMPLE_PLANS } from '../support/engine.js';
import { E2eRun, egress, expectAllSuccessful, freePort } from './e2e-calls.js';

const run = new E2eRun();
afterEach(() => run.stop());

/** Polls the admin API until `check` holds (bounded): an event we cannot subscribe to from outside. */
async function until(what: string, check: () => Promise<boolean>, deadlineMs = 10_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}\n${run.outputs()}`);
}

describe('live routing decisions and limits', () => {
  it('sends the 5th simultaneous call to the over-limit output while 4 calls are up', async () => {
    const agents = await run.destination('uas-answer.xml', 4);
    const overflow = await run.destination('uas-answer.xml', 1);
    const engine = await run.engine({ env: { VMS_EGRESS: egress(agents.port, overflow.port) }, admin: true });
    const held = await run.caller(engine, 'uac-answered-held.xml', '+3279000003', {
      calls: 4,
      rate: 50,
      limit: 4,
    });
    await until(
      '4 calls up',
      async () => (await engine.admin<{ callsActive: number }>('/stats')).callsActive >= 4,
    );
    expectAllSuccessful(
      await run.call(engine, 'uac-answered-caller-bye.xml', '+3279000003'),
      1,
      run,
      'fifth',
    );
    expectAllSuccessful(await overflow.done, 1, run, 'overflow destination');
    expectAllSuccessful(await held.done, 4, run, 'held callers');
    expectAllSuccessful(await agents.done, 4, run, 'agents');
  });

  it('releases the simultaneous slots when calls end, so later calls are admitted again', async () => {
    const agents = await run.destination('uas-answer.xml', 6);
    const engine = await run.engine({
      env: { VMS_EGRESS: egress(agents.port, await freePort()) },
      admin: true,
    });
    const result = await run.call(engine, 'uac-answered-caller-bye.xml', '+3279000003', {
      calls: 6,
      rate: 10,
      limit: 2,
    });
    expectAllSuccessful(result, 6, run, 'callers');
    expectAllSuccessful(await agents.done, 6, run, 'agents');
    const counters = await engine.admin<{ slots: Record<string, number> }>('/counters');
    expect(Object.values(counters.slots).every((n) => n === 0)).toBe(true);
  });

  it('sends the 4th call within the interval to the over-limit output (3 per minute)', async () => {
    const agents = await run.destination('uas-answer.xml', 3);
    const overflow = await run.destination('uas-answer.xml', 1);
    const engine = await run.engine({ env: { VMS_EGRESS: egress(agents.port, overflow.port) } });
    const result = await run.call(engine, 'uac-answered-caller-bye.xml', '+3279000004', {
      calls: 4,
      rate: 10,
      limit: 1,
    });
    expectAllSuccessful(result, 4, run, 'callers');
    expectAllSuccessful(await agents.done, 3, run, 'agents');
    expectAllSuccessful(await overflow.done, 1, run, 'overflow destination');
  });

  it('routes a Brussels caller (+322...) of the origin-split example plan to the Brussels number', async () => {
    const brussels = await run.destination('uas-answer.xml');
    const elsewhere = await freePort(); // nothing listens: a misrouted call would fail
    const engine = await run.engine({
      plans: EXAMPLE_PLANS,
      env: { VMS_EGRESS: `+3222022211=udp:127.0.0.1:${brussels.port},udp:127.0.0.1:${elsewhere}` },
    });
    const result = await run.call(engine, 'uac-answered-caller-bye.xml', '+3278000002', {
      keys: { caller: '+3221234567' },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    expectAllSuccessful(await brussels.done, 1, run, 'Brussels destination');
  });

  it.each([
    ['open hours (Monday 10:00)', '2026-03-30T10:00', 'default'],
    ['the rest of the week (Sunday 10:00)', '2026-03-29T10:00', 'fallback'],
  ])('routes by the calendar at a set clock: %s', async (_when, clockStart, trunk) => {
    const office = await run.destination('uas-answer.xml');
    const afterHours = await run.destination('uas-answer.xml');
    const engine = await run.engine({
      env: { VMS_EGRESS: egress(office.port, afterHours.port), VMS_CLOCK_START: clockStart },
    });
    expectAllSuccessful(
      await run.call(engine, 'uac-answered-caller-bye.xml', '+3279000005'),
      1,
      run,
      'caller',
    );
    // Only the trunk the calendar chose answers this call: the other SIPp would have to take it.
    expectAllSuccessful(
      await (trunk === 'default' ? office : afterHours).done,
      1,
      run,
      `${trunk} destination`,
    );
  });

  it('keeps the steps of a traced caller, served by GET /calls/:callId', async () => {
    const uas = await run.destination('uas-answer.xml');
    const engine = await run.engine({ env: { VMS_EGRESS: egress(uas.port) }, admin: true });
    const result = await run.call(engine, 'uac-answered-caller-bye.xml', '+3279000001', {
      keys: { caller: '+3247000000' },
    });
    expectAllSuccessful(result, 1, run, 'caller');
    const [listed] = await engine.admin<CallRecord[]>('/calls?limit=1');
    expect(listed?.traced).toBe(true);
    const record = await engine.admin<CallRecord>(`/calls/${encodeURIComponent(listed?.callId ?? '')}`);
    expect(record.steps.map((s) => [s.node, s.output])).toEqual([['first', 'answered']]);
    expect(record.rang).toEqual(['+3211000001']);
  });
});
