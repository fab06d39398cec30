import { formatVia, withHeaders } from '../message/index.js';
import type { Endpoint, SipRequest } from '../message/types.js';
import { unbracket } from './transport.js';

/**
 * §18.2.1: add `received` to the top Via when the source address differs from its sent-by host, and
 * RFC 3581 §4: when the Via carries `rport`, fill it with the source port (and always add `received`).
 * Returns the request unchanged (same object) when nothing needs stamping: the common trunk case.
 */
export function stampVia(request: SipRequest, source: Endpoint): SipRequest {
  const top = request.vias[0];
  if (!top) return request;
  const wantsRport = top.rport !== undefined;
  const differs = unbracket(top.host) !== source.address;
  if (!wantsRport && !differs) return request;
  const params = new Map(top.params);
  params.set('received', source.address);
  if (wantsRport) params.set('rport', String(source.port));
  const stamped = formatVia({
    ...top,
    received: source.address,
    rport: wantsRport ? String(source.port) : undefined,
    params,
  });
  const [, ...rest] = request.headers.getAll('via');
  return withHeaders(request, { set: { via: [stamped, ...rest] } }) as SipRequest;
}
