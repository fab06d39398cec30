import { vi } from 'vitest';
import { buildResponse, parseMessage } from '../../../../src/sip/message/index.js';
import type { Endpoint, SipRequest, SipResponse } from '../../../../src/sip/message/types.js';
import { TimerQueue } from '../../../../src/sip/transaction/timer-queue.js';
import { DEFAULT_TIMERS, deriveTimers } from '../../../../src/sip/transaction/timer-values.js';
import type { TransactionHost } from '../../../../src/sip/transaction/transaction-host.js';

export const T1 = DEFAULT_TIMERS.t1;
export const T2 = DEFAULT_TIMERS.t2;
export const T4 = DEFAULT_TIMERS.t4;

export const UDP_PEER: Endpoint = { transport: 'udp', address: '127.0.0.1', port: 5070 };
export const TCP_PEER: Endpoint = { transport: 'tcp', address: '127.0.0.1', port: 5070 };

export interface Sent {
  readonly text: string;
  readonly destination: Endpoint;
}

/** A transaction host that records what is sent; the timer queue runs on vitest's fake clock. */
export function recordingHost(options: { tryingDelay?: number } = {}) {
  const sent: Sent[] = [];
  const cancels: SipRequest[] = [];
  const terminated: string[] = [];
  const settled: string[] = [];
  const host: TransactionHost = {
    queue: new TimerQueue(),
    tryingDelay: options.tryingDelay ?? 0,
    timersFor: (transport) => deriveTimers(DEFAULT_TIMERS, transport === 'tcp'),
    send: (data, destination) => sent.push({ text: data, destination }),
    settled: (tx) => settled.push(tx.key),
    terminated: (tx) => terminated.push(tx.key),
    startCancel: (cancel) => cancels.push(cancel),
    listenerError: (err) => {
      throw err;
    },
  };
  return {
    host,
    sent,
    cancels,
    terminated,
    settled,
    startLines: () => sent.map((s) => s.text.split('\r\n', 1)[0]),
  };
}

let counter = 0;

export function request(
  method: string,
  options: { transport?: 'UDP' | 'TCP'; toTag?: string } = {},
): SipRequest {
  counter++;
  const to = `<sip:+3225550100@127.0.0.1>${options.toTag ? `;tag=${options.toTag}` : ''}`;
  const text = [
    `${method} sip:+3225550100@127.0.0.1 SIP/2.0`,
    `Via: SIP/2.0/${options.transport ?? 'UDP'} 127.0.0.1:5070;branch=z9hG4bK-test-${counter};rport`,
    'Max-Forwards: 70',
    `From: <sip:+3226660100@127.0.0.1>;tag=from-${counter}`,
    `To: ${to}`,
    `Call-ID: call-${counter}@test`,
    `CSeq: 1 ${method}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  return parseMessage(Buffer.from(text)) as SipRequest;
}

export function response(req: SipRequest, status: number): SipResponse {
  return buildResponse(req, status, undefined, status > 100 ? { toTag: 'to-tag-1' } : {});
}

export function useFakeClock(): void {
  vi.useFakeTimers({ now: 1_000_000 });
}
