import { buildRequest } from '../message/index.js';
import type { SipRequest, SipResponse } from '../message/types.js';

type HeaderList = [string, string][];

/**
 * §17.1.1.3: the ACK for a non-2xx final response belongs to the INVITE transaction: same Request-URI,
 * Call-ID, From, CSeq number and top Via (so the same branch), Route copied, To from the response.
 */
export function buildNon2xxAck(invite: SipRequest, response: SipResponse): SipRequest {
  const headers: HeaderList = [['via', invite.headers.get('via') ?? '']];
  for (const route of invite.headers.getAll('route')) headers.push(['route', route]);
  headers.push(
    ['max-forwards', '70'],
    ['from', invite.headers.get('from') ?? ''],
    ['to', response.headers.get('to') ?? ''],
    ['call-id', invite.callId],
    ['cseq', `${invite.cseq.seq} ACK`],
    ['content-length', '0'],
  );
  return buildRequest({ method: 'ACK', uri: invite.uriText, headers });
}

/** §9.1: CANCEL copies Request-URI, Call-ID, To, From, the CSeq number, the top Via and Route. */
export function buildCancel(invite: SipRequest): SipRequest {
  const headers: HeaderList = [['via', invite.headers.get('via') ?? '']];
  for (const route of invite.headers.getAll('route')) headers.push(['route', route]);
  headers.push(
    ['max-forwards', '70'],
    ['from', invite.headers.get('from') ?? ''],
    ['to', invite.headers.get('to') ?? ''],
    ['call-id', invite.callId],
    ['cseq', `${invite.cseq.seq} CANCEL`],
    ['content-length', '0'],
  );
  return buildRequest({ method: 'CANCEL', uri: invite.uriText, headers });
}
