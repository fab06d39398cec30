import type { SipMessage, SipRequest } from '../message/types.js';

/** §8.1.1.7: branches starting with the magic cookie are unique, so they alone identify a transaction. */
export const MAGIC_COOKIE = 'z9hG4bK';

/** §17.1.3: a response matches a client transaction by top Via branch and CSeq method. */
export function clientKey(message: SipMessage): string | undefined {
  const branch = message.vias[0]?.branch;
  if (!branch) return undefined;
  return `${branch}|${message.cseq.method}`;
}

/**
 * §17.2.3: a request matches a server transaction by branch, sent-by and method, where ACK matches
 * INVITE. Without the magic cookie (RFC 2543 peers) the Call-ID, From tag, CSeq number and top Via stand
 * in for the branch.
 */
export function serverKey(request: SipRequest, method: string = request.method): string | undefined {
  const via = request.vias[0];
  if (!via) return undefined;
  const keyMethod = method === 'ACK' ? 'INVITE' : method;
  const sentBy = `${via.host}:${via.port ?? ''}`;
  if (via.branch?.startsWith(MAGIC_COOKIE)) return `${via.branch}|${sentBy}|${keyMethod}`;
  const fromTag = request.from.params.get('tag') ?? '';
  return `2543|${request.callId}|${fromTag}|${request.cseq.seq}|${sentBy}|${via.branch ?? ''}|${keyMethod}`;
}

/** §8.2.2.2: requests merged by a forking proxy share From tag, Call-ID and CSeq but not the branch. */
export function mergeKey(request: SipRequest): string {
  return `${request.from.params.get('tag') ?? ''}|${request.callId}|${request.cseq.seq}|${request.method}`;
}

/** An ACK for a 2xx is matched to its INVITE server transaction by dialog, not branch (§13.3.1.4, §17.1.1.3). */
export function ackDialogKey(message: SipMessage): string {
  return `${message.callId}|${message.cseq.seq}|${message.from.params.get('tag') ?? ''}`;
}
