import type { SipResponse } from '../message/types.js';
import { maxForwards } from '../transaction/request-policy.js';
import type { IncomingRequest } from '../transaction/sip-stack-options.js';
import type { Leg } from './leg.js';

/** Which side ended a bridge first. */
export type BridgeSide = 'a' | 'b';

/** Headers an in-dialog request or its response carries across the B2BUA besides its body. */
const PASSED_HEADERS = ['content-type', 'content-disposition', 'info-package', 'event', 'reason'] as const;

export interface BridgeOptions {
  /**
   * Each leg talks to a media endpoint of ours (RTP relayed, not passed through): its re-INVITEs and
   * UPDATEs are answered on its own side instead of being passed to the other leg (RFC 3264 §8).
   */
  readonly answerOffer?: (incoming: IncomingRequest, from: Leg) => void;
}

/**
 * Joins two legs with confirmed dialogs: in-dialog requests (re-INVITE, UPDATE, INFO, OPTIONS) are passed
 * to the other leg and their final responses passed back; the first BYE (or failure) ends the other leg
 * with a BYE. Resolves with the side that ended first.
 */
export function bridgeLegs(a: Leg, b: Leg, options: BridgeOptions = {}): Promise<BridgeSide> {
  const { answerOffer } = options;
  return new Promise((resolve) => {
    // Resolved once, by the side that ended first: resolving a settled promise again is not free in V8
    // (it reports the second resolution to the embedder, ~1 % of the event loop at 2,000 calls/s).
    let settled = false;
    const link = (from: Leg, to: Leg, side: BridgeSide): void => {
      from.onInDialogRequest = (incoming) => {
        const method = incoming.request.method;
        if (answerOffer && (method === 'INVITE' || method === 'UPDATE')) answerOffer(incoming, from);
        else relayRequest(incoming, from, to);
      };
      const ended = (): void => {
        if (!settled) {
          settled = true;
          resolve(side); // before the other leg's own end can claim it
        }
        to.hangup();
      };
      if (from.ended) ended();
      else from.on('ended', ended);
    };
    link(a, b, 'a');
    link(b, a, 'b');
  });
}

/** §16-style relaying done by a UA pair: a new request in the other dialog, Max-Forwards decremented. */
function relayRequest({ request, transaction }: IncomingRequest, from: Leg, to: Leg): void {
  if (!transaction) return;
  const tx = to.sendInDialog({
    method: request.method,
    maxForwards: maxForwards(request) - 1,
    headers: passed(request.headers),
    body: request.body,
  });
  if (!tx) {
    transaction.respond(481, 'Call/Transaction Does Not Exist');
    return;
  }
  tx.on('response', (response: SipResponse) => {
    if (response.status === 100) return; // hop by hop (§17.2.1)
    // The far side's 2xx to a re-INVITE is ACKed here; the near side's ACK ends at our transaction.
    if (request.method === 'INVITE' && response.status < 300 && response.status >= 200)
      to.ackInDialog(response.cseq.seq);
    const headers = passed(response.headers);
    const contact = from.dialog?.contact;
    if (contact && request.method === 'INVITE') headers.push(['contact', contact]);
    transaction.respond(response.status, response.reason, { headers, body: response.body });
  });
  tx.on('timeout', () => transaction.respond(408, 'Request Timeout'));
  tx.on('transport-error', () => transaction.respond(503, 'Service Unavailable'));
}

function passed(headers: IncomingRequest['request']['headers']): [string, string][] {
  const out: [string, string][] = [];
  for (const name of PASSED_HEADERS) for (const value of headers.getAll(name)) out.push([name, value]);
  return out;
}
