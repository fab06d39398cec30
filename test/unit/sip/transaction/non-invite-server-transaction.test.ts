import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Endpoint } from '../../../../src/sip/message/types.js';
import { NonInviteServerTransaction } from '../../../../src/sip/transaction/non-invite-server-transaction.js';
import {
  recordingHost,
  request,
  response,
  T1,
  TCP_PEER,
  UDP_PEER,
  useFakeClock,
} from './transaction-fixtures.js';

function start(peer: Endpoint) {
  const recorder = recordingHost();
  const bye = request('BYE', { transport: peer.transport === 'tcp' ? 'TCP' : 'UDP', toTag: 'x' });
  const tx = new NonInviteServerTransaction(recorder.host, 'key', bye, peer, peer);
  tx.start();
  return { ...recorder, bye, tx };
}

describe('non-INVITE server transaction (RFC 3261 §17.2.2)', () => {
  beforeEach(useFakeClock);
  afterEach(() => vi.useRealTimers());

  it('absorbs retransmissions silently while Trying (no response yet)', () => {
    const { tx, sent } = start(UDP_PEER);
    tx.receiveRetransmission();
    expect(sent).toHaveLength(0);
  });

  it('resends the last provisional while Proceeding and the final while Completed', () => {
    const { tx, bye, startLines } = start(UDP_PEER);
    tx.sendResponse(response(bye, 180));
    tx.receiveRetransmission();
    tx.sendResponse(response(bye, 200));
    tx.receiveRetransmission();
    expect(startLines()).toEqual([
      'SIP/2.0 180 Ringing',
      'SIP/2.0 180 Ringing',
      'SIP/2.0 200 OK',
      'SIP/2.0 200 OK',
    ]);
  });

  it('keeps the final for Timer J (64*T1) over UDP', () => {
    const { tx, bye } = start(UDP_PEER);
    tx.sendResponse(response(bye, 200));
    vi.advanceTimersByTime(64 * T1 - 1);
    expect(tx.state).toBe('completed');
    vi.advanceTimersByTime(1);
    expect(tx.state).toBe('terminated');
  });

  it('terminates at once over TCP (Timer J is zero) and refuses a second final', () => {
    const { tx, bye, terminated } = start(TCP_PEER);
    expect(tx.sendResponse(response(bye, 200))).toBe(true);
    expect(tx.state).toBe('terminated');
    expect(terminated).toEqual(['key']);
    expect(tx.sendResponse(response(bye, 500))).toBe(false);
  });
});
