import { assembleResponse, EMPTY_BODY } from './build-message.js';
import { HeaderMap } from './header-map.js';
import { normalizeHeaderName } from './header-names.js';
import type { SipRequest, SipResponse } from './types.js';

export interface ResponseOptions {
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: Buffer;
  /** Added to To when the request's To has no tag, on every response but 100 (§8.2.6.2). */
  readonly toTag?: string;
}

/**
 * A response to `request` (§8.2.6): copies Via (all, in order), From, To, Call-ID and CSeq;
 * Timestamp on 100 (§8.2.6.1); Record-Route on 101-299 so the dialog's route set forms (§12.1.1).
 * Throws `SIP_MESSAGE_INVALID` for a status outside 100-699.
 */
export function buildResponse(
  request: SipRequest,
  status: number,
  reason?: string,
  options: ResponseOptions = {},
): SipResponse {
  const source = request.headers;
  // The request's own arrays, not copies: a HeaderMap never changes the lines it holds (withHeaders
  // clones them), and the extra headers below are appended to a copy.
  const lines = (name: string): readonly string[] =>
    source instanceof HeaderMap ? source.rawLines(name) : source.getAll(name);
  const names = ['via', 'from', 'to', 'call-id', 'cseq'];
  const toLines = lines('to');
  const to = toLines.map((line) => withToTag(line, request, status, options.toTag));
  const values: (readonly string[])[] = [lines('via'), lines('from'), to, lines('call-id'), lines('cseq')];
  if (status === 100 && source.has('timestamp')) add(names, values, 'timestamp', lines('timestamp'));
  if (status > 100 && status < 300 && source.has('record-route'))
    add(names, values, 'record-route', lines('record-route'));
  for (const [name, value] of options.headers ?? []) {
    const key = normalizeHeaderName(name);
    if (key === 'content-length') continue;
    const at = names.indexOf(key);
    if (at < 0) add(names, values, key, [value]);
    else values[at] = [...values[at]!, value];
  }
  // Via and From are the request's text, so its parsed values hold; To too unless a tag was added.
  const known = { vias: request.vias, from: request.from, to: to[0] === toLines[0] ? request.to : undefined };
  return assembleResponse(status, reason, new HeaderMap(names, values), options.body ?? EMPTY_BODY, known);
}

function add(names: string[], values: (readonly string[])[], name: string, lines: readonly string[]): void {
  names.push(name);
  values.push(lines);
}

function withToTag(to: string, request: SipRequest, status: number, tag: string | undefined): string {
  const added = addedToTag(request, status, tag);
  return added === undefined ? to : `${to};tag=${added}`;
}

/** §8.2.6.2: the tag `buildResponse` adds to To: `toTag`, unless the request's To has one or this is a 100. */
function addedToTag(request: SipRequest, status: number, toTag: string | undefined): string | undefined {
  return status === 100 || request.to.params.has('tag') ? undefined : toTag;
}

/** The To tag of the response `buildResponse(request, status, _, { toTag })` builds, without parsing it back. */
export function responseToTag(
  request: SipRequest,
  status: number,
  toTag: string | undefined,
): string | undefined {
  return request.to.params.get('tag') ?? addedToTag(request, status, toTag);
}
