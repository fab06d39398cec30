import { topViaBranch } from '../message/index.js';
import type { SipMessage, SipRequest } from '../message/types.js';

/** §8.1.1.7: branches starting with the magic cookie are unique, so they alone identify a transaction. */
export const MAGIC_COOKIE = 'z9hG4bK';

/** §17.1.3: a response matches a client transaction by top Via branch and CSeq method. */
export function clientKey(message: SipMessage): string | undefined {
  const branch = topViaBranch(message);
  if (!branch) return undefined;
  return key([branch, message.cseq.method]);
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
  if (via.branch?.startsWith(MAGIC_COOKIE)) return key([via.branch, sentBy, keyMethod]);
  const fromTag = request.from.params.get('tag') ?? '';
  const seq = String(request.cseq.seq);
  return key(['2543', request.callId, fromTag, seq, sentBy, via.branch ?? '', keyMethod]);
}

/** §8.2.2.2: requests merged by a forking proxy share From tag, Call-ID and CSeq but not the branch. */
export function mergeKey(request: SipRequest): string {
  const fromTag = request.from.params.get('tag') ?? '';
  return key([fromTag, request.callId, String(request.cseq.seq), request.method]);
}

/** An ACK for a 2xx is matched to its INVITE server transaction by dialog, not branch (§13.3.1.4, §17.1.1.3). */
export function ackDialogKey(message: SipMessage): string {
  return key([message.callId, String(message.cseq.seq), message.from.params.get('tag') ?? '']);
}

/**
 * `parts` joined by `|` into one new flat string. The parts are slices of a message's text (a branch, a
 * tag) and keys live as long as their transaction, up to 64×T1 = 32 s: a template literal would make a
 * cons string of those slices and keep every message's whole text alive for that long.
 */
function key(parts: readonly string[]): string {
  return parts.join('|');
}
