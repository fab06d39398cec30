import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Endpoint } from '../../../../src/sip/message/types.js';
import { InviteServerTransaction } from '../../../../src/sip/transaction/invite-server-transaction.js';
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

function start(peer: Endpoint, tryingDelay = 0) {
  const recorder = recordingHost({ tryingDelay });
  const invite = request('INVITE', { transport: peer.transport === 'tcp' ? 'TCP' : 'UDP' });
  const tx = new InviteServerTransaction(recorder.host, 'key', invite, peer, peer);
  tx.start();
  return { ...recorder, invite, tx, ack: request('ACK') };
}

describe('INVITE server transaction (RFC 3261 §17.2.1, RFC 6026)', () => {
  beforeEach(useFakeClock);
  afterEach(() => vi.useRealTimers());

  it('sends 100 Trying at once by default', () => {
    const { startLines } = start(UDP_PEER);
    expect(startLines()).toEqual(['SIP/2.0 100 Trying']);
  });

  it('sends 100 Trying after the delay unless the TU answered first (§17.2.1, 200 ms rule)', () => {
    const quiet = start(UDP_PEER, 150);
    vi.advanceTimersByTime(149);
    expect(quiet.sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(quiet.startLines()).toEqual(['SIP/2.0 100 Trying']);

    const fast = start(UDP_PEER, 150);
    fast.tx.sendResponse(response(fast.invite, 180));
    vi.advanceTimersByTime(1000);
    expect(fast.startLines()).toEqual(['SIP/2.0 180 Ringing']);
  });

  it('answers a retransmitted INVITE with the last provisional response', () => {
    const { tx, invite, startLines } = start(UDP_PEER);
    tx.sendResponse(response(invite, 180));
    tx.receiveRetransmission();
    expect(startLines()).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 180 Ringing', 'SIP/2.0 180 Ringing']);
  });

  it('retransmits a non-2xx final on Timer G (T1 doubling, capped at T2) until the ACK, then waits Timer I', () => {
    const { tx, invite, sent, ack } = start(UDP_PEER);
    tx.sendResponse(response(invite, 486));
    const times: number[] = [];
    for (let t = 100; t <= 16_000; t += 100) {
      const before = sent.length;
      vi.advanceTimersByTime(100);
      if (sent.length > before) times.push(t);
    }
    expect(times.slice(0, 5)).toEqual([T1, 3 * T1, 7 * T1, 7 * T1 + T2, 7 * T1 + 2 * T2]);
    tx.receiveAck(ack);
    expect(tx.state).toBe('confirmed');
    const count = sent.length;
    vi.advanceTimersByTime(T4 - 1);
    expect(sent).toHaveLength(count);
    expect(tx.state).toBe('confirmed');
    vi.advanceTimersByTime(1);
    expect(tx.state).toBe('terminated');
  });

  it('gives up on Timer H (64*T1) without an ACK and tells the TU', () => {
    const { tx, invite } = start(UDP_PEER);
    const timeout = vi.fn();
    tx.on('timeout', timeout);
    tx.sendResponse(response(invite, 603));
    vi.advanceTimersByTime(64 * T1 - 1);
    expect(tx.state).toBe('completed');
    vi.advanceTimersByTime(1);
    expect(timeout).toHaveBeenCalledOnce();
    expect(tx.state).toBe('terminated');
  });

  it('over TCP sends the final once, still waits Timer H, and terminates at once on the ACK (Timer I is zero)', () => {
    const { tx, invite, sent, ack } = start(TCP_PEER);
    tx.sendResponse(response(invite, 486));
    vi.advanceTimersByTime(32 * T1);
    expect(sent).toHaveLength(2);
    expect(tx.state).toBe('completed');
    tx.receiveAck(ack);
    expect(tx.state).toBe('terminated');
  });

  it('resends the final response when the INVITE is retransmitted in Completed', () => {
    const { tx, invite, startLines } = start(TCP_PEER);
    tx.sendResponse(response(invite, 404));
    tx.receiveRetransmission();
    expect(startLines()).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 404 Not Found', 'SIP/2.0 404 Not Found']);
  });

  it('retransmits a 2xx over UDP until its ACK (§13.3.1.4), absorbs INVITE retransmissions, ends on Timer L', () => {
    const { tx, invite, sent, ack } = start(UDP_PEER);
    const acks = vi.fn();
    tx.on('ack', acks);
    tx.sendResponse(response(invite, 200));
    expect(tx.state).toBe('accepted');
    vi.advanceTimersByTime(T1);
    expect(sent).toHaveLength(3);
    tx.receiveRetransmission();
    expect(sent).toHaveLength(3);
    tx.receiveAck(ack);
    expect(acks).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(10 * T1);
    expect(sent).toHaveLength(3);
    vi.advanceTimersByTime(64 * T1 - 11 * T1 - 1);
    expect(tx.state).toBe('accepted');
    vi.advanceTimersByTime(1);
    expect(tx.state).toBe('terminated');
  });

  it('reports ack-timeout when Timer L fires with no ACK for the 2xx', () => {
    const { tx, invite } = start(TCP_PEER);
    const ackTimeout = vi.fn();
    tx.on('ack-timeout', ackTimeout);
    tx.sendResponse(response(invite, 200));
    vi.advanceTimersByTime(64 * T1);
    expect(ackTimeout).toHaveBeenCalledOnce();
    expect(tx.state).toBe('terminated');
  });

  it('lets further 2xx from the TU through in Accepted but refuses a non-2xx', () => {
    const { tx, invite } = start(TCP_PEER);
    tx.sendResponse(response(invite, 200));
    expect(tx.sendResponse(response(invite, 200))).toBe(true);
    expect(tx.sendResponse(response(invite, 487))).toBe(false);
  });

  it('emits cancel only while no final response was sent', () => {
    const { tx, invite } = start(TCP_PEER);
    const cancel = vi.fn();
    tx.on('cancel', cancel);
    const cancelRequest = request('CANCEL');
    tx.cancelled(cancelRequest);
    expect(cancel).toHaveBeenCalledWith(cancelRequest);
    tx.sendResponse(response(invite, 487));
    tx.cancelled(cancelRequest);
    expect(cancel).toHaveBeenCalledOnce();
  });
});
