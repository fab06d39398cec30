import { isJsSpace, sameIgnoringCase } from '../message/char-classes.js';
import { buildRequest } from '../message/index.js';
import type { Endpoint, SipRequest } from '../message/types.js';

export interface DialogFields {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  /** Our From (UAC) or To (UAS) header value, without its tag. */
  readonly localUri: string;
  readonly remoteUri: string;
  /** §12.1.1 / §12.1.2: the Contact URI of the peer, the Request-URI of our requests. */
  readonly remoteTarget: string;
  /** Route set, in the order the Route headers are written (§12.1.1 UAS order, §12.1.2 UAC reversed). */
  readonly routeSet: readonly string[];
  readonly localSeq: number;
  readonly remoteSeq: number;
  /** Where our requests go: the trunk or caller the dialog was set up with (no DNS, local trunks). */
  readonly peer: Endpoint;
  /** Our Contact header value. */
  readonly contact: string;
}

export interface InDialogRequest {
  readonly method: string;
  readonly via: string;
  readonly maxForwards?: number;
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: Buffer;
  /** ACK for a 2xx and CANCEL reuse the INVITE's CSeq number (§13.2.2.4); others take the next one. */
  readonly cseq?: number;
}

/** RFC 3261 §12: the state of one dialog, and how requests inside it are built (§12.2.1.1). */
export class Dialog {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly peer: Endpoint;
  /** Our Contact in this dialog. */
  readonly contact: string;
  // Copied from DialogFields rather than kept as that object: `request` runs ~3 times per call, and a
  // field read on the caller's object literals (a shape per call site) missed V8's inline caches.
  private readonly localUri: string;
  private readonly remoteUri: string;
  private readonly remoteTarget: string;
  private readonly routeSet: readonly string[];
  private localSeq: number;
  private remoteSeq: number;

  constructor(fields: DialogFields) {
    this.callId = fields.callId;
    this.localTag = fields.localTag;
    this.remoteTag = fields.remoteTag;
    this.peer = fields.peer;
    this.contact = fields.contact;
    this.localUri = fields.localUri;
    this.remoteUri = fields.remoteUri;
    this.remoteTarget = fields.remoteTarget;
    this.routeSet = fields.routeSet;
    this.localSeq = fields.localSeq;
    this.remoteSeq = fields.remoteSeq;
  }

  /** The key incoming requests are matched by: Call-ID and our tag (their To tag). */
  get id(): string {
    return dialogId(this.callId, this.localTag);
  }

  /**
   * §12.2.2: a remote CSeq lower than the last one is out of order (answer 500); retransmissions never
   * get here (the transaction layer absorbs them).
   */
  acceptRemoteSeq(seq: number): boolean {
    if (seq < this.remoteSeq) return false;
    this.remoteSeq = seq;
    return true;
  }

  request(spec: InDialogRequest): SipRequest {
    const { method, via, maxForwards, headers: extra, body, cseq } = spec;
    const seq = cseq ?? ++this.localSeq;
    const headers: [string, string][] = [['via', via]];
    for (const route of this.routeSet) headers.push(['route', route]);
    headers.push(
      ['max-forwards', String(maxForwards ?? 70)],
      ['from', `${this.localUri};tag=${this.localTag}`],
      ['to', `${this.remoteUri};tag=${this.remoteTag}`],
      ['call-id', this.callId],
      ['cseq', `${seq} ${method}`],
      ['contact', this.contact],
    );
    if (extra) for (const [name, value] of extra) headers.push([name, value]);
    // Request-URI, From and To parse only if something reads them (most requests are just sent).
    return buildRequest({ method, uri: this.remoteTarget, headers, body });
  }
}

export function dialogId(callId: string, localTag: string): string {
  return `${callId}|${localTag}`;
}

/**
 * A name-addr header value without its `tag` parameter (the dialog keeps tags apart): the first
 * `;tag=value` (any case, LWS around `=`, the value up to `;`, `,` or LWS) is cut, as
 * `value.replace(/;\s*tag\s*=\s*[^;,\s]*\/i, '')` would, without a regular expression per leg.
 */
export function withoutTag(value: string): string {
  for (let semi = value.indexOf(';'); semi >= 0; semi = value.indexOf(';', semi + 1)) {
    const end = tagParamEnd(value, semi);
    if (end >= 0) return value.slice(0, semi) + value.slice(end);
  }
  return value;
}

/** Where a `;tag=value` starting at `semi` ends, or -1 when the parameter there is not `tag`. */
function tagParamEnd(text: string, semi: number): number {
  let i = skipSpace(text, semi + 1);
  if (!sameIgnoringCase(text, i, 'tag')) return -1;
  i = skipSpace(text, i + 3);
  if (text.charCodeAt(i) !== 61) return -1;
  i = skipSpace(text, i + 1);
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 59 || code === 44 || isJsSpace(code)) break;
    i++;
  }
  return i;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isJsSpace(text.charCodeAt(i))) i++;
  return i;
}
