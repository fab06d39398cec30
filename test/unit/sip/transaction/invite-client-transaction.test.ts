import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError, isAppError } from '../../../../src/errors/index.js';
import { serializeWire } from '../../../../src/sip/message/index.js';
import type { Endpoint, SipRequest, SipResponse } from '../../../../src/sip/message/types.js';
import { InviteClientTransaction } from '../../../../src/sip/transaction/invite-client-transaction.js';
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
  const invite = request('INVITE', { transport: peer.transport === 'tcp' ? 'TCP' : 'UDP' });
  const tx = new InviteClientTransaction(recorder.host, 'key', invite, serializeWire(invite), peer);
  const responses: SipResponse[] = [];
  tx.on('response', (r) => responses.push(r));
  tx.start();
  return { ...recorder, invite, tx, responses };
}

describe('INVITE client transaction (RFC 3261 §17.1.1, RFC 6026)', () => {
  beforeEach(useFakeClock);
  afterEach(() => vi.useRealTimers());

  it('retransmits over UDP on Timer A, doubling from T1, until Timer B times out at 64*T1', async () => {
    const { tx, sent, terminated } = start(UDP_PEER);
    const final = tx.finalResponse();
    const outcome = final.catch((err: unknown) => err);
    vi.advanceTimersByTime(T1 - 1);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(2 * T1);
    expect(sent).toHaveLength(3);
    vi.advanceTimersByTime(4 * T1);
    expect(sent).toHaveLength(4);
    expect(tx.state).toBe('calling');
    vi.advanceTimersByTime(64 * T1 - 7 * T1);
    // A fires at 1, 3, 7, 15, 31 and 63 T1: six retransmissions before B at 64 T1.
    expect(sent).toHaveLength(7);
    expect(tx.state).toBe('terminated');
    expect(terminated).toEqual(['key']);
    const err = await outcome;
    expect(isAppError(err, 'SIP_TRANSACTION_TIMEOUT')).toBe(true);
  });

  it('never retransmits over TCP and still times out on Timer B', () => {
    const { tx, sent } = start(TCP_PEER);
    const timeout = vi.fn();
    tx.on('timeout', timeout);
    vi.advanceTimersByTime(64 * T1 - 1);
    expect(sent).toHaveLength(1);
    expect(timeout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(timeout).toHaveBeenCalledOnce();
    expect(tx.state).toBe('terminated');
  });

  it('stops retransmitting and cancels Timer B once a provisional response arrives', () => {
    const { tx, sent, invite, responses } = start(UDP_PEER);
    tx.receiveResponse(response(invite, 180));
    expect(tx.state).toBe('proceeding');
    vi.advanceTimersByTime(200 * T1);
    expect(sent).toHaveLength(1);
    expect(tx.state).toBe('proceeding');
    expect(responses.map((r) => r.status)).toEqual([180]);
  });

  it('ACKs a non-2xx final response in the same transaction and resends that ACK for retransmissions', async () => {
    const { tx, sent, invite, responses } = start(UDP_PEER);
    const busy = response(invite, 486);
    tx.receiveResponse(busy);
    expect(await tx.finalResponse()).toBe(busy);
    const ack = sent[1]?.text ?? '';
    expect(ack.startsWith(`ACK ${invite.uriText} SIP/2.0`)).toBe(true);
    expect(ack).toContain(`branch=${invite.vias[0]?.branch}`);
    expect(ack).toContain('tag=to-tag-1');
    expect(ack).toMatch(/CSeq: 1 ACK/);
    tx.receiveResponse(busy);
    expect(sent.map((s) => s.text.split(' ', 1)[0])).toEqual(['INVITE', 'ACK', 'ACK']);
    expect(responses).toHaveLength(1);
  });

  it('waits Timer D (32 s) in Completed over UDP before terminating', () => {
    const { tx, invite } = start(UDP_PEER);
    tx.receiveResponse(response(invite, 503));
    vi.advanceTimersByTime(32_000 - 1);
    expect(tx.state).toBe('completed');
    vi.advanceTimersByTime(1);
    expect(tx.state).toBe('terminated');
  });

  it('terminates at once after a non-2xx over TCP (Timer D is zero)', () => {
    const { tx, invite, sent } = start(TCP_PEER);
    tx.receiveResponse(response(invite, 404));
    expect(tx.state).toBe('terminated');
    expect(sent.map((s) => s.text.split(' ', 1)[0])).toEqual(['INVITE', 'ACK']);
  });

  it('keeps passing 2xx retransmissions to the TU in Accepted until Timer M', () => {
    const { tx, invite, sent, responses } = start(UDP_PEER);
    const ok = response(invite, 200);
    tx.receiveResponse(ok);
    tx.receiveResponse(ok);
    tx.receiveResponse(response(invite, 486));
    expect(tx.state).toBe('accepted');
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(sent).toHaveLength(1); // the TU ACKs a 2xx, not the transaction (§13.2.2.4)
    vi.advanceTimersByTime(64 * T1 - 1);
    expect(tx.state).toBe('accepted');
    vi.advanceTimersByTime(1);
    expect(tx.state).toBe('terminated');
  });

  it('holds a CANCEL until the first provisional response, then starts it (§9.1)', () => {
    const { tx, invite, cancels } = start(UDP_PEER);
    tx.cancel();
    expect(cancels).toHaveLength(0);
    tx.receiveResponse(response(invite, 100));
    expect(cancels).toHaveLength(1);
    const cancel = cancels[0] as SipRequest;
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.cseq).toEqual({ seq: invite.cseq.seq, method: 'CANCEL' });
    expect(cancel.vias[0]?.branch).toBe(invite.vias[0]?.branch);
  });

  it('gives up 64*T1 after its CANCEL when the callee never sends a final response (§9.1)', async () => {
    const { tx, invite, cancels, terminated } = start(UDP_PEER);
    tx.receiveResponse(response(invite, 180));
    const timedOut = vi.fn();
    tx.on('timeout', timedOut);
    const outcome = tx.finalResponse().catch((err: unknown) => err);
    vi.advanceTimersByTime(10 * T1);
    tx.cancel();
    expect(cancels).toHaveLength(1);
    vi.advanceTimersByTime(64 * T1 - 1);
    expect(tx.state).toBe('proceeding');
    vi.advanceTimersByTime(1);
    expect(tx.state).toBe('terminated');
    expect(timedOut).toHaveBeenCalledOnce();
    expect(terminated).toEqual(['key']);
    expect(isAppError(await outcome, 'SIP_TRANSACTION_TIMEOUT')).toBe(true);
  });

  it('keeps a cancelled INVITE that gets its 487 in time out of that timeout', () => {
    const { tx, invite } = start(UDP_PEER);
    tx.receiveResponse(response(invite, 180));
    tx.cancel();
    const timedOut = vi.fn();
    tx.on('timeout', timedOut);
    tx.receiveResponse(response(invite, 487));
    vi.advanceTimersByTime(200 * T1);
    expect(timedOut).not.toHaveBeenCalled();
    expect(tx.state).toBe('terminated');
  });

  it('sends no CANCEL once the INVITE has a final response', () => {
    const { tx, invite, cancels } = start(TCP_PEER);
    tx.receiveResponse(response(invite, 200));
    tx.cancel();
    expect(cancels).toHaveLength(0);
  });

  it('fails with SIP_TRANSPORT_ERROR when the transport reports an error', async () => {
    const { tx } = start(TCP_PEER);
    const outcome = tx.finalResponse().catch((err: unknown) => err);
    tx.transportError(new AppError('SIP_TRANSPORT_ERROR', 'refused'));
    expect(isAppError(await outcome, 'SIP_TRANSPORT_ERROR')).toBe(true);
    expect(tx.state).toBe('terminated');
  });
});
