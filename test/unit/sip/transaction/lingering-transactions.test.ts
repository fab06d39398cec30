import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError, isAppError } from '../../../../src/errors/index.js';
import { serializeWire } from '../../../../src/sip/message/index.js';
import { InviteClientTransaction } from '../../../../src/sip/transaction/invite-client-transaction.js';
import { InviteServerTransaction } from '../../../../src/sip/transaction/invite-server-transaction.js';
import { NonInviteClientTransaction } from '../../../../src/sip/transaction/non-invite-client-transaction.js';
import { NonInviteServerTransaction } from '../../../../src/sip/transaction/non-invite-server-transaction.js';
import { recordingHost, request, response, T1, UDP_PEER, useFakeClock } from './transaction-fixtures.js';

/** The request is gone: reading it is the typed programming error, not a crash elsewhere. */
function expectReleased(read: () => unknown): void {
  let error: unknown;
  try {
    read();
  } catch (err) {
    error = err;
  }
  expect(isAppError(error, 'SIP_TRANSACTION_RELEASED')).toBe(true);
}

// A transaction waiting out Timer D, I, J, K, L or M (up to 32 s over UDP) must not keep its call alive:
// at a few thousand calls/s that is ~100,000 calls' messages and listeners held in the heap.
describe('transactions that only wait out their timers', () => {
  beforeEach(useFakeClock);
  afterEach(() => vi.useRealTimers());

  it('a non-INVITE server transaction keeps only its final response once Completed', () => {
    const { host, sent } = recordingHost();
    const bye = request('BYE', { toTag: 'x' });
    const tx = new NonInviteServerTransaction(host, 'key', bye, UDP_PEER, UDP_PEER);
    const heard = vi.fn();
    tx.on('transport-error', heard);
    tx.start();
    tx.respond(200, 'OK');
    expectReleased(() => tx.request);
    expect(tx.respond(500)).toBeUndefined();
    tx.receiveRetransmission();
    expect(sent.map((s) => s.text.split('\r\n')[0])).toEqual(['SIP/2.0 200 OK', 'SIP/2.0 200 OK']);
    tx.transportError(new AppError('SIP_TRANSPORT_ERROR', 'connection reset'));
    expect(heard).not.toHaveBeenCalled();
  });

  it('an INVITE server transaction lets the call go once the ACK for its 2xx arrived, and absorbs retransmissions', () => {
    const { host, sent } = recordingHost();
    const invite = request('INVITE');
    const tx = new InviteServerTransaction(host, 'key', invite, UDP_PEER, UDP_PEER);
    const acked = vi.fn();
    const ackTimeout = vi.fn();
    tx.on('ack', acked).on('ack-timeout', ackTimeout);
    tx.start();
    tx.respond(200, 'OK', { toTag: 'ours' });
    expect(tx.request).toBe(invite);
    tx.receiveAck(request('ACK'));
    expect(acked).toHaveBeenCalledOnce();
    expectReleased(() => tx.request);
    const before = sent.length;
    tx.receiveRetransmission();
    vi.advanceTimersByTime(64 * T1);
    expect(sent).toHaveLength(before);
    expect(ackTimeout).not.toHaveBeenCalled();
    expect(tx.state).toBe('terminated');
  });

  it('a non-INVITE client transaction drops its listeners once Completed and absorbs retransmitted finals', () => {
    const { host } = recordingHost();
    const bye = request('BYE', { toTag: 'x' });
    const tx = new NonInviteClientTransaction(host, 'key', bye, serializeWire(bye), UDP_PEER);
    const responses = vi.fn();
    tx.on('response', responses);
    tx.start();
    tx.receiveResponse(response(bye, 200));
    tx.receiveResponse(response(bye, 200));
    expect(responses).toHaveBeenCalledOnce();
    expectReleased(() => tx.request);
  });

  it('an answered INVITE client transaction keeps passing 2xx retransmissions up until its TU leaves', () => {
    const { host, sent } = recordingHost();
    const invite = request('INVITE');
    const tx = new InviteClientTransaction(host, 'key', invite, serializeWire(invite), UDP_PEER);
    const statuses: number[] = [];
    const listener = (r: { status: number }): void => {
      statuses.push(r.status);
    };
    tx.on('response', listener);
    tx.start();
    const ok = response(invite, 200);
    tx.receiveResponse(ok);
    expectReleased(() => tx.request);
    tx.receiveResponse(ok);
    expect(statuses).toEqual([200, 200]);
    tx.off('response', listener);
    tx.receiveResponse(ok);
    expect(statuses).toEqual([200, 200]);
    vi.advanceTimersByTime(64 * T1);
    expect(sent).toHaveLength(1); // the INVITE only: no retransmission after the 2xx
    return expect(tx.finalResponse()).rejects.toMatchObject({ code: 'SIP_TRANSACTION_RELEASED' });
  });
});
