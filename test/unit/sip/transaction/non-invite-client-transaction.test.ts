import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isAppError } from '../../../../src/errors/index.js';
import { serializeWire } from '../../../../src/sip/message/index.js';
import type { Endpoint } from '../../../../src/sip/message/types.js';
import { NonInviteClientTransaction } from '../../../../src/sip/transaction/non-invite-client-transaction.js';
import {
  recordingHost,
  request,
  response,
  T1,
  T2,
  T4,
  TCP_PEER,
  UDP_PEER,
  useFakeClock,
} from './transaction-fixtures.js';

function start(peer: Endpoint) {
  const recorder = recordingHost();
  const bye = request('BYE', { transport: peer.transport === 'tcp' ? 'TCP' : 'UDP', toTag: 'x' });
  const tx = new NonInviteClientTransaction(recorder.host, 'key', bye, serializeWire(bye), peer);
  tx.start();
  return { ...recorder, bye, tx };
}

/** Times (ms after start) at which sends happened. */
function sendTimes(run: () => number, until: number, step = 50): number[] {
  const times: number[] = [];
  let count = run();
  for (let t = step; t <= until; t += step) {
    vi.advanceTimersByTime(step);
    const now = run();
    if (now > count) times.push(t);
    count = now;
  }
  return times;
}

describe('non-INVITE client transaction (RFC 3261 §17.1.2)', () => {
  beforeEach(useFakeClock);
  afterEach(() => vi.useRealTimers());

  it('retransmits over UDP on Timer E doubling from T1 and capped at T2 while Trying', () => {
    const { sent } = start(UDP_PEER);
    const times = sendTimes(() => sent.length, 30 * T1);
    // E: T1, 2T1, 4T1, then T2 (= 8 T1 with the defaults) each time.
    expect(times.slice(0, 5)).toEqual([T1, 3 * T1, 7 * T1, 7 * T1 + T2, 7 * T1 + 2 * T2]);
  });

  it('retransmits every T2 once Proceeding', () => {
    const { sent, tx, bye } = start(UDP_PEER);
    tx.receiveResponse(response(bye, 100));
    expect(tx.state).toBe('proceeding');
    vi.advanceTimersByTime(T1); // the pending E fires at its old interval
    const before = sent.length;
    vi.advanceTimersByTime(T2);
    expect(sent.length).toBe(before + 1);
    vi.advanceTimersByTime(T2);
    expect(sent.length).toBe(before + 2);
  });

  it('times out on Timer F at 64*T1 over UDP and TCP alike', async () => {
    for (const peer of [UDP_PEER, TCP_PEER]) {
      const { tx } = start(peer);
      const outcome = tx.finalResponse().catch((err: unknown) => err);
      vi.advanceTimersByTime(64 * T1 - 1);
      expect(tx.state).toBe('trying');
      vi.advanceTimersByTime(1);
      expect(tx.state).toBe('terminated');
      expect(isAppError(await outcome, 'SIP_TRANSACTION_TIMEOUT')).toBe(true);
    }
  });

  it('never retransmits over TCP', () => {
    const { sent } = start(TCP_PEER);
    vi.advanceTimersByTime(64 * T1);
    expect(sent).toHaveLength(1);
  });

  it('absorbs final-response retransmissions in Completed and terminates on Timer K (T4) over UDP', async () => {
    const { tx, bye } = start(UDP_PEER);
    const statuses: number[] = [];
    tx.on('response', (r) => statuses.push(r.status));
    const final = tx.finalResponse();
    tx.receiveResponse(response(bye, 200));
    tx.receiveResponse(response(bye, 200));
    expect(statuses).toEqual([200]);
    expect((await final).status).toBe(200);
    // Asked once Completed: the parsed response went with the TU's interest (SIP_TRANSACTION_RELEASED).
    await expect(tx.finalResponse()).rejects.toMatchObject({ code: 'SIP_TRANSACTION_RELEASED' });
    vi.advanceTimersByTime(T4 - 1);
    expect(tx.state).toBe('completed');
    vi.advanceTimersByTime(1);
    expect(tx.state).toBe('terminated');
  });

  it('terminates at once after a final response over TCP (Timer K is zero)', () => {
    const { tx, bye } = start(TCP_PEER);
    tx.receiveResponse(response(bye, 481));
    expect(tx.state).toBe('terminated');
  });
});
