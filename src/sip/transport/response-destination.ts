import type { Endpoint, Via } from '../message/types.js';
import { unbracket } from './transport.js';

/** §18.2.2 / §19.1.2 default port when sent-by has none. */
const DEFAULT_SIP_PORT = 5060;

/**
 * Where a response goes, from the (stamped) top Via of its request (RFC 3261 §18.2.2, RFC 3581 §4):
 * over TCP, back to the connection the request came on (keyed by its source), or if that one has closed,
 * a new connection to `received` (or the sent-by host) and the sent-by port; over UDP, to `received`
 * (or the sent-by host) and `rport` (or the sent-by port).
 */
export function responseDestination(
  via: Via | undefined,
  source: Endpoint | undefined,
): Endpoint | undefined {
  if (!via) return source;
  const transport = via.transport === 'TCP' ? 'tcp' : 'udp';
  if (transport === 'tcp') {
    const sentBy: Endpoint = {
      transport,
      address: unbracket(via.received ?? via.host),
      port: via.port ?? DEFAULT_SIP_PORT,
    };
    if (source?.transport !== 'tcp') return sentBy;
    return { ...source, reconnect: sentBy };
  }
  if (source?.transport === 'tcp') return source;
  const rport = via.rport ? Number(via.rport) : Number.NaN;
  const port = Number.isInteger(rport) && rport > 0 ? rport : (via.port ?? DEFAULT_SIP_PORT);
  return { transport, address: unbracket(via.received ?? via.host), port };
}
