import { afterEach, describe, it } from 'vitest';
import { EXAMPLE_PLANS } from '../support/engine.js';
import { E2eRun, egress, expectAllSuccessful } from './e2e-calls.js';

const run = new E2eRun();
/** SIPp's own socket buffers default to 64 KiB: too small for its bursts at 300 calls/s. */
const BIG_BUFFERS = ['-buff_size', String(4 * 1024 * 1024)];
afterEach(() => run.stop());

describe('transports, packet loss, load and the trunk ACL', () => {
  it('serves a call over TCP on both legs', async () => {
    const uas = await run.destination('uas-answer.xml', 1, { transport: 'tcp' });
    const engine = await run.engine({ env: { VMS_EGRESS: egress(uas.port, undefined, 'tcp') } });
    const result = await run.call(engine, 'uac-answered-caller-bye.xml', '+3279000001', { transport: 'tcp' });
    expectAllSuccessful(result, 1, run, 'caller');
    expectAllSuccessful(await uas.done, 1, run, 'destination');
  });

  it.each(['native', 'node'] as const)(
    'completes every call through retransmissions when caller and destination lose a tenth of the datagrams (VMS_SIP_UDP_IO=%s)',
    async (udpIo) => {
      const calls = 20;
      // Under -lost, SIPp counts a request retransmitted after its call ended as a new (failed) call of its
      // own: the destination takes any number of calls and the caller's statistics decide.
      const uas = await run.destination('uas-answer-lossy.xml', 100_000, {
        lostPercent: 10,
        timeoutSeconds: 90,
      });
      // The example plan rings 30 s: a lost INVITE and its retransmissions fit in it (the fixtures ring 2 s).
      const engine = await run.engine({
        plans: EXAMPLE_PLANS,
        env: { VMS_EGRESS: egress(uas.port), VMS_SIP_UDP_IO: udpIo },
      });
      const result = await run.call(engine, 'uac-answered-caller-bye.xml', '+3278000001', {
        ...{ calls, rate: 10, limit: 20, lostPercent: 10, timeoutSeconds: 90 },
      });
      expectAllSuccessful(result, calls, run, 'caller');
    },
    120_000,
  );

  it('serves 3,000 calls at 300 calls/s on +3278000001 with zero failed calls', async () => {
    const calls = 3000;
    const warmUp = 30; // a fresh process compiles its hot path during the first calls
    const uas = await run.destination('uas-answer.xml', warmUp + calls, {
      timeoutSeconds: 80,
      extraArgs: BIG_BUFFERS,
    });
    const engine = await run.engine({
      plans: EXAMPLE_PLANS,
      env: { VMS_EGRESS: egress(uas.port), VMS_LOG_LEVEL: 'warn' },
    });
    const call = (count: number, rate: number) =>
      run.call(engine, 'uac-answered-caller-bye.xml', '+3278000001', {
        ...{ calls: count, rate, limit: 1000, timeoutSeconds: 60, extraArgs: BIG_BUFFERS },
      });
    expectAllSuccessful(await call(warmUp, 30), warmUp, run, 'warm-up caller');
    expectAllSuccessful(await call(calls, 300), calls, run, 'load caller');
    expectAllSuccessful(await uas.done, warmUp + calls, run, 'destination');
  }, 100_000);

  it('answers 403 to an INVITE from outside the trunk ACL', async () => {
    const engine = await run.engine({ env: { VMS_TRUNKS: '192.0.2.0/24' } });
    expectAllSuccessful(await run.call(engine, 'uac-expect-forbidden.xml', '+3279000001'), 1, run, 'caller');
  });

  it('answers an OPTIONS ping with 200, from a trunk outside the ACL as well', async () => {
    const engine = await run.engine({ env: { VMS_TRUNKS: '192.0.2.0/24' } });
    expectAllSuccessful(await run.call(engine, 'uac-options-answered.xml', '+3279000001'), 1, run, 'pinger');
  });
});
