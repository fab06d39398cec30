import { isDigits, isToken } from './char-classes.js';
import type { HeaderMap } from './header-map.js';
import { parseError } from './parse-error.js';
import { parseNameAddr } from './parse-name-addr.js';
import { clip } from './parse-uri.js';
import { parseVia } from './parse-via.js';
import type { StartLine } from './start-line.js';
import type { SipMessage } from './types.js';

/** §8.1.1.5: the CSeq sequence number is below 2**31. */
const MAX_CSEQ = 2 ** 31 - 1;

/**
 * Assembles a message and parses the headers every layer needs (§8.1.1: Via, From, To, Call-ID, CSeq).
 * Throws `SIP_PARSE_ERROR` (400) when one is missing, repeated (RFC 4475 §3.3.8) or malformed,
 * or when the CSeq method differs from the request method (RFC 4475 §3.1.2.17).
 */
export function createMessage(start: StartLine, headers: HeaderMap, body: Buffer): SipMessage {
  const viaValues = headers.getAll('via');
  if (viaValues.length === 0) throw parseError('missing Via header');
  const base = {
    headers,
    body,
    callId: parseCallId(single(headers, 'call-id')),
    cseq: parseCSeq(single(headers, 'cseq')),
    vias: viaValues.map(parseVia),
    from: parseNameAddr(single(headers, 'from')),
    to: parseNameAddr(single(headers, 'to')),
  };
  if (start.kind === 'response')
    return { kind: 'response', status: start.status, reason: start.reason, ...base };
  if (base.cseq.method !== start.method) {
    throw parseError(`CSeq method ${clip(base.cseq.method, 20)} differs from ${clip(start.method, 20)}`);
  }
  return { kind: 'request', method: start.method, uri: start.uri, uriText: start.uriText, ...base };
}

function single(headers: HeaderMap, name: string): string {
  const values = headers.rawLines(name);
  if (values.length === 0) throw parseError(`missing ${name} header`);
  if (values.length > 1) throw parseError(`several ${name} headers`);
  return values[0]!;
}

/** callid = word [ "@" word ] (§25.1): no whitespace. */
function parseCallId(value: string): string {
  if (value.length === 0 || /\s/.test(value)) throw parseError(`malformed Call-ID: ${clip(value)}`);
  return value;
}

/** CSeq = 1*DIGIT LWS Method (§20.16). */
function parseCSeq(value: string): { seq: number; method: string } {
  const space = value.search(/\s/);
  const digits = space < 0 ? value : value.slice(0, space);
  const method = space < 0 ? '' : value.slice(space + 1).trim();
  const seq = isDigits(digits, 10) ? Number(digits) : Number.NaN;
  if (!(seq <= MAX_CSEQ) || !isToken(method)) throw parseError(`malformed CSeq: ${clip(value)}`);
  return { seq, method };
}
