import { decimalValue, isJsSpace, isToken } from './char-classes.js';
import type { HeaderMap } from './header-map.js';
import { parseError } from './parse-error.js';
import { parseNameAddr } from './parse-name-addr.js';
import { clip, parseUri } from './parse-uri.js';
import { parseVia } from './parse-via.js';
import { parseRequestUri, type StartLine } from './start-line.js';
import type { NameAddr, SipMessage, SipRequest, SipResponse, SipUri, Via } from './types.js';

/** Fields already parsed from the very same header text (a response copies its request's Via and From). */
export interface KnownFields {
  readonly vias?: readonly Via[] | undefined;
  readonly from?: NameAddr | undefined;
  readonly to?: NameAddr | undefined;
}

/**
 * Which of the Request-URI, Via, From and To are parsed before the message is handed out; the others are
 * parsed on first read (and throw `SIP_PARSE_ERROR` then).
 * - `all`: everything (a message rebuilt around changed headers).
 * - `request`: a request from the network. Via and To now; out of dialog (no To tag) also From and the
 *   Request-URI, so every RFC 4475 / RFC 5118 rejection of a new request happens at parse time. In a
 *   dialog the To tag and Call-ID already found it: an ACK reads its From tag, a BYE neither.
 * - `routing`: a response from the network. Via (transaction matching) and To (dialog tag) now; From is
 *   read only for a stray 2xx.
 * - `none`: a message built in code from values this process made or already checked. Most are
 *   serialized and never read: the 200 to a BYE, an ACK, the INVITE towards a destination.
 */
export type ParseNow = 'all' | 'request' | 'routing' | 'none';

/** §8.1.1.5: the CSeq sequence number is below 2**31. */
const MAX_CSEQ = 2 ** 31 - 1;

/**
 * Assembles a message: Call-ID and CSeq parsed now, Via, From and To as `parseNow` says (§8.1.1).
 * Throws `SIP_PARSE_ERROR` (400) when one of them is missing, repeated (RFC 4475 §3.3.8) or malformed,
 * or when the CSeq method differs from the request method (RFC 4475 §3.1.2.17).
 */
export function createMessage(
  start: StartLine,
  headers: HeaderMap,
  body: Buffer,
  known: KnownFields = NO_KNOWN_FIELDS,
  parseNow: ParseNow = 'all',
): SipMessage {
  if (headers.rawLines('via').length === 0) throw parseError('missing Via header');
  const callId = parseCallId(single(headers, 'call-id'));
  const cseq = parseCSeq(single(headers, 'cseq'));
  single(headers, 'from');
  single(headers, 'to');
  let message: SipMessage;
  if (start.kind === 'response') {
    message = new ParsedResponse(start.status, start.reason, headers, body, callId, cseq, known);
  } else {
    if (cseq.method !== start.method) {
      throw parseError(`CSeq method ${clip(cseq.method, 20)} differs from ${clip(start.method, 20)}`);
    }
    message = new ParsedRequest(start.method, start.uri, start.uriText, headers, body, callId, cseq, known);
  }
  if (parseNow === 'none') return message;
  void message.vias;
  const inDialog = message.to.params.has('tag');
  if (parseNow === 'all' || (parseNow === 'request' && !inDialog)) {
    void message.from;
    if (message.kind === 'request') (message as ParsedRequest).checkUri();
  }
  return message;
}

/**
 * A copy of `message` with another Request-URI (parsed now: throws `SIP_PARSE_ERROR`) or body; the
 * fields parsed so far are carried over, the others still parse on first read.
 */
export function copyMessage<T extends SipMessage>(
  message: T,
  changes: { readonly uriText?: string; readonly body?: Buffer },
): T {
  const body = changes.body ?? message.body;
  const newUri = changes.uriText === undefined ? undefined : parseUri(changes.uriText);
  if (message.kind === 'response') {
    if (!isOurs(message)) return { ...message, body };
    const { status, reason, headers, callId, cseq } = message;
    const known = message.parsedSoFar();
    return new ParsedResponse(status, reason, headers, body, callId, cseq, known) as SipMessage as T;
  }
  const uriText = changes.uriText ?? message.uriText;
  // A message object made elsewhere (a test's literal) has every field parsed: a plain copy will do.
  if (!isOurs(message)) return { ...message, body, uri: newUri ?? message.uri, uriText };
  const { method, headers, callId, cseq } = message;
  const uri = newUri ?? (message as ParsedRequest).uriSoFar();
  const known = message.parsedSoFar();
  return new ParsedRequest(method, uri, uriText, headers, body, callId, cseq, known) as SipMessage as T;
}

/** The Via, From and To `message` has parsed already (all of them for a message that is not ours). */
export function parsedFields(message: SipMessage): KnownFields {
  if (isOurs(message)) return message.parsedSoFar();
  return { vias: message.vias, from: message.from, to: message.to };
}

/** The Request-URI `request` has parsed already, if any. */
export function parsedUri(request: SipRequest): SipUri | undefined {
  return request instanceof ParsedRequest ? request.uriSoFar() : request.uri;
}

/**
 * The top Via's branch (§17.1.3 keys a client transaction with it). Our own Vias (`SipStack.viaFor`) have the
 * plain shape `parseVia` reads with one regular expression, so parsing them costs ~1 µs.
 */
export function topViaBranch(message: SipMessage): string | undefined {
  return message.vias[0]?.branch;
}

function isOurs(message: SipMessage): message is ParsedRequest | ParsedResponse {
  return message instanceof MessageFields;
}

const NO_KNOWN_FIELDS: KnownFields = {};

/** Call-ID, CSeq and the lazily parsed Via, From and To of both kinds of message. */
abstract class MessageFields {
  readonly headers: HeaderMap;
  readonly body: Buffer;
  readonly callId: string;
  readonly cseq: { readonly seq: number; readonly method: string };
  #vias: readonly Via[] | undefined;
  #from: NameAddr | undefined;
  #to: NameAddr | undefined;

  constructor(
    headers: HeaderMap,
    body: Buffer,
    callId: string,
    cseq: { seq: number; method: string },
    known: KnownFields,
  ) {
    this.headers = headers;
    this.body = body;
    this.callId = callId;
    this.cseq = cseq;
    this.#vias = known.vias;
    this.#from = known.from;
    this.#to = known.to;
  }

  get vias(): readonly Via[] {
    if (this.#vias === undefined) this.#vias = this.headers.getAll('via').map(parseVia);
    return this.#vias;
  }

  get from(): NameAddr {
    if (this.#from === undefined) this.#from = parseNameAddr(this.headers.rawLines('from')[0]!);
    return this.#from;
  }

  get to(): NameAddr {
    if (this.#to === undefined) this.#to = parseNameAddr(this.headers.rawLines('to')[0]!);
    return this.#to;
  }

  parsedSoFar(): KnownFields {
    return { vias: this.#vias, from: this.#from, to: this.#to };
  }
}

class ParsedRequest extends MessageFields implements SipRequest {
  readonly kind = 'request' as const;
  readonly method: string;
  readonly uriText: string;
  #uri: SipUri | undefined;

  constructor(
    method: string,
    uri: SipUri | undefined,
    uriText: string,
    headers: HeaderMap,
    body: Buffer,
    callId: string,
    cseq: { seq: number; method: string },
    known: KnownFields,
  ) {
    super(headers, body, callId, cseq, known);
    this.method = method;
    this.uriText = uriText;
    this.#uri = uri;
  }

  get uri(): SipUri {
    if (this.#uri === undefined) this.#uri = parseUri(this.uriText);
    return this.#uri;
  }

  uriSoFar(): SipUri | undefined {
    return this.#uri;
  }

  /** Parses the Request-URI now, with the Request-Line's own rules (no headers, RFC 4475 §3.1.2.11). */
  checkUri(): void {
    this.#uri ??= parseRequestUri(this.uriText);
  }
}

class ParsedResponse extends MessageFields implements SipResponse {
  readonly kind = 'response' as const;
  readonly status: number;
  readonly reason: string;

  constructor(
    status: number,
    reason: string,
    headers: HeaderMap,
    body: Buffer,
    callId: string,
    cseq: { seq: number; method: string },
    known: KnownFields,
  ) {
    super(headers, body, callId, cseq, known);
    this.status = status;
    this.reason = reason;
  }
}

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
  const seq = decimalValue(digits, 10);
  if (seq < 0 || seq > MAX_CSEQ || !isToken(method)) throw parseError(`malformed CSeq: ${clip(value)}`);
  return { seq, method };
}

/** Index of the first character a RegExp `\s` matches, or -1 (a loop: this runs on every message). */
function firstSpace(text: string): number {
  for (let i = 0; i < text.length; i++) if (isJsSpace(text.charCodeAt(i))) return i;
  return -1;
}
