import { isDigits, isJsSpace, isToken } from './char-classes.js';
import type { HeaderMap } from './header-map.js';
import { parseError } from './parse-error.js';
import { parseNameAddr } from './parse-name-addr.js';
import { clip } from './parse-uri.js';
import { parseVia } from './parse-via.js';
import type { StartLine } from './start-line.js';
import type { NameAddr, SipMessage, Via } from './types.js';

/** Fields already parsed from the very same header text (a response copies its request's Via and From). */
export interface KnownFields {
  readonly vias?: readonly Via[];
  readonly from?: NameAddr;
  readonly to?: NameAddr;
}

/** §8.1.1.5: the CSeq sequence number is below 2**31. */
const MAX_CSEQ = 2 ** 31 - 1;

/**
 * Assembles a message and parses the headers every layer needs (§8.1.1: Via, From, To, Call-ID, CSeq).
 * Throws `SIP_PARSE_ERROR` (400) when one is missing, repeated (RFC 4475 §3.3.8) or malformed,
 * or when the CSeq method differs from the request method (RFC 4475 §3.1.2.17).
 */
export function createMessage(
  start: StartLine,
  headers: HeaderMap,
  body: Buffer,
  known: KnownFields = NO_KNOWN_FIELDS,
): SipMessage {
  const viaValues = headers.getAll('via');
  if (viaValues.length === 0) throw parseError('missing Via header');
  const callId = parseCallId(single(headers, 'call-id'));
  const cseq = parseCSeq(single(headers, 'cseq'));
  const vias = known.vias ?? viaValues.map(parseVia);
  const from = known.from ?? parseNameAddr(single(headers, 'from'));
  const to = known.to ?? parseNameAddr(single(headers, 'to'));
  // Literals spelled out rather than spread from a shared base: this runs for every message.
  if (start.kind === 'response') {
    const { status, reason } = start;
    return { kind: 'response', status, reason, headers, body, callId, cseq, vias, from, to };
  }
  if (cseq.method !== start.method) {
    throw parseError(`CSeq method ${clip(cseq.method, 20)} differs from ${clip(start.method, 20)}`);
  }
  const { method, uri, uriText } = start;
  return { kind: 'request', method, uri, uriText, headers, body, callId, cseq, vias, from, to };
}

const NO_KNOWN_FIELDS: KnownFields = {};

function single(headers: HeaderMap, name: string): string {
  const values = headers.rawLines(name);
  if (values.length === 0) throw parseError(`missing ${name} header`);
  if (values.length > 1) throw parseError(`several ${name} headers`);
  return values[0]!;
}

/** callid = word [ "@" word ] (§25.1): no whitespace. */
function parseCallId(value: string): string {
  if (value.length === 0 || firstSpace(value) >= 0) throw parseError(`malformed Call-ID: ${clip(value)}`);
  return value;
}

/** CSeq = 1*DIGIT LWS Method (§20.16). */
function parseCSeq(value: string): { seq: number; method: string } {
  const space = firstSpace(value);
  const digits = space < 0 ? value : value.slice(0, space);
  const method = space < 0 ? '' : value.slice(space + 1).trim();
  const seq = isDigits(digits, 10) ? Number(digits) : Number.NaN;
  if (!(seq <= MAX_CSEQ) || !isToken(method)) throw parseError(`malformed CSeq: ${clip(value)}`);
  return { seq, method };
}

/** Index of the first character a RegExp `\s` matches, or -1 (a loop: this runs on every message). */
function firstSpace(text: string): number {
  for (let i = 0; i < text.length; i++) if (isJsSpace(text.charCodeAt(i))) return i;
  return -1;
}
